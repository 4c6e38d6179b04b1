"""Benchmarks: `python -m benchmarks` (see runner.py)."""
