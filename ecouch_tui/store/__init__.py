"""The only code that touches SQLite: one private file, versioned migrations, one
transaction per save.

Reads on the start-up path use the stdlib driver directly; sqlite-utils (about 50 ms
to import) is loaded on the first write or migration, and the app warms it in the
background after its first paint.
"""
