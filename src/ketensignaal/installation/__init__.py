"""Installation and demo: loading reference and demo data, and the operator commands that span every context.

Part of the composition root (with ``urls``, ``api`` and ``reference``): it may import any context, and no
context imports it, so ``core`` stays free of domain knowledge (import-linter contracts in pyproject.toml).
"""
