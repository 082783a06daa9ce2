"""When a provider's outcome reporting is open, and which measures it reports.

Seed 001 (Outcomes reporting): "Outcome reporting will begin for a specific provider once the
QAP has been approved." The QAP, the PSA and the task order live in the lifecycle app, which
registers the one gate (`register_outcome_gate`) in its `AppConfig.ready()`; the outcome
service, pages and API of this app all ask `outcome_gate_for(provider)`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from qio_program.models import Provider


@dataclass(frozen=True)
class OutcomeGate:
    """Open with the task order's pinned measures, or closed with the reason a person reads."""

    is_open: bool
    reason: str = ""
    measure_ids: frozenset[int] = field(default_factory=frozenset)
    task_order_label: str = ""


CLOSED_WITHOUT_LIFECYCLE = OutcomeGate(
    is_open=False, reason="Outcome reporting opens once the provider's QAP is approved.")

_GATES: list[Callable[[Provider], OutcomeGate]] = []


def register_outcome_gate(gate: Callable[[Provider], OutcomeGate]) -> None:
    if gate not in _GATES:
        _GATES.append(gate)


def outcome_gate_for(provider: Provider) -> OutcomeGate:
    """The registered gate's answer; closed when no app has registered one."""
    if not _GATES:
        return CLOSED_WITHOUT_LIFECYCLE
    return _GATES[-1](provider)
