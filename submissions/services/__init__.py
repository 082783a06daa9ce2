"""Every write of the submissions app: one function per step, keyword-only arguments."""

from submissions.services.deadlines import deadline_reminders_send
from submissions.services.drafts import (
    DuplicateDraft,
    EditConflict,
    submission_create,
    submission_save_draft,
)
from submissions.services.lifecycle import (
    submission_check,
    submission_determine,
    submission_start_review,
    submission_submit,
)
from submissions.services.plans import (
    implementation_plan_accept,
    implementation_plan_file,
    implementation_plan_refile,
    implementation_plan_return,
)
from submissions.services.supplements import (
    supplement_accept,
    supplement_file,
    supplement_return,
)
from submissions.services.windows import submission_window_open

__all__ = [
    "DuplicateDraft", "EditConflict", "deadline_reminders_send", "implementation_plan_accept",
    "implementation_plan_file", "implementation_plan_refile", "implementation_plan_return",
    "submission_check", "submission_create",
    "submission_determine", "submission_save_draft", "submission_start_review",
    "submission_submit", "submission_window_open", "supplement_accept", "supplement_file",
    "supplement_return",
]
