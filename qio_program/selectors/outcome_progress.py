"""CMS's progress on each outcome measure across QIOs and regions (one grouped query).

For each measure and region: how many providers report it, how many values await validation,
are queried or validated, the validated share (the chart's bar) and the mean validated value.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q

from qio_program.models import OutcomeMeasure, OutcomeStatus, OutcomeValue
from qis_portal.models import QIO_ORG_TYPES, Organization
from qis_portal.regions import Region

REGION_LABELS = dict(Region.choices)


@dataclass
class RegionProgress:
    region: str
    region_label: str
    qio: str
    providers: int
    entered: int
    queried: int
    validated: int
    mean_validated: Decimal | None

    @property
    def values(self) -> int:
        return self.entered + self.queried + self.validated

    @property
    def validated_percent(self) -> int:
        return round(100 * self.validated / self.values) if self.values else 0


@dataclass
class MeasureProgress:
    measure: OutcomeMeasure
    regions: list[RegionProgress] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return 24 * len(self.regions) + 8


def outcome_progress() -> list[MeasureProgress]:
    """Every measure with reported values, its regions in the order of `Region`."""
    rows = (OutcomeValue.objects.values("measure_id", "provider__region")
            .annotate(providers=Count("provider", distinct=True),
                      entered=Count("id", filter=Q(status=OutcomeStatus.ENTERED)),
                      queried=Count("id", filter=Q(status=OutcomeStatus.QUERIED)),
                      validated=Count("id", filter=Q(status=OutcomeStatus.VALIDATED)),
                      mean=Avg("value", filter=Q(status=OutcomeStatus.VALIDATED)))
            .order_by())
    qios = dict(Organization.objects.filter(org_type__in=QIO_ORG_TYPES)
                .order_by("-id").values_list("region", "name"))
    order = {value: index for index, value in enumerate(Region.values)}
    by_measure: dict[int, list[RegionProgress]] = {}
    for row in rows:
        region = row["provider__region"]
        by_measure.setdefault(row["measure_id"], []).append(RegionProgress(
            region=region, region_label=REGION_LABELS.get(region, region),
            qio=qios.get(region, "—"), providers=row["providers"], entered=row["entered"],
            queried=row["queried"], validated=row["validated"], mean_validated=row["mean"]))
    measures = OutcomeMeasure.objects.filter(pk__in=by_measure).order_by("code")
    return [MeasureProgress(measure=measure,
                            regions=sorted(by_measure[measure.pk],
                                           key=lambda r: order.get(r.region, len(order))))
            for measure in measures]
