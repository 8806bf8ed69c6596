"""Benchmark datasets: definitions of benchmark versions, the public leaderboards llmref
imports (``data/benchmarks/``), identity resolution of their model names, and the pure engine
functions that compare results within one benchmark version."""
