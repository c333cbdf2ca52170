"""Backends side by side (benchmarks/compare.py): one child process per backend (child.py) behind
one interface (backends.py), timing and memory (measure.py), what is asked (picks.py), the web side
(web.py), and RESULTS.md (report.py)."""
