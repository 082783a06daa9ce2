"""Event forms: submit or edit an event, and give feedback."""

from django import forms

from ..models import Event, Group

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CalendarChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} (private calendar)" if not obj.is_public else obj.name


class EventForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(label="Description", max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    starts_at = forms.DateTimeField(label="Starts (Eastern time)", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Ends (Eastern time)", widget=DATETIME)
    location = forms.CharField(label="Location", max_length=200, required=False)
    online_url = forms.URLField(label="Online meeting link", max_length=500, required=False,
                                assume_scheme="https")
    group = CalendarChoiceField(label="Calendar", queryset=Group.objects.none(), required=False,
                                empty_label="Public calendar (all QIOs)",
                                help_text="A group's calendar is seen only by those who see "
                                          "the group.")
    publish = forms.BooleanField(label="Put it on the calendar now (you approve events)",
                                 required=False)

    def __init__(self, *args, groups=None, event: Event | None = None, can_publish=False,
                 **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(event, name) for name in (
                "title", "description", "starts_at", "ends_at", "location", "online_url")}
        super().__init__(*args, **kwargs)
        if event is not None:
            del self.fields["group"]
            del self.fields["publish"]
        else:
            self.fields["group"].queryset = groups if groups is not None else Group.objects.none()
            if not can_publish:
                del self.fields["publish"]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", "The event must end after it starts.")
        return data

    @property
    def service_fields(self) -> dict:
        names = ("title", "description", "starts_at", "ends_at", "location", "online_url")
        return {name: self.cleaned_data[name] for name in names}


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was the event?", coerce=int, widget=forms.RadioSelect,
        choices=[(5, "5 – Excellent"), (4, "4 – Good"), (3, "3 – Fair"), (2, "2 – Poor"),
                 (1, "1 – Not useful")])
    comment = forms.CharField(label="Comments (optional)", max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
