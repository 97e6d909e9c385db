"""The session store (edge): a session file per quarter (SQLite), what goes in and out of it,
and the files written from it.
"""
