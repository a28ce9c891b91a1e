"""Other people's tables into chrono's model: one module per source format, one shared cell reader."""
