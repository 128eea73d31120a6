"""A mapping has the same key twice; YAML keeps only the last value, silently.

Failing:

    kind: persona
    id: ana
    name: Ana
    name: Ana Costa

Passing:

    kind: persona
    id: ana
    name: Ana Costa
"""

CODE = "CJM102"
NAME = "duplicate-key"
SEVERITY = "error"
