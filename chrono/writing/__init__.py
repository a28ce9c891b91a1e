"""The one writer of files (links, owner, mode, devices), TOML text, and chrono fmt's layout."""
