"""One module per command: each opens what it needs, calls the core and returns a result.

Commands never print; the CLI hands their results to a reporter (cjmap.reporters).
"""
