"""Fixtures of the QIO program tests: providers, more personas, files."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qis_portal.models import Organization, OrgType, Role
from qis_portal.regions import Region
from tests.factories import QioFactory, user_with_role
from tests.qio_program.factories import ProviderFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n%fake but well-formed enough for a magic-byte check\n"


def ooxml(main_part: str) -> bytes:
    """A minimal Office Open XML package: the content-types part and the kind's main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<doc/>")
    return buffer.getvalue()


@pytest.fixture
def make_file():
    def _make(name: str, content: bytes, content_type: str = "application/octet-stream"):
        return SimpleUploadedFile(name, content, content_type=content_type)

    return _make


@pytest.fixture
def support_sam(northeast_qio):
    return user_with_role(Role.QIO_SUPPORT, northeast_qio, email="sam@northeast.test")


@pytest.fixture
def aian_qio(db):
    return QioFactory(name="Four Directions Tribal QIO", org_type=OrgType.AIAN_QIO,
                      region=Region.AIAN_SOUTHWEST)


@pytest.fixture
def aian_tala(aian_qio):
    return user_with_role(Role.QIO_ASSOCIATE, aian_qio, email="tala@aian.test")


@pytest.fixture
def ne_provider(db):
    return ProviderFactory(name="Maple Grove Nursing", ccn="205123")


@pytest.fixture
def west_provider(db):
    return ProviderFactory(name="Riverside Community Hospital", ccn="050329",
                           region=Region.WEST, state="CA", setting="hospital")


@pytest.fixture
def provider_org(db):
    return Organization.objects.create(name="Maple Grove Org", org_type=OrgType.PROVIDER,
                                       state="ME")


@pytest.fixture
def provider_pia(provider_org, ne_provider):
    ne_provider.organization = provider_org
    ne_provider.save()
    return user_with_role(Role.PROVIDER_USER, provider_org, email="pia@maplegrove.test")


@pytest.fixture
def ccn_counter():
    counter = {"n": 900000}

    def _next() -> str:
        counter["n"] += 1
        return str(counter["n"])

    return _next


@pytest.fixture
def count_queries():
    """Queries one GET runs (after a warm-up request that fills per-user caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def _count(client, url, data=None) -> int:
        client.get(url, data)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
        assert response.status_code == 200, response.status_code
        return len(captured)

    return _count
