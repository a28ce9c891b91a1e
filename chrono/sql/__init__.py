"""The read-only SQLite view of a chronology and its date functions."""

# How long one statement of ``chrono sql`` may run, in seconds (docs/commands.md, --timeout): here,
# where the command's options can read it without importing sqlite3.
DEFAULT_TIMEOUT = 60.0
