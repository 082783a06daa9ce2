"""Which providers a QIO may work with under a task order (seed 001, SPL)."""

from qio_program.lifecycle.choices import PsaStatus
from qio_program.lifecycle.models import ProviderServiceAgreement, TaskOrder
from qio_program.models import Provider
from qis_portal.workflow import WorkflowConflict


def eligible_providers(task_order: TaskOrder):
    """Providers of the QIO's region; a QIN-QIO only those on the SPL (for AIAN every provider
    is on the SPL, seed 001)."""
    qs = Provider.objects.filter(region=task_order.region)
    return qs if task_order.is_tribal else qs.spl_eligible()


def require_eligible(task_order: TaskOrder, provider: Provider) -> None:
    if provider.region != task_order.region:
        raise WorkflowConflict(f"{provider} is not in the {task_order.qio.get_region_display()} "
                               f"region.")
    if not task_order.is_tribal and not provider.spl_eligible:
        raise WorkflowConflict(f"{provider} is not on the Service Provider List; a QIN-QIO "
                               f"supports only SPL providers for aim work.")


def active_psa(task_order: TaskOrder, provider: Provider) -> ProviderServiceAgreement | None:
    return ProviderServiceAgreement.objects.filter(
        task_order=task_order, provider=provider, status=PsaStatus.ACTIVE).first()
