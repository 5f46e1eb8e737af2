"""Your data (placeholder while being written)."""
