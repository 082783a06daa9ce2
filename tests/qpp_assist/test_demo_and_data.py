"""The seed's table as data (migration 0002) and the idempotent demo."""

import pytest

from qis_portal.demo import seed_organizations, seed_users
from qis_portal.models import Role, User
from qpp_assist import demo, services
from qpp_assist.models import Contractor, ContractorType, HandOff, Inquiry
from qpp_assist.who_does_what import CONTRACTOR_TYPES

pytestmark = pytest.mark.django_db


def test_the_four_contractor_types_come_from_the_seed(contractor_types):
    types = {t.code: t for t in ContractorType.objects.all()}
    assert list(types) == ["qin_qio_qpp", "qpp_surs", "qin_qio_tcpi", "ptn"]
    assert types["qin_qio_qpp"].providers_served == (
        "Eligible Clinicians (ECs) in large groups (16 or more clinicians) in the QIN's region.")
    assert types["qpp_surs"].providers_excluded == (
        "ECs participating in advanced APMs or a PTN. ECs in large practices.")
    assert types["ptn"].providers_excluded.startswith("Clinicians participating in any APM")
    assert types["qin_qio_tcpi"].providers_excluded == (
        "Practices in the QIN's region that are not enrolled in a PTN.")
    assert types["qin_qio_qpp"].response_business_days == 1
    assert types["qpp_surs"].reach_goal_percent == 75
    focused = types["ptn"].key_services[-1]
    assert focused["text"] == "Focused technical assistance, such as:"
    assert len(focused["items"]) == 4


def test_the_data_migration_and_the_ensure_service_agree(contractor_types):
    services.contractor_types_ensure()
    assert ContractorType.objects.count() == len(CONTRACTOR_TYPES) == 4


def test_a_qin_qio_type_needs_a_qin_qio_and_a_surs_type_a_ta_contractor(
        contractor_types, northeast_qio, issuer_org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.contractor_register(organization=issuer_org, type_code="qin_qio_qpp",
                                     region="northeast")
    with pytest.raises(ValidationError):
        services.contractor_register(organization=northeast_qio, type_code="qpp_surs",
                                     region="northeast")
    with pytest.raises(ValidationError):
        services.contractor_register(organization=northeast_qio, type_code="qin_qio_qpp",
                                     region="west")


def test_the_demo_seeds_contractors_a_ptn_user_and_inquiries_in_several_states(
        django_capture_on_commit_callbacks):
    seed_users(seed_organizations())
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
        demo.seed()  # idempotent
    kit = User.objects.get(email="ptn@keystone.demo")
    assert kit.has_role(Role.TA_CONTRACTOR_STAFF)
    assert kit.check_password("demo-portal-2026")
    assert Contractor.objects.filter(contractor_type__code="ptn",
                                     organization__name=demo.PTN_ORG[0]).exists()
    assert Contractor.objects.filter(contractor_type__code="qin_qio_qpp").count() == 7
    statuses = set(Inquiry.objects.values_list("status", flat=True))
    assert statuses == {"routed", "help_desk", "answered"}
    assert Inquiry.objects.count() == 5
    assert HandOff.objects.count() == 1
    overdue = Inquiry.objects.get(tin="210000002")
    assert overdue.respond_by is not None


def test_data_migration_0002_loads_the_four_types_from_the_seed():
    from importlib import import_module

    from django.apps import apps

    ContractorType.objects.filter(contractors__isnull=True).delete()
    import_module("qpp_assist.migrations.0002_contractor_types").load(apps, None)
    assert list(ContractorType.objects.values_list("short_name", flat=True)) == [
        "QIN-QIO: QPP", "QPP-SURS", "QIN-QIO: TCPI", "PTN"]
