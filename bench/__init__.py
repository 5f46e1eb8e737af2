"""Benchmarks: each figure next to the bare library measured in the same run, as a ratio."""
