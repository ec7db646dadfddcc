"""The store's table APIs, one file a table; `store.db.Store` is all of them at once."""
