"""The LRO fixtures for the cross-context coordination tests kept here (outside the package contracts)."""

from ketensignaal.coordination.tests.conftest import lro  # noqa: F401
