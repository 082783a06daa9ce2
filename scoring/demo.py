"""Demo data: the reference tables, two APM Entities and one finished scoring run.

Safe to run again: entities are matched by their ID, the run is made only once.
"""

from qis_portal.models import Organization
from scoring.choices import ApmType, Level
from scoring.models import ApmEntity, Participant, QualitySubmission, ScoringRun
from scoring.services.reference import reference_is_loaded, reference_load
from scoring.services.runs import scoring_run_execute

API_CLIENT_ORG = "Sunrise Health Plans of California"  # the demo REST client's organization

OCM_TIN = "123456789"
OCM_NPIS = [f"{1000000001 + n}" for n in range(20)]
# Seed Figures 2a-2e: TIN A (NPIs 1-3) and TIN B (NPIs 4-8) report as groups, NPI 7 also
# individually; TIN C (NPIs 9-18) reports only individually and NPI 9 not at all.
CPC_TINS = {"111111111": range(1, 4), "222222222": range(4, 9), "333333333": range(9, 19)}


def _npi(n: int) -> str:
    return f"{2000000000 + n}"


def _entity(entity_id: str, **fields) -> ApmEntity:
    entity, _ = ApmEntity.objects.update_or_create(performance_year=2020, entity_id=entity_id,
                                                   defaults=fields)
    return entity


def _submission(entity: ApmEntity, **fields) -> None:
    key = {name: fields.pop(name, "") for name in ("level", "tin", "npi", "measure_id",
                                                    "submission_method")}
    QualitySubmission.objects.update_or_create(entity=entity, **key, defaults=fields)


def seed_ocm() -> ApmEntity:
    entity = _entity(
        "OCM-DEMO-01", name="Riverside Oncology Partners", apm_type=ApmType.OCM,
        complex_patient_bonus=1.5, improvement_activities_score=100,
        promoting_interoperability_score=80, prior_year_quality_achievement_percent=40,
        organization=Organization.objects.filter(name=API_CLIENT_ORG).first())
    for npi in OCM_NPIS:
        Participant.objects.get_or_create(entity=entity, tin=OCM_TIN, npi=npi)
    rows = [
        dict(measure_id="047", submission_method="registry", numerator=120, denominator=156,
             eligible_population=160, data_completeness=85),
        dict(measure_id="236", submission_method="electronicHealthRecord",
             performance_rate=72.5, eligible_population=300, data_completeness=90,
             end_to_end=True),
        dict(measure_id="370", submission_method="registry", numerator=8, denominator=40,
             data_completeness=75),
        dict(measure_id="130", submission_method="electronicHealthRecord", numerator=95,
             denominator=100, data_completeness=80, end_to_end=True),
        dict(measure_id="226", submission_method="registry", numerator=70, denominator=90,
             data_completeness=72),
        dict(measure_id="134", submission_method="claims", numerator=30, denominator=60,
             data_completeness=50),
        dict(measure_id="458", submission_method="administrativeClaims", performance_rate=14.2,
             eligible_population=350),
    ]
    for row in rows:
        _submission(entity, level=Level.ENTITY, **row)
    return entity


def seed_cpc() -> ApmEntity:
    entity = _entity("CPC-DEMO-02", name="Granite Valley Primary Care",
                     apm_type=ApmType.CPC_PLUS, improvement_activities_score=80,
                     promoting_interoperability_score=None)
    for tin, numbers in CPC_TINS.items():
        for n in numbers:
            Participant.objects.get_or_create(entity=entity, tin=tin, npi=_npi(n))
    group = [("047", "registry", 90, 100), ("226", "registry", 80, 100),
             ("130", "electronicHealthRecord", 92, 100)]
    for tin, rate_shift in (("111111111", 0), ("222222222", -10)):
        for mid, method, num, den in group:
            _submission(entity, level=Level.TIN, tin=tin, measure_id=mid,
                        submission_method=method, numerator=num + rate_shift, denominator=den,
                        data_completeness=80, end_to_end=method != "registry")
    individuals = [("222222222", 7, 99)] + [("333333333", n, 85 if n < 14 else 98)
                                            for n in range(10, 19)]
    for tin, n, num in individuals:
        _submission(entity, level=Level.NPI, tin=tin, npi=_npi(n), measure_id="047",
                    submission_method="registry", numerator=num, denominator=100,
                    data_completeness=90)
    return entity


def seed() -> None:
    if not reference_is_loaded():
        reference_load()
    seed_ocm()
    seed_cpc()
    if not ScoringRun.objects.filter(
            status__in=[ScoringRun.Status.FINISHED, *ScoringRun.ACTIVE]).exists():
        run = ScoringRun.objects.create(performance_year=2020,
                                        total=ApmEntity.objects.filter(
                                            performance_year=2020).count())
        scoring_run_execute(run_id=run.pk)
