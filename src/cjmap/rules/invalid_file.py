"""A file cjmap cannot read as YAML text: binary, not UTF-8, UTF-16, or over the size limit.

Failing (a file saved as Latin-1):

    kind: persona
    id: jose
    name: José   # the é is byte 0xe9, not UTF-8

Passing: the same file saved as UTF-8 (with or without a byte-order mark).
"""

CODE = "CJM100"
NAME = "invalid-file"
SEVERITY = "error"
