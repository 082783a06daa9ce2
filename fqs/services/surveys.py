"""The provider feedback survey: sent on close-out, answered by the provider in the portal,
read only by the COR and CMS read-only users, each reading audited (seed 001, Provider
Feedback Survey; DOMAIN.md §3.4 "only the COR and CMS read-only users can read responses")."""

from django.core.exceptions import ValidationError

from fqs.models import Referral, Survey, SurveyResponse
from qis_portal.models import Role
from qis_portal.services.audit import audit_record, audit_record_many
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import require_permission, run_transition

from .common import cors, users_with_role

READ_ACTION = "survey_response.read_restricted"
READ_REFUSAL = "Only the COR and CMS read-only users read survey responses."


def survey_send(*, referral: Referral) -> Survey:
    """One survey per referral, however often close-out code runs (OneToOne)."""
    survey, created = Survey.objects.get_or_create(referral=referral,
                                                   defaults={"provider": referral.provider})
    if created:
        audit_record(action="survey.send", target=survey, to_state=survey.status,
                     details={"referral": referral.pk})
        org = referral.provider.organization
        recipients = users_with_role(Role.PROVIDER_USER, org) if org is not None else []
        notify_on_commit(
            recipients=recipients, kind="fqs.survey",
            title="Tell CMS how the Focused QIO Service went",
            body=f"Your QIO's focused service on referral #{referral.pk} has closed. "
                 "Please answer a short feedback survey.",
            url=f"/fqs/surveys/{survey.token}/", idempotency_key=f"fqs:survey:{survey.pk}",
        )
    return survey


def survey_answer(*, survey: Survey, actor, overall_satisfaction: int, issue_resolved: bool,
                  would_recommend: bool, comments: str = "", request=None) -> Survey:
    def before(locked: Survey) -> None:
        if overall_satisfaction not in SurveyResponse.Rating.values:
            raise ValidationError({"overall_satisfaction": "Choose a rating from 1 to 5."})

    def after(locked: Survey) -> None:
        SurveyResponse.objects.create(
            survey=locked, overall_satisfaction=overall_satisfaction,
            issue_resolved=bool(issue_resolved), would_recommend=bool(would_recommend),
            comments=(comments or "").strip()[:2000], submitted_by=actor,
        )
        notify_on_commit(recipients=cors(locked.referral.organization_id), kind="fqs.survey",
                         title=f"A provider answered the feedback survey of FQS referral "
                               f"#{locked.referral_id}",
                         url="/fqs/survey-responses/")

    return run_transition(obj=survey, transition="answer", actor=actor,
                          permission="fqs.answer_survey", request=request, before=before,
                          after=after, denied="This survey is for the surveyed provider.")


def survey_responses_read(*, actor, responses, request=None) -> list[SurveyResponse]:
    """Hand responses to a COR or CMS read-only user; every response read is audited."""
    require_permission(actor, "fqs.read_survey_response", action=READ_ACTION, request=request,
                       message=READ_REFUSAL)
    rows = list(responses)
    audit_record_many(action=READ_ACTION, actor=actor, targets=rows, request=request,
                      details=lambda row: {"survey": row.survey_id})
    return rows
