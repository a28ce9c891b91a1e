"""Renderers: one per output format. Each returns lines or renderables; the CLI writes them."""
