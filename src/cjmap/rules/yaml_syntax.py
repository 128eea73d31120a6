"""The file is not valid YAML, or uses YAML that maps have no use for.

Reported at the exact character where parsing failed. Also covers tab indentation, unknown
tags, aliases to undefined anchors, nesting deeper than 64 levels and alias bombs (documents
that would expand past a million nodes are not expanded).

Failing:

    kind: persona
    id: ana
    name: [Ana

Passing:

    kind: persona
    id: ana
    name: Ana
"""

CODE = "CJM101"
NAME = "yaml-syntax"
SEVERITY = "error"
