"""A document does not match the format: wrong type, missing field, unknown key or bad id.

Also reported for a file named on the command line that holds no persona, journey or
evidence. Unknown keys and misspelt values come with a "did you mean" hint.

Failing:

    kind: persona
    id: Ana Costa      # ids are lowercase: ana-costa
    nmae: Ana          # unknown key, did you mean `name`?

Passing:

    kind: persona
    id: ana-costa
    name: Ana
"""

CODE = "CJM103"
NAME = "schema"
SEVERITY = "error"
