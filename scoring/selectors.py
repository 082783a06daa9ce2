"""Reads shared by views, API and tasks, each scoped to the user.

CMS users see every entity; a REST client sees its own organization's entities; anyone else
sees nothing (and is refused before reaching these by the rules).
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from qis_portal.models import Role
from scoring.models import (
    ApmEntity,
    Benchmark,
    DataUpload,
    EntityScore,
    Measure,
    MeasureMethod,
    ScoringRun,
)


def entities_for_user(user) -> QuerySet[ApmEntity]:
    qs = ApmEntity.objects.all()
    if user.is_cms:
        return qs
    if user.has_role(Role.API_CLIENT) and user.organization_id:
        return qs.filter(organization_id=user.organization_id)
    return qs.none()


def entity_list(user, *, q: str = "", apm_type: str = "") -> QuerySet[ApmEntity]:
    qs = entities_for_user(user).annotate(
        clinicians=Count("participants", distinct=True),
        submission_count=Count("submissions", distinct=True),
    )
    if q:
        qs = qs.filter(Q(entity_id__icontains=q) | Q(name__icontains=q))
    if apm_type:
        qs = qs.filter(apm_type=apm_type)
    return qs.order_by("entity_id", "pk")


def scores_for_user(user) -> QuerySet[EntityScore]:
    return EntityScore.objects.filter(entity__in=entities_for_user(user)).select_related(
        "entity", "run")


def score_list(user, *, run=None, status: str = "", apm_type: str = "", q: str = "",
               min_final=None, max_final=None, level: str = "") -> QuerySet[EntityScore]:
    qs = scores_for_user(user).defer("output")
    if run:
        qs = qs.filter(run_id=run)
    if status:
        qs = qs.filter(status=status)
    if apm_type:
        qs = qs.filter(entity__apm_type=apm_type)
    if level:
        qs = qs.filter(reporting_level=level)
    if q:
        qs = qs.filter(Q(entity__entity_id__icontains=q) | Q(entity__name__icontains=q))
    if min_final is not None:
        qs = qs.filter(final_score__gte=min_final)
    if max_final is not None:
        qs = qs.filter(final_score__lte=max_final)
    return qs.order_by("-run_id", "entity__entity_id", "pk")


def runs_for_user(user) -> QuerySet[ScoringRun]:
    if not user.is_cms:
        return ScoringRun.objects.none()
    return ScoringRun.objects.select_related("created_by")


def latest_finished_run(user) -> ScoringRun | None:
    return runs_for_user(user).filter(status=ScoringRun.Status.FINISHED).order_by("-pk").first()


def uploads_for_user(user) -> QuerySet[DataUpload]:
    if not user.is_cms:
        return DataUpload.objects.none()
    return DataUpload.objects.select_related("uploaded_by")


def measure_catalogue(**filters) -> QuerySet[Measure]:
    """The catalogue, annotated with ``topped_out`` and filtered (see ``filter_measures``)."""
    qs = Measure.objects.annotate(
        topped_out=Exists(Benchmark.objects.filter(measure=OuterRef("pk"), is_topped_out=True)))
    return filter_measures(qs, **filters).order_by("measure_id", "pk")


def filter_measures(qs: QuerySet[Measure], *, q: str = "", measure_type: str = "",
                    high_priority: bool | None = None, submission_method: str = "",
                    topped_out: bool | None = None) -> QuerySet[Measure]:
    """The catalogue page's and the API's filters, in one place."""
    if q:
        qs = qs.filter(Q(measure_id__icontains=q) | Q(title__icontains=q))
    if measure_type:
        qs = qs.filter(measure_type=measure_type)
    if high_priority is not None:
        qs = qs.filter(is_high_priority=high_priority)
    if submission_method:
        qs = qs.filter(Exists(MeasureMethod.objects.filter(
            measure=OuterRef("pk"), submission_method=submission_method)))
    if topped_out is not None:
        qs = qs.filter(topped_out=topped_out)
    return qs


def measure_types() -> list[str]:
    return list(Measure.objects.order_by("measure_type").values_list("measure_type", flat=True)
                .distinct())
