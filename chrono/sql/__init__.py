"""The read-only SQLite view of a chronology and its date functions."""
