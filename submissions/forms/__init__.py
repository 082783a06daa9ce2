from submissions.forms.checklist import ChecklistForm
from submissions.forms.parts import PartForm
from submissions.forms.start import (
    DeterminationForm,
    FindingFormSet,
    PlanForm,
    StartForm,
)
from submissions.forms.windows import WindowForm

__all__ = ["ChecklistForm", "DeterminationForm", "FindingFormSet", "PartForm", "PlanForm",
           "StartForm", "WindowForm"]
