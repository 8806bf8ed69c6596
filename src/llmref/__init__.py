"""llmref: a sourced LLM reference and decision engine."""

__version__ = "0.2.0.dev0"
"""The package version (PEP 440); the wheel's metadata reads it from here."""
