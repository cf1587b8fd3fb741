"""Cross-context tests use the same fixtures as the contexts' own tests."""

from ketensignaal.conftest import api_client_for, make_user, reference  # noqa: F401
