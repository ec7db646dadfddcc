"""The shell subcommands (`ecouch mood`, `checkin`, `export`, ...), one module each.

Each module has `run(args) -> int`; `cli.py` parses and imports only the one used.
None of them imports Textual.
"""
