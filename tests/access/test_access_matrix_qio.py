"""The access matrix for QIO staff: associates of each QIO kind, the manager and the Support
Team (tests/access/matrix.py judges each cell)."""

import pytest

from tests.access.matrix import assert_route_access, cases
from tests.access.routes import QIO

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("check", "persona"), cases(QIO))
def test_route_access(world, check, persona):
    assert_route_access(world, check, persona)
