"""The case-conference fixtures for the cross-context conference tests kept here (outside the package contracts)."""

from ketensignaal.conferences.tests.conftest import case_for, invite, people  # noqa: F401
