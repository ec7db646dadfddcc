"""The rules of the course: when weeks open, what "done" means, where to resume.

Pure functions over content, store records and a date passed in; no I/O, no Textual.
"""
