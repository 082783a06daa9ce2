"""What the header search finds in the QIO program: providers by name, CCN, TIN or NPI (the
directory's own scope), and work-basket tasks by subject or number (the QIO's basket)."""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from qio_program.selectors.directory import identifier_filter
from qio_program.selectors.scope import providers_for, tasks_for
from qis_portal.search import SearchHit, SearchSource, record_number, text_match


def provider_rows(user, q: str):
    return text_match(providers_for(user), q, ("name",), identifier_filter(q)).order_by(
        "name", "id")


def provider_hit(provider) -> SearchHit:
    codes = [f"{label} {value}" for label, value in (("CCN", provider.ccn),
                                                      ("NPI", provider.npi)) if value]
    place = ", ".join(part for part in (provider.city, provider.state) if part)
    return SearchHit(provider.name, " · ".join([*codes, place]), provider.get_absolute_url())


def task_rows(user, q: str):
    number = record_number(q)
    exact = Q(pk=number) if number is not None else None
    return text_match(tasks_for(user), q, ("subject",), exact).order_by("due_sort", "id")


def task_hit(task) -> SearchHit:
    due = f" · due {task.due_date:%m/%d/%Y}" if task.due_date else ""
    return SearchHit(f"Task #{task.pk}: {task.subject}", f"{task.get_status_display()}{due}",
                     task.get_absolute_url())


PROVIDERS = SearchSource(
    kind="Providers", permission="qio_program.view_directory", rows=provider_rows,
    hit=provider_hit, order=10,
    list_url=lambda q: f"{reverse('qio_program:provider_list')}?{urlencode({'q': q})}")
TASKS = SearchSource(kind="Tasks", permission="qio_program.view_workbasket", rows=task_rows,
                     hit=task_hit, order=40)
