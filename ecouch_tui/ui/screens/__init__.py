"""One screen per file; each imports only what it draws."""
