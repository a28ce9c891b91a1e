"""TOML data files into the model, with file:line for every problem: the one reader of data files."""
