"""The data of bench_load.py, built with bulk_create in the bench's own database.

Called after ``migrate`` and ``seed_demo``, so the demo organizations and users exist. At
``scale`` 1:

* 100,000 General Directory providers, 60 % of them in the Northeast (the demo associate's
  region, and the region of the 50,000-row SPL file), the rest over the other QIN and the
  AIAN regions; every provider has a unique CCN (``B00000``...), a third also a TIN;
* 50,000 work-basket tasks, 80 % of the Northeast QIN-QIO's (most assigned to
  associate@northeast.demo or the group she is in), the rest over the other QIN-QIOs;
* 10,000 QIS submissions of 300 bench issuers over eleven plan years, 5 % drafts, the others
  submitted, under review or determined;
* 2,000 FQS requests (300 awaiting intake), 1,500 activations and 1,250 referrals (Northeast
  and West) in every state, with pending extension, close-out and hold requests.

What was built is recorded in the table ``bench_load_meta``, so that ``--reuse`` keeps it.
"""

from __future__ import annotations

import csv
import random
from datetime import timedelta
from decimal import Decimal
from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from import_export import fields, resources, widgets

from fqs.models import (
    Activation,
    ActivationProvider,
    FqsRequest,
    Referral,
    RequestSource,
    SprintRequest,
    SprintRequestKind,
)
from qio_program.models import (
    MedicareStatus,
    Provider,
    ProviderSetting,
    SplEntry,
    Task,
    TaskPriority,
    TaskQueue,
    TaskStatus,
    TaskType,
    WorkGroup,
)
from qio_program.services import spl_csv
from qis_portal.demo import qio_name
from qis_portal.models import Organization, OrgType, User
from qis_portal.regions import AIAN_REGIONS, QIN_REGIONS, REGION_STATES, Region
from submissions.models import (
    Determination,
    FormType,
    ImplementationPlan,
    Submission,
    SubmissionWindow,
)

BATCH = 5000
SPL_REGION = Region.NORTHEAST
PLACES = ["Ashford", "Bayview", "Cedar Falls", "Dover", "Elm Grove", "Fairhaven", "Glenwood",
          "Harbor Point", "Ironwood", "Juniper Hill", "Kingsbury", "Lakeside", "Millbrook",
          "Northfield", "Oak Ridge", "Pinecrest", "Quarry Hill", "Riverside", "Stonebridge",
          "Twin Lakes", "Union Mills", "Valley Forge", "Westbrook", "Yorktown"]
KINDS = {
    ProviderSetting.NURSING_HOME: ["Nursing Center", "Care Center", "Skilled Nursing"],
    ProviderSetting.HOSPITAL: ["Hospital", "Medical Center", "Regional Hospital"],
    ProviderSetting.OUTPATIENT: ["Family Practice", "Primary Care", "Medical Group"],
}
DEFICITS = ["Patient Safety > Falls with major injury", "Care Transitions > Readmissions",
            "Chronic Disease > Hypertension control", "Behavioral Health > Depression screening",
            "Patient Safety > Antipsychotic use", "Chronic Disease > Diabetes control"]


def counts(scale: float) -> dict[str, int]:
    """How many of each kind of row ``scale`` asks for (never fewer than a handful)."""
    return {"providers": max(200, round(100_000 * scale)),
            "tasks": max(100, round(50_000 * scale)),
            "submissions": max(50, round(10_000 * scale)),
            "fqs_requests": max(40, round(2_000 * scale)),
            "spl_rows": max(100, round(50_000 * scale))}


# --- meta ---------------------------------------------------------------------------------

def read_meta() -> dict | None:
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_load_meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            return None
        cur.execute("SELECT scale, seed, providers, tasks, submissions, fqs_requests, "
                    "referrals, spl_rows FROM bench_load_meta")
        row = cur.fetchone()
    keys = ("scale", "seed", "providers", "tasks", "submissions", "fqs_requests", "referrals",
            "spl_rows")
    return dict(zip(keys, row, strict=True)) if row else None


def write_meta(meta: dict) -> None:
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_load_meta")
        cur.execute("CREATE TABLE bench_load_meta (scale float8, seed int, providers int, "
                    "tasks int, submissions int, fqs_requests int, referrals int, spl_rows int)")
        cur.execute("INSERT INTO bench_load_meta VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    [meta[k] for k in ("scale", "seed", "providers", "tasks", "submissions",
                                       "fqs_requests", "referrals", "spl_rows")])


# --- the directory ------------------------------------------------------------------------

def _provider_regions(n: int, spl_rows: int) -> list[str]:
    """60 % Northeast (at least the SPL file's rows), the rest round the other regions."""
    northeast = min(n, max(spl_rows, round(n * 0.6)))
    others = [r.value for r in QIN_REGIONS if r != SPL_REGION] + [r.value for r in AIAN_REGIONS]
    rest = cycle(others)
    return [SPL_REGION.value] * northeast + [next(rest) for _ in range(n - northeast)]


def build_providers(n: int, spl_rows: int, rng: random.Random) -> None:
    now = timezone.now()
    setting_kinds = list(KINDS)
    statuses = [MedicareStatus.ACTIVE] * 6 + [MedicareStatus.PENDING, MedicareStatus.INACTIVE,
                                              MedicareStatus.TERMINATED]
    batch = []
    for i, region in enumerate(_provider_regions(n, spl_rows)):
        setting = setting_kinds[i % 3]
        place = PLACES[rng.randrange(len(PLACES))]
        status = statuses[rng.randrange(len(statuses))]
        batch.append(Provider(
            name=f"{place} {KINDS[setting][i % 7 % 3]} {i}", setting=setting,
            ccn=f"B{i:05d}", tin=f"{900_000_000 + i}" if i % 3 == 2 else "",
            address_line1=f"{100 + i % 9000} Main Street", city=place,
            state=rng.choice(REGION_STATES[region]), zip_code=f"{rng.randrange(1000, 99999):05d}",
            region=region, medicare_status=status,
            medicare_verified_at=now if status == MedicareStatus.ACTIVE else None,
            on_spl=not region.startswith("aian_") and rng.random() < 0.3))
        if len(batch) == BATCH:
            Provider.objects.bulk_create(batch)
            batch = []
    Provider.objects.bulk_create(batch)


def bench_providers(region: str, limit: int):
    """The bench's own providers of ``region`` (CCN ``B.....``), oldest first."""
    return (Provider.objects.filter(region=region, ccn__startswith="B")
            .order_by("id")[:limit])


def write_spl_csv(path, region: str, rows: int, rng: random.Random) -> int:
    """One SPL file (docs/SPL_CSV.md) for ``rows`` directory providers of ``region``, with
    their names and addresses as the directory has them; returns the rows written."""
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(spl_csv.COLUMNS)
        for p in bench_providers(region, rows).iterator(chunk_size=5000):
            flags = ["Y" if rng.random() < 0.4 else "N" for _ in range(4)]
            flags[written % 4] = "Y"
            deficits = "; ".join(rng.sample(DEFICITS, 1 + written % 2))
            out.writerow([p.name, p.ccn, p.tin, p.setting, p.address_line1, p.address_line2,
                          p.city, p.state, p.zip_code, *flags, deficits])
            written += 1
    return written


class YesNoWidget(widgets.BooleanWidget):
    """The SPL format's flags are Y/N (yes/no, true/false, 1/0 are accepted too)."""

    TRUE_VALUES = [*widgets.BooleanWidget.TRUE_VALUES, "Y", "y", "yes", "Yes"]
    FALSE_VALUES = [*widgets.BooleanWidget.FALSE_VALUES, "N", "n", "no", "No"]


class DeficitsWidget(widgets.Widget):
    """“Aim > Sub-aim; Aim > Sub-aim” ↔ the JSON list SplEntry.deficits holds."""

    def clean(self, value, row=None, **kwargs):
        pairs = (part.partition(">") for part in (value or "").split(";") if part.strip())
        return [{"aim": aim.strip(), "sub_aim": sub.strip()} for aim, _, sub in pairs]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(f"{d['aim']} > {d['sub_aim']}" for d in value or [])


def _flag(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=YesNoWidget())


class SplEntryResource(resources.ModelResource):
    """django-import-export's way to load an SPL file into SplEntry: the provider by its CCN,
    the four criteria, the deficits; every row goes into one given SPL version."""

    provider = fields.Field(attribute="provider", column_name="ccn",
                            widget=widgets.ForeignKeyWidget(Provider, "ccn"))
    poor_performance = _flag("poor_performance")
    adi_dual_eligibility = _flag("adi_dual_eligibility")
    enforcement = _flag("enforcement")
    not_submitting_data = _flag("not_submitting_data")
    deficits = fields.Field(attribute="deficits", column_name="deficits",
                            widget=DeficitsWidget())

    class Meta:
        model = SplEntry
        fields = ("id", "provider", "poor_performance", "adi_dual_eligibility", "enforcement",
                  "not_submitting_data", "deficits")

    def __init__(self, version, **kwargs):
        super().__init__(**kwargs)
        self.version = version

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.version = self.version
        instance.row_number = kwargs["row_number"] + 1  # the header is row 1, as in the portal


# --- the work basket ----------------------------------------------------------------------

def build_tasks(n: int, rng: random.Random) -> None:
    northeast = Organization.objects.get(name=qio_name(Region.NORTHEAST))
    others = list(Organization.objects.filter(org_type=OrgType.QIN_QIO)
                  .exclude(pk=northeast.pk))
    ann = User.objects.get(email="associate@northeast.demo")
    manager = User.objects.get(email="manager@northeast.demo")
    group = WorkGroup.objects.get(qio=northeast, name="Nursing home team")
    provider_type = ContentType.objects.get_for_model(Provider)
    related = {org.pk: list(Provider.objects.filter(region=org.region)
                            .values_list("id", flat=True)[:2000])
               for org in [northeast, *others]}
    today, now = timezone.localdate(), timezone.now()
    priorities = list(TaskPriority.values)
    batch = []
    for i in range(n):
        qio = northeast if i % 5 else others[i // 5 % len(others)]
        task = Task(qio=qio, subject=f"Follow up with provider on quality plan {i}",
                    priority=priorities[rng.randrange(4)], owner=manager if qio == northeast
                    else None, description="Created by the load benchmark.",
                    due_date=(today + timedelta(days=rng.randrange(-30, 120))
                              if rng.random() < 0.85 else None),
                    status=TaskStatus.COMPLETED if rng.random() < 0.3 else TaskStatus.OPEN)
        if task.status == TaskStatus.COMPLETED:
            task.completed_at, task.completed_by = now, manager if qio == northeast else None
        pick = rng.random()
        if qio == northeast and pick < 0.7:
            task.assigned_user = ann
        elif qio == northeast and pick < 0.8:
            task.assigned_group = group
        elif pick < 0.9:
            task.assigned_queue = TaskQueue.SUPPORT_TEAM if i % 2 else TaskQueue.AHQT
        if related[qio.pk] and rng.random() < 0.5:
            task.related_type, task.related_id = provider_type, rng.choice(related[qio.pk])
            task.task_type = TaskType.OTHER
        batch.append(task)
        if len(batch) == BATCH:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)


# --- QIS submissions ----------------------------------------------------------------------

def _issuers(count: int) -> list[tuple[Organization, User]]:
    orgs = Organization.objects.bulk_create([
        Organization(name=f"Bench Health Plan {i:03d}", org_type=OrgType.ISSUER,
                     hios_issuer_id=f"{60000 + i:05d}", state="CA") for i in range(count)])
    users = User.objects.bulk_create([
        User(email=f"issuer{i:03d}@plan.bench", first_name="Bench", last_name=f"Issuer {i}",
             organization=org, password="!") for i, org in enumerate(orgs)])
    return list(zip(orgs, users, strict=True))


def _windows(today) -> list[SubmissionWindow]:
    windows = []
    for year in range(today.year - 10, today.year + 1):
        window, _ = SubmissionWindow.objects.get_or_create(
            plan_year=year, defaults={"opens_on": today.replace(year=year - 1, month=1, day=2),
                                      "due_date": today.replace(year=year - 1, month=6, day=30)})
        windows.append(window)
    return windows


def build_submissions(n: int, rng: random.Random) -> None:
    today, now = timezone.localdate(), timezone.now()
    issuers = _issuers(max(5, n // 33))
    windows = _windows(today)
    plans = ImplementationPlan.objects.bulk_create([
        ImplementationPlan(issuer=org, qis_title=f"QIS {k + 1} of {org.name}",
                           plan_year=windows[0].plan_year, filed_by=user,
                           data={"goal_1": "Reduce avoidable readmissions."})
        for org, user in issuers for k in range(2)])
    reviewer = User.objects.get(email="qis.reviewer@cms.demo")
    statuses = (["draft"] * 5 + ["submitted"] * 20 + ["under_review"] * 15 + ["meets"] * 35
                + ["interim_meets"] * 15 + ["does_not_meet"] * 10)
    # Progress Reports: one per (issuer, year, plan); Work Plans fill the rest.
    slots = [(plan.issuer_id, w, plan) for w in windows for plan in plans]
    rng.shuffle(slots)
    users = {org.pk: user for org, user in issuers}
    rows = []
    for i in range(n):
        if i < min(len(slots), n * 2 // 3):
            issuer_id, window, plan = slots[i]
            form_type, title = FormType.PROGRESS_REPORT, plan.qis_title
        else:
            org, _ = issuers[i % len(issuers)]
            issuer_id, window, plan = org.pk, windows[i % len(windows)], None
            form_type, title = FormType.WORK_PLAN, f"Work Plan of {org.name}"
        status = statuses[rng.randrange(len(statuses))]
        data = {"qis_title": title, "goal_1": "Reduce avoidable readmissions.",
                "m1a_name": "30-day readmissions", "m1a_target": "12.5"}
        row = Submission(form_type=form_type, issuer_id=issuer_id, window=window,
                         implementation_plan=plan, status=status, data=data,
                         created_by=users[issuer_id], last_saved_by=users[issuer_id])
        if status != "draft":
            row.submitted_at, row.submitted_by = now, users[issuer_id]
            row.snapshot = {"form_type": form_type, "plan_year": window.plan_year,
                            "submitted_by": users[issuer_id].email, "data": data}
        if status not in ("draft", "submitted"):
            row.reviewer, row.review_started_at = reviewer, now
        rows.append(row)
    Submission.objects.bulk_create(rows, batch_size=BATCH)
    Determination.objects.bulk_create(
        [Determination(submission=s, outcome=s.status, determined_by=reviewer, determined_at=now,
                       summary="Determined by the load benchmark.")
         for s in rows if s.status in Submission.DETERMINED], batch_size=BATCH)
    _spread("submissions_submission", "updated_at")


def _spread(table: str, column: str) -> None:
    """bulk_create stamps every row with one time; spread them over the past weeks."""
    with connection.cursor() as cur:
        cur.execute(f'UPDATE "{table}" SET "{column}" = "{column}" - '
                    "(id % 5000) * interval '5 minutes'")


# --- FQS ----------------------------------------------------------------------------------

def _fqs_requests(n: int, providers: list[Provider], rng: random.Random) -> list[FqsRequest]:
    submitter = User.objects.get(email="issuer@sunrise.demo")
    intake = User.objects.get(email="intake@cms.demo")
    sources = list(RequestSource.values)
    now = timezone.now()
    rows = []
    for i in range(n):
        provider = providers[i % len(providers)]
        pick = i % 20
        status = (FqsRequest.Status.NEW if pick < 3 else FqsRequest.Status.REJECTED if pick < 5
                  else FqsRequest.Status.FQS_ACTIVATION)
        rows.append(FqsRequest(
            status=status, source=sources[rng.randrange(len(sources))], provider=provider,
            region=provider.region, submitted_by=submitter,
            description=f"Bench request {i}: staffing loss and infection-control concerns.",
            aims="" if status == FqsRequest.Status.NEW else "Patient safety",
            reviewed_by=None if status == FqsRequest.Status.NEW else intake,
            reviewed_at=None if status == FqsRequest.Status.NEW else now))
    return FqsRequest.objects.bulk_create(rows, batch_size=BATCH)


def build_fqs(n: int, rng: random.Random) -> int:
    """Requests, activations and referrals in every state; returns the referral count."""
    orgs = {r: Organization.objects.get(name=qio_name(r)) for r in (Region.NORTHEAST,
                                                                    Region.WEST)}
    associates = {Region.NORTHEAST: User.objects.get(email="associate@northeast.demo"),
                  Region.WEST: User.objects.get(email="associate@west.demo")}
    reviewer = User.objects.get(email="fqs.reviewer@cms.demo")
    providers = [*bench_providers(Region.NORTHEAST, n), *bench_providers(Region.WEST, n // 2)]
    rng.shuffle(providers)
    requests = [r for r in _fqs_requests(n, providers, rng)
                if r.status == FqsRequest.Status.FQS_ACTIVATION]
    today, now = timezone.localdate(), timezone.now()
    activations = Activation.objects.bulk_create([
        Activation(request=req, status=(Activation.Status.DRAFT if i % 12 == 0 else
                                        Activation.Status.PENDING_COR if i % 12 == 1 else
                                        Activation.Status.DEPLOYED),
                   focus_area="Infection control", sprint_days=15 if i % 2 else 30,
                   onsite_required=True, prepared_by=reviewer, submitted_at=now)
        for i, req in enumerate(requests)], batch_size=BATCH)
    deployed = [a for a in activations if a.status == Activation.Status.DEPLOYED]
    rows = ActivationProvider.objects.bulk_create([
        ActivationProvider(activation=a, provider=a.request.provider, region=a.request.region,
                           baseline_metric="Hand-hygiene compliance (%)",
                           baseline_value=Decimal("62.5")) for a in deployed], batch_size=BATCH)
    plan = (["queued"] * 10 + ["assigned"] * 15 + ["initiation"] * 10 + ["qap"] * 10
            + ["execution"] * 10 + ["on_hold"] * 5 + ["closed"] * 40)
    referrals = []
    for i, (activation, row) in enumerate(zip(deployed, rows, strict=True)):
        region = Region(row.region)
        ref = Referral(activation=activation, activation_provider=row, provider=row.provider,
                       organization=orgs[region], region=region, status=plan[i % len(plan)],
                       sprint_days=activation.sprint_days)
        _referral_dates(ref, associates[region], today, now, i)
        referrals.append(ref)
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    _sprint_requests(referrals, associates)
    return len(referrals)


def _referral_dates(ref: Referral, associate: User, today, now, i: int) -> None:
    if ref.status == "queued":
        return
    ref.assigned_to, ref.assigned_at = associate, now
    ref.launch_due_date = today + timedelta(days=(i % 7) - 3)
    if ref.status == "assigned":
        return
    start = today - timedelta(days=i % 40)
    ref.launched_at, ref.sprint_start = now, start
    ref.sprint_end = start + timedelta(days=ref.sprint_days)
    if ref.status == "on_hold":
        ref.hold_started_on, ref.held_from_status = today, "execution"
    elif ref.status == "closed":
        ref.closed_at, ref.closeout_reason = now, "sprint_ended"


def _sprint_requests(referrals: list[Referral], associates: dict) -> None:
    """One pending extension, close-out or hold request on every fifth running referral."""
    kinds = [SprintRequestKind.EXTENSION, SprintRequestKind.CLOSEOUT, SprintRequestKind.HOLD]
    running = [r for r in referrals if r.status in Referral.RUNNING][::5]
    SprintRequest.objects.bulk_create([
        SprintRequest(referral=r, kind=kinds[i % 3], justification="Bench sprint request.",
                      closeout_reason="requirements_met" if kinds[i % 3] == "closeout" else "",
                      requested_by=associates[Region(r.region)])
        for i, r in enumerate(running)], batch_size=BATCH)


# --- all of it ----------------------------------------------------------------------------

def build(scale: float, seed: int) -> dict:
    """Build every table's rows (the demo is seeded already); returns the meta recorded."""
    rng = random.Random(seed)
    want = counts(scale)
    build_providers(want["providers"], want["spl_rows"], rng)
    build_tasks(want["tasks"], rng)
    _spread("qio_program_task", "updated_at")
    build_submissions(want["submissions"], rng)
    referrals = build_fqs(want["fqs_requests"], rng)
    meta = {"scale": scale, "seed": seed, **want, "referrals": referrals}
    write_meta(meta)
    return meta
