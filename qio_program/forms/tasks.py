"""Work-basket forms: a manual task, an assignment, a comment, the list filters, a group."""

from django import forms
from django.utils import timezone

from qio_program.forms.common import DateInput
from qio_program.models import TaskPriority, TaskQueue, TaskStatus, TaskType, WorkGroup
from qis_portal.models import User


def qio_users(qio):
    return User.objects.filter(organization=qio, is_active=True).order_by("last_name", "email")


class TaskForm(forms.Form):
    subject = forms.CharField(max_length=255)
    priority = forms.ChoiceField(choices=TaskPriority.choices, initial=TaskPriority.MEDIUM)
    due_date = forms.DateField(required=False, widget=DateInput())
    description = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(
        attrs={"rows": 4}))

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError("The due date cannot be in the past.")
        return due


class TaskAssignForm(forms.Form):
    """One target: a person, a group or a queue of the manager's QIO."""

    assigned_user = forms.ModelChoiceField(label="Person", queryset=User.objects.none(),
                                           required=False)
    assigned_group = forms.ModelChoiceField(label="Group", queryset=WorkGroup.objects.none(),
                                            required=False)
    assigned_queue = forms.ChoiceField(label="Queue", required=False,
                                       choices=[("", "- None -")] + TaskQueue.choices)
    note = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, qio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_user"].queryset = qio_users(qio)
        self.fields["assigned_group"].queryset = WorkGroup.objects.filter(qio=qio)

    def clean(self):
        data = super().clean()
        chosen = [data.get("assigned_user"), data.get("assigned_group"),
                  data.get("assigned_queue")]
        if sum(bool(x) for x in chosen) != 1:
            raise forms.ValidationError("Choose one person, one group or one queue.")
        return data


class TaskCommentForm(forms.Form):
    body = forms.CharField(label="Comment", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, initial=TaskStatus.OPEN,
                               choices=[("", "Any")] + TaskStatus.choices)
    priority = forms.ChoiceField(required=False, choices=[("", "Any")] + TaskPriority.choices)
    task_type = forms.ChoiceField(label="Type", required=False,
                                  choices=[("", "Any")] + TaskType.choices)

    def filters(self) -> dict:
        """Open tasks unless the user chose a status; invalid values are dropped."""
        if not self.is_bound:
            return {"status": TaskStatus.OPEN}
        self.is_valid()
        data = dict(self.cleaned_data)
        if "status" not in self.data:
            data["status"] = TaskStatus.OPEN
        return data


class WorkGroupForm(forms.Form):
    name = forms.CharField(max_length=120)
    members = forms.ModelMultipleChoiceField(queryset=User.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, qio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = qio_users(qio)
