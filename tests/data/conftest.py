"""Fixtures the import tests share."""

import pytest


@pytest.fixture
def warehouse(published_copy):
    """A copy of the published warehouse of this test's own, to change."""
    return published_copy
