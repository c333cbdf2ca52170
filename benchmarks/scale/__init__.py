"""Scale generator for benchmarks: synthetic releases (graph mode) and synthetic report corpora
(corpus mode) in the project's own model. Entry point: benchmarks/scale/generate.py."""
