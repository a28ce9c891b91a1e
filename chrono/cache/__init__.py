"""The one cache opener and key, for every file the cache keeps, and the timeline read from it."""
