"""Dashboard figures (seed 001, Dashboards & Reports), each one grouped query.

CMS: "# of interactions by user", "Avg. duration of interactions by user", "Providers with
most interactions", "# of interactions by subcategory"; QIO: My Tasks, the AHQT queue, and
intervention reports past their 5-day due date.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count
from django.utils import timezone

from qio_program.models import Interaction, TaskQueue
from qio_program.models.interactions import SUBCATEGORY_CHOICES
from qio_program.selectors.scope import interactions_for, user_qio
from qio_program.selectors.tasks import my_open_tasks, queue_open_tasks

SUBCATEGORY_LABELS = dict(SUBCATEGORY_CHOICES)
TOP_PROVIDERS = 10
OVERDUE_SHOWN = 20


@dataclass
class Dashboard:
    date_from: date
    date_to: date
    by_associate: list[dict] = field(default_factory=list)
    top_providers: list[dict] = field(default_factory=list)
    by_subcategory: list[dict] = field(default_factory=list)
    total_interactions: int = 0
    my_tasks_count: int = 0
    my_tasks: list = field(default_factory=list)
    ahqt_count: int = 0
    ahqt_tasks: list = field(default_factory=list)
    overdue_count: int = 0
    overdue_reports: list[Interaction] = field(default_factory=list)
    shows_tasks: bool = False


def dashboard_for(user, *, date_from: date, date_to: date, region: str = "") -> Dashboard:
    board = Dashboard(date_from=date_from, date_to=date_to)
    scoped = interactions_for(user)
    if region and user.is_cms:
        scoped = scoped.filter(provider__region=region)
    window = scoped.filter(date__gte=date_from, date__lte=date_to)
    for row in (window.values("created_by_id", "created_by__first_name",
                              "created_by__last_name", "created_by__email")
                .annotate(count=Count("id"), avg_minutes=Avg("duration_minutes"))
                .order_by("-count", "created_by__email")):
        name = f"{row['created_by__first_name']} {row['created_by__last_name']}".strip()
        board.by_associate.append({"name": name or row["created_by__email"],
                                   "count": row["count"],
                                   "avg_minutes": round(float(row["avg_minutes"] or 0), 1)})
    board.total_interactions = sum(row["count"] for row in board.by_associate)
    board.top_providers = list(
        window.values("provider_id", "provider__name").annotate(count=Count("id"))
        .order_by("-count", "provider__name")[:TOP_PROVIDERS])
    board.by_subcategory = [
        {"label": SUBCATEGORY_LABELS.get(row["subcategory"], row["subcategory"]),
         "count": row["count"]}
        for row in window.values("subcategory").annotate(count=Count("id"))
        .order_by("-count", "subcategory")]
    overdue = scoped.filter(intervention_delivered=True, intervention_report__isnull=True,
                            report_due_date__lt=timezone.localdate())
    board.overdue_count = overdue.count()
    board.overdue_reports = list(overdue.select_related("provider", "created_by")
                                 .order_by("report_due_date", "id")[:OVERDUE_SHOWN])
    if user_qio(user) is not None:
        board.shows_tasks = True
        board.my_tasks_count, board.my_tasks = my_open_tasks(user, limit=10)
        board.ahqt_count, board.ahqt_tasks = queue_open_tasks(user, TaskQueue.AHQT)
    return board
