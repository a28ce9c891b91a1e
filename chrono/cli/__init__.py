"""The click shell: the only package that imports click."""
