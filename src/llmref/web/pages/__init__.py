"""Typed page contexts: one module per page.

Each module holds a frozen dataclass ``<Name>Page`` whose fields are data and strings already
formatted by :mod:`llmref.formatting` (never HTML), and a ``build_<name>(...)`` function that
reads the catalogue and the engines. Templates render these objects; escaping is the template
engine's job.
"""
