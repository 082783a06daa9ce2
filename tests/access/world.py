"""The seeded world the access tests run against: `manage.py seed_demo`, a few objects the demo
does not make (each through the apps' own services, as the demo users), and lookups of every
object a route needs by its natural key (an e-mail, a name, a title, a number).

Built once per test module inside an outer transaction that is rolled back at the end, so
nothing is left in the test database for other modules; each test runs in a savepoint on top.
"""

from datetime import timedelta
from decimal import Decimal
from functools import cached_property

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from qis_portal.models import ApiToken, Notification, Organization, Role, RoleAssignment, User

# One persona per demo role (qis_portal/demo.py demo_users()), anonymous, the cross-tenant
# twins (another issuer, another QIN region, another QIO kind, another region's Security
# Officer), the Django superuser and a signed-in user of an issuer with no role at all.
PERSONAS: dict[str, str | None] = {
    "anon": None,
    "issuer": "issuer@sunrise.demo",
    "issuer_granite": "issuer@granite.demo",
    "qis_reviewer": "qis.reviewer@cms.demo",
    "intake": "intake@cms.demo",
    "fqs_reviewer": "fqs.reviewer@cms.demo",
    "cor": "cor@cms.demo",
    "readonly": "readonly@cms.demo",
    "so": "so.northeast@cms.demo",
    "so_west": "so.west@cms.demo",
    "associate": "associate@northeast.demo",
    "manager": "manager@northeast.demo",
    "support": "support@northeast.demo",
    "associate_west": "associate@west.demo",
    "associate_aian": "associate@aian.demo",
    "provider": "provider@maplegrove.demo",
    "api": "api@sunrise.demo",
    "helpdesk": "helpdesk@cms.demo",
    "surs": "surs@northeast.demo",
    "deladmin": "admin@nlc.demo",
    "nlc": "staff@nlc.demo",
    "superuser": "admin@cms.demo",
    "norole": "norole@sunrise.access.test",
    "covered_ca": "qis.reviewer@coveredca.demo",
}
PENDING_EMAIL = "pending@northeast.access.test"
# The seeded survey response's comment: only the COR and CMS read-only users may ever see it.
SURVEY_COMMENT = "RESTRICTED-SURVEY-COMMENT Pia says the norovirus team was excellent"
MAPLE = "Maple Grove Nursing and Rehabilitation"
TEXT_FILE = b"Notes from the visit.\n"
ORG_VIDEO = "Northeast huddle recording"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
# One-time link tokens made while seeding (only their hashes are stored).
LINK_TOKENS: dict[str, str] = {}
VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _txt(name: str = "notes.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, TEXT_FILE, content_type="text/plain")


def seed_world() -> None:
    """`seed_demo`, then the objects the demo lacks (each made the way users make them)."""
    call_command("seed_demo", stdout=_Null())
    _core_extras()
    _qio_extras()
    _lifecycle_extras()
    _fqs_extras()
    _scoring_extras()
    _connect_extras()


class _Null:
    def write(self, *args, **kwargs):
        return None

    def flush(self):
        return None


def _core_extras() -> None:
    from qis_portal import onetime_links
    from qis_portal.services.accounts import role_assignment_request
    from qis_portal.services.tokens import api_token_create
    from qis_portal.tasks import record_heartbeat

    sunrise = Organization.objects.get(name="Sunrise Health Plans of California")
    User.objects.create_user(PERSONAS["norole"], "not-used-anywhere-42", organization=sunrise)
    ann = _user(PERSONAS["associate"])
    api_token_create(user=ann, name="Ann's script")
    Notification.objects.create(recipient=ann, kind="account.role_request",
                                title="A notification of Ann's", in_app=True)
    pending = User.objects.create_user(PENDING_EMAIL, "not-used-anywhere-42",
                                       organization=ann.organization)
    role_assignment_request(user=pending, role=Role.QIO_ASSOCIATE)
    record_heartbeat.run()  # a worker is running, as in a healthy deployment (/health/)
    _, LINK_TOKENS["expired"] = onetime_links.create_link(
        purpose="access.expired", target=ann, email="lead@access.test",
        expires_at=timezone.now() - timedelta(days=30))


def _qio_extras() -> None:
    from qio_program.models import Interaction
    from qio_program.services.interactions import interaction_attach

    ann = _user(PERSONAS["associate"])
    interaction = (Interaction.objects.filter(provider__name=MAPLE, created_by=ann)
                   .order_by("id").first())
    interaction_attach(interaction=interaction, actor=ann, files=[_txt()])


def _lifecycle_extras() -> None:
    from qio_program.lifecycle.choices import DeliverableKind, HandoffTopic, TrainingAudience
    from qio_program.lifecycle.models import ProviderAssessment, SubAim, TaskOrder
    from qio_program.lifecycle.services import assessment as pa_services
    from qio_program.lifecycle.services import qap as qap_services
    from qio_program.lifecycle.services import reports as report_services
    from qio_program.lifecycle.services.completion import handoff_note_create
    from qis_portal import onetime_links

    ann, cor = _user(PERSONAS["associate"]), _user(PERSONAS["cor"])
    order = TaskOrder.objects.get(number="75FCMC24F0001")
    assessment = ProviderAssessment.objects.get(task_order=order, provider__name=MAPLE)
    pa_services.pa_approve(actor=cor, assessment=assessment, note="Approved.")
    maple = assessment.provider
    qap = qap_services.qap_create(actor=ann, task_order=order, provider=maple)
    initiative = qap_services.qap_add_initiative(
        actor=ann, qap=qap, sub_aim=SubAim.objects.filter(active=True).order_by("id").first(),
        title="Falls prevention")
    intervention = qap_services.qap_add_intervention(actor=ann, initiative=initiative,
                                                     title="Shift-change huddles")
    qap_services.qap_add_activity(actor=ann, intervention=intervention, title="Train the CNAs")
    if qap.needs_training_plan:
        for year in (1, 2):
            qap_services.qap_add_training_item(actor=ann, qap=qap, plan_year=year,
                                               audience=TrainingAudience.values[0],
                                               topic=f"Falls, year {year}")
    _maple_outcome(ann, cor, qap)
    monthly = order.deliverables.filter(kind=DeliverableKind.MONTHLY_STATUS).order_by(
        "due_date").first()
    report_services.report_start(actor=ann, deliverable=monthly)
    report_services.template_start(actor=ann, task_order=order)
    handoff_note_create(actor=ann, task_order=order, topic=HandoffTopic.PARTNERSHIPS,
                        body="The state hospital association runs the falls collaborative.")
    psa = order.psas.get(provider=maple)
    _, LINK_TOKENS["psa"] = onetime_links.create_link(
        purpose="psa.sign", target=psa, email="lead@access.test", actor=ann)


def _maple_outcome(ann, cor, qap) -> None:
    """Approve Maple Grove's QAP (outcome reporting opens, the measures are pinned), record
    Pia's falls value, and start the annual update: the QAP routes work on that draft."""
    from decimal import Decimal

    from qio_program.lifecycle.services import qap as qap_services
    from qio_program.models import OutcomeMeasure
    from qio_program.services.outcomes import current_quarter, outcome_record

    qap_services.qap_update(actor=ann, qap=qap, data={
        "quality_landscape": "Two-star rating.", "deficiencies": "Falls citations.",
        "collaborating_entities": "State hospital association.",
        "health_equity": "Dual-eligible residents first."})
    qap = qap_services.qap_approve(actor=cor, qap=qap_services.qap_submit(actor=ann, qap=qap))
    year, quarter = current_quarter()
    outcome_record(actor=_user(PERSONAS["provider"]), provider=qap.provider,
                   measure=OutcomeMeasure.objects.get(code="NH-FALL"), year=year,
                   quarter=quarter, value=Decimal("3.1"))
    qap_services.qap_new_version(actor=ann, qap=qap)


def _fqs_extras() -> None:
    """A file on the request awaiting intake, an extension request on the active referral, and
    two more Maple Grove referrals closed out: one survey answered, one waiting."""
    from fqs import services
    from fqs.models import Activation, FqsRequest, Referral, RequestSource, SprintDays
    from fqs.models.choices import CloseoutReason
    from qio_program.models import Provider

    intake, reviewer, cor = (_user(PERSONAS["intake"]), _user(PERSONAS["fqs_reviewer"]),
                             _user(PERSONAS["cor"]))
    ann, max_, pia = (_user(PERSONAS["associate"]), _user(PERSONAS["manager"]),
                      _user(PERSONAS["provider"]))
    waiting = FqsRequest.objects.get(description__startswith="[demo] Drug shortage")
    services.fqs_request_attach(fqs_request=waiting, actor=intake, upload=_txt("intake.txt"))
    active = Referral.objects.get(activation__request__description__startswith="[demo] Outbreak")
    services.sprint_request_create(referral=active, actor=ann, kind="extension",
                                   justification="The outbreak is not over yet.")

    maple = Provider.objects.get(name=MAPLE)
    # The FQS path is for facilities off the SPL (seed 001); take Maple Grove off it while
    # these referrals are made, then put it back.
    Provider.objects.filter(pk=maple.pk).update(on_spl=False)
    closed = []
    for label in ("Survey answered", "Survey waiting"):
        req = services.fqs_request_create(actor=pia, source=RequestSource.PROVIDER_REQUEST,
                                          provider=maple, description=f"[access] {label}")
        services.fqs_request_update(fqs_request=req, actor=intake, data={
            "aims": "Infection prevention", "work_description": "Outbreak support."})
        services.fqs_request_verify_medicare(
            fqs_request=req, actor=intake, source="CMS Provider of Services file",
            verified_on=timezone.localdate(), document=_txt("certification.txt"))
        req = services.fqs_request_approve(fqs_request=req, actor=intake)
        activation = Activation.objects.get(request=req)
        services.activation_update(activation=activation, actor=reviewer, data={
            "focus_area": "Outbreak", "onsite_required": False,
            "sprint_days": SprintDays.FIFTEEN, "quality_issue": "Norovirus.",
            "inclusion_criteria": "All residents.", "closeout_metrics": "Cases.",
            "reporting_requirements": "Weekly."})
        services.activation_provider_add(activation=activation, actor=reviewer,
                                         provider=maple, baseline_metric="Cases",
                                         baseline_value=Decimal("4"))
        services.activation_submit(activation=activation, actor=reviewer)
        services.activation_approve(activation=activation, actor=cor)
        referral = Referral.objects.get(activation=activation)
        referral = services.referral_assign(referral=referral, actor=max_, assignee=ann)
        referral = services.referral_launch(referral=referral, actor=ann)
        row = services.sprint_request_create(referral=referral, actor=ann, kind="closeout",
                                             justification="Requirements met early.",
                                             closeout_reason=CloseoutReason.REQUIREMENTS_MET)
        services.sprint_request_approve(sprint_request=row, actor=cor)
        closed.append(Referral.objects.get(pk=referral.pk))
    Provider.objects.filter(pk=maple.pk).update(on_spl=True)
    services.survey_answer(survey=closed[0].survey, actor=pia, overall_satisfaction=5,
                           issue_resolved=True, would_recommend=True,
                           comments=SURVEY_COMMENT)


def _scoring_extras() -> None:
    from scoring.services.csv_import import upload_import

    cor = _user(PERSONAS["cor"])
    bad = SimpleUploadedFile("participants.csv", b"entity_id,tin,npi\nNOPE,12,34\n",
                             content_type="text/csv")
    upload_import(actor=cor, kind="participants", upload=bad)


def _connect_extras() -> None:
    from qio_connect.models import LibraryItem
    from qio_connect.services.change_requests import change_request_create
    from qio_connect.services.library import library_item_approve, library_item_create

    ann, admin = _user(PERSONAS["associate"]), _user(PERSONAS["deladmin"])
    item = LibraryItem.objects.get(title="QIO Connect: frequently asked questions")
    change_request_create(actor=ann, item=item, body="Add a question about events.")
    video = library_item_create(
        actor=ann, kind=LibraryItem.Kind.VIDEO, title=ORG_VIDEO, summary="For our team only.",
        upload=SimpleUploadedFile("huddle.mp4", MP4, content_type="video/mp4"),
        captions=SimpleUploadedFile("huddle.vtt", VTT, content_type="text/vtt"),
        audience=LibraryItem.Audience.ORGANIZATION)
    library_item_approve(actor=admin, item=video)


class World:
    """Objects of the seeded world by natural key, for building URL kwargs and bodies."""

    def user(self, persona: str) -> User:
        return _user(PERSONAS[persona])

    # core
    @cached_property
    def ann_token(self) -> ApiToken:
        return ApiToken.objects.get(user__email=PERSONAS["associate"], name="Ann's script")

    @cached_property
    def ann_notification(self) -> Notification:
        return Notification.objects.get(recipient__email=PERSONAS["associate"],
                                        title="A notification of Ann's")

    @cached_property
    def pending_assignment(self) -> RoleAssignment:
        return RoleAssignment.objects.get(user__email=PENDING_EMAIL)

    @cached_property
    def reset_link(self) -> dict:
        user = self.user("issuer")
        return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user)}

    @property
    def expired_link_token(self) -> str:
        return LINK_TOKENS["expired"]

    @property
    def psa_link_token(self) -> str:
        return LINK_TOKENS["psa"]

    # submissions
    @cached_property
    def draft_submission(self):
        from submissions.models import FormType, Submission

        return Submission.objects.get(issuer__name__startswith="Sunrise",
                                      form_type=FormType.PROGRESS_REPORT)

    @cached_property
    def filed_submission(self):
        from submissions.models import FormType, Submission

        return Submission.objects.get(issuer__name__startswith="Sunrise",
                                      form_type=FormType.WORK_PLAN)

    @cached_property
    def sunrise_plan(self):
        from submissions.models import ImplementationPlan

        return ImplementationPlan.objects.get(issuer__name__startswith="Sunrise")

    @cached_property
    def window(self):
        from submissions.models import SubmissionWindow

        return SubmissionWindow.objects.order_by("-plan_year").first()

    # qio_program
    @cached_property
    def maple(self):
        from qio_program.models import Provider

        return Provider.objects.get(name=MAPLE)

    @cached_property
    def green(self):
        from qio_program.models import Provider

        return Provider.objects.get(name="Green Mountain Family Practice")

    @cached_property
    def maple_contact(self):
        return self.maple.contacts.order_by("id").first()

    @cached_property
    def nh_fall(self):
        from qio_program.models import OutcomeMeasure

        return OutcomeMeasure.objects.get(code="NH-FALL")

    @cached_property
    def maple_outcome(self):
        return self.maple.outcomes.order_by("id").first()

    @cached_property
    def spl_upload(self):
        from qio_program.models import SplUpload

        return SplUpload.objects.get(original_name="northeast-spl-2026.csv")

    @cached_property
    def spl_version(self):
        from qio_program.models import SplVersion

        return SplVersion.objects.get(region="northeast")

    @cached_property
    def ann_task(self):
        from qio_program.models import Task

        return Task.objects.get(subject="Prepare for the QAP meeting with Harbor View")

    @cached_property
    def workgroup(self):
        from qio_program.models import WorkGroup

        return WorkGroup.objects.get(name="Nursing home team")

    @cached_property
    def maple_interaction(self):
        from qio_program.models import Interaction

        return (Interaction.objects.filter(provider__name=MAPLE, created_by__email=PERSONAS[
            "associate"]).order_by("id").first())

    @cached_property
    def interaction_file(self):
        return self.maple_interaction.attachments.get()

    @cached_property
    def intervention_report(self):
        return self.maple_interaction.intervention_report

    # lifecycle
    @cached_property
    def task_order(self):
        from qio_program.lifecycle.models import TaskOrder

        return TaskOrder.objects.get(number="75FCMC24F0001")

    @cached_property
    def a3c(self):
        return self.task_order.a3cs.get()

    @cached_property
    def pes(self):
        return _one("ProviderEngagementStrategy", task_order=self.task_order)

    @cached_property
    def psa(self):
        return _one("ProviderServiceAgreement", task_order=self.task_order)

    @cached_property
    def assessment(self):
        return _one("ProviderAssessment", task_order=self.task_order)

    @cached_property
    def qap(self):
        """The draft annual update (version 2); version 1 is approved."""
        return _one("QualityActionPlan", task_order=self.task_order, version=2)

    @cached_property
    def qap_initiative(self):
        return self.qap.initiatives.get()

    @cached_property
    def qap_intervention(self):
        return self.qap_initiative.interventions.get()

    @cached_property
    def qap_activity(self):
        return self.qap_intervention.activities.get()

    @cached_property
    def report(self):
        return _one("Report", task_order=self.task_order)

    @cached_property
    def deliverable(self):
        return self.report.deliverable

    @cached_property
    def template(self):
        return _one("DashboardTemplate", task_order=self.task_order)

    @cached_property
    def handoff_note(self):
        return _one("HandoffNote", task_order=self.task_order)

    # fqs
    @cached_property
    def fqs_request_new(self):
        from fqs.models import FqsRequest

        return FqsRequest.objects.get(description__startswith="[demo] Drug shortage")

    @cached_property
    def fqs_attachment(self):
        return self.fqs_request_new.attachments.get()

    @cached_property
    def support_handoff(self):
        from fqs.models import SupportHandoff

        return SupportHandoff.objects.get(
            fqs_request__description__startswith="[demo] Wound care")

    @cached_property
    def medicare_verification(self):
        from fqs.models import MedicareVerification

        return MedicareVerification.objects.filter(provider=self.referral.provider).first()

    @cached_property
    def activation_pending(self):
        from fqs.models import Activation

        return Activation.objects.get(request__description__startswith="[demo] Staffing loss")

    @cached_property
    def activation_row(self):
        return self.activation_pending.providers.order_by("id").first()

    @cached_property
    def referral(self):
        from fqs.models import Referral

        return Referral.objects.get(activation__request__description__startswith="[demo] "
                                                                                 "Outbreak")

    @cached_property
    def sprint_request(self):
        return self.referral.sprint_requests.get(kind="extension")

    @cached_property
    def survey_waiting(self):
        from fqs.models import Survey

        return Survey.objects.get(
            referral__activation__request__description="[access] Survey waiting")

    @cached_property
    def survey_response(self):
        from fqs.models import SurveyResponse

        return SurveyResponse.objects.get(
            survey__referral__activation__request__description="[access] Survey answered")

    # scoring
    @cached_property
    def ocm(self):
        from scoring.models import ApmEntity

        return ApmEntity.objects.get(entity_id="OCM-DEMO-01")

    @cached_property
    def cpc(self):
        from scoring.models import ApmEntity

        return ApmEntity.objects.get(entity_id="CPC-DEMO-02")

    @cached_property
    def ocm_submission(self):
        return self.ocm.submissions.order_by("id").first()

    @cached_property
    def ocm_participant(self):
        return self.ocm.participants.order_by("id").first()

    @cached_property
    def cpc_submission(self):
        return self.cpc.submissions.order_by("id").first()

    @cached_property
    def cpc_participant(self):
        return self.cpc.participants.order_by("id").first()

    @cached_property
    def data_upload(self):
        from scoring.models import DataUpload

        return DataUpload.objects.order_by("-id").first()

    @cached_property
    def scoring_run(self):
        from scoring.models import ScoringRun

        return ScoringRun.objects.order_by("-id").first()

    @cached_property
    def ocm_score(self):
        from scoring.models import EntityScore

        return EntityScore.objects.filter(entity=self.ocm).order_by("-id").first()

    @cached_property
    def cpc_score(self):
        from scoring.models import EntityScore

        return EntityScore.objects.filter(entity=self.cpc).order_by("-id").first()

    # qpp_assist
    def inquiry(self, tin: str):
        from qpp_assist.models import Inquiry

        return Inquiry.objects.get(tin=tin)

    def practice(self, tin: str):
        from qpp_assist.models import Practice

        return Practice.objects.get(tin=tin)

    @cached_property
    def handoff(self):
        from qpp_assist.models import HandOff

        return HandOff.objects.order_by("id").first()

    @cached_property
    def contractor(self):
        from qpp_assist.models import Contractor

        return Contractor.objects.order_by("id").first()

    # qio_connect
    def library_item(self, title: str):
        from qio_connect.models import LibraryItem

        return LibraryItem.objects.get(title=title)

    @cached_property
    def change_request(self):
        from qio_connect.models import ChangeRequest

        return ChangeRequest.objects.get()

    def group(self, **lookup):
        from qio_connect.models import Group

        return Group.objects.get(**lookup)

    def post(self, body_start: str):
        from qio_connect.models import Post

        return Post.objects.get(body__startswith=body_start)

    def event(self, title: str):
        from qio_connect.models import Event

        return Event.objects.get(title=title)

    @cached_property
    def announcement(self):
        from qio_connect.models import Announcement

        return Announcement.objects.get(title="Welcome to QIO Connect")

    @cached_property
    def sunrise_supplement(self):
        from submissions.models import ModificationSupplement

        return ModificationSupplement.objects.get(plan__issuer__name__startswith="Sunrise")

    @cached_property
    def granite_interim(self):
        from submissions.models import Submission

        return Submission.objects.get(issuer__name__startswith="Granite",
                                      status="interim_meets")


def _one(model_name: str, **lookup):
    from django.apps import apps

    return apps.get_model("qio_lifecycle", model_name).objects.get(**lookup)


def days_from_today(days: int):
    return timezone.localdate() + timedelta(days=days)
