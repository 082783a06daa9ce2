"""“My Home” panels of the QIO program (registered in apps.py)."""

from qio_program.models import SplVersion
from qio_program.selectors.scope import user_qio
from qio_program.selectors.tasks import my_open_tasks


def my_tasks_panel(request) -> dict:
    count, tasks = my_open_tasks(request.user, limit=5)
    return {"task_count": count, "tasks": tasks}


def directory_panel(request) -> dict:
    qio = user_qio(request.user)
    return {"region_label": qio.get_region_display() if qio else ""}


def spl_panel(request) -> dict:
    return {"current_versions": list(SplVersion.objects.filter(is_current=True)
                                     .order_by("region"))}
