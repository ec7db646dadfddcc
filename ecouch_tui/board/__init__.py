"""The opt-in peer board: a Matrix homeserver's rooms, its rules, and our client of it.

Nothing here is imported unless the user has joined a board or runs `ecouch board`;
the rest of ecouch opens no socket.
"""
