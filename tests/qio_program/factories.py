"""Factories of the QIO program's rows (the shared personas live in tests/conftest.py)."""

from datetime import timedelta

import factory
from django.utils import timezone

from qio_program.models import (
    Interaction,
    MedicareStatus,
    OutcomeMeasure,
    Provider,
    ProviderContact,
    ProviderSetting,
)
from qis_portal.regions import Region


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n:05d}")
    setting = ProviderSetting.NURSING_HOME
    ccn = factory.Sequence(lambda n: f"{n:06d}")
    tin = ""
    address_line1 = "1 Main Street"
    city = "Portland"
    state = "ME"
    zip_code = "04101"
    region = Region.NORTHEAST
    medicare_status = MedicareStatus.ACTIVE
    medicare_verified_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    on_spl = True


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderContact

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    title = "Director of Quality"
    is_qi_lead = True


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeMeasure
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"M-{n:03d}")
    name = factory.Sequence(lambda n: f"Measure {n}")
    applies_to = ""


class InteractionFactory(factory.django.DjangoModelFactory):
    """A row as the service writes it (for lists and dashboards; services are tested apart)."""

    class Meta:
        model = Interaction

    provider = factory.SubFactory(ProviderFactory)
    qio = factory.LazyAttribute(lambda o: o.created_by.organization)
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    audience_type = "quality_staff"
    mode = "on_site"
    category = "quality_improvement"
    subcategory = "technical_assistance"
    duration_minutes = 60
    details = "Worked the falls huddle."
    intervention_delivered = True
    report_due_date = factory.LazyAttribute(lambda o: o.date + timedelta(days=5))
