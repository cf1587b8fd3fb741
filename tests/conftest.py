"""Cross-context tests use the same fixtures as the contexts' own tests (the autouse ones included)."""

from ketensignaal.conftest import (  # noqa: F401
    _fast_password_hashing,
    _fresh_reference_cache,
    _own_log_checkpoint_store,
    api_client_for,
    make_user,
    reference,
    web_client_for,
)
