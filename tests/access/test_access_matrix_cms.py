"""The access matrix for CMS staff: QIS reviewers, intake, FQS reviewers, the COR, read-only
users, Security Officers and the help desk (tests/access/matrix.py judges each cell)."""

import pytest

from tests.access.matrix import assert_route_access, cases
from tests.access.routes import CMS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("check", "persona"), cases(CMS))
def test_route_access(world, check, persona):
    assert_route_access(world, check, persona)
