from submissions.forms.parts import PartForm
from submissions.forms.start import (
    DeterminationForm,
    FindingFormSet,
    PlanForm,
    StartForm,
)

__all__ = ["DeterminationForm", "FindingFormSet", "PartForm", "PlanForm", "StartForm"]
