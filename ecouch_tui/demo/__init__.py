"""`ecouch demo`'s sample data: a fictional person's twelve weeks, for clinicians to show.

`history` builds the timeline (pure and seeded, no I/O), `person` holds the words the
fictional person writes, and `writer` replays the timeline into a throwaway Store.
"""
