"""Pure answers over a timeline: filters, lookups, anniversaries, stats, diff and check."""
