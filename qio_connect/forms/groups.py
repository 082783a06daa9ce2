"""Discussion group forms: create, edit (facilitators), add a member, open a channel, post."""

from django import forms
from django.db.models import Q

from qis_portal.models import QIO_ORG_TYPES, Organization, OrgType, RoleAssignment, User

from ..models import Group
from ..rules import CONNECT_ROLES


def connect_users():
    return User.objects.filter(
        is_active=True, role_assignments__role__in=CONNECT_ROLES,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct().order_by("last_name", "first_name", "email")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        org = f", {obj.organization}" if obj.organization_id else ""
        return f"{obj.get_full_name() or obj.email} ({obj.email}{org})"


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"


class GroupForm(forms.Form):
    name = forms.CharField(label="Group name", max_length=150)
    description = forms.CharField(label="What the group is for", max_length=2000,
                                  required=False, widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(
        label="Who can see it", choices=Group.Visibility.choices,
        initial=Group.Visibility.PRIVATE, widget=forms.RadioSelect,
        help_text="Groups are private unless you make them public to all program users.")


class GroupEditForm(GroupForm):
    facilitator = UserChoiceField(label="Facilitator", queryset=User.objects.none(),
                                  required=False, empty_label="— None —")
    co_facilitator = UserChoiceField(label="Co-facilitator", queryset=User.objects.none(),
                                     required=False, empty_label="— None —")

    def __init__(self, *args, group: Group, **kwargs):
        kwargs.setdefault("initial", {
            "name": group.name, "description": group.description,
            "visibility": group.visibility, "facilitator": group.facilitator_id,
            "co_facilitator": group.co_facilitator_id})
        super().__init__(*args, **kwargs)
        # Facilitators come from the group's organization or its members (or anyone, when the
        # group is public).
        people = connect_users()
        if not group.is_public:
            people = people.filter(Q(organization_id=group.organization_id)
                                   | Q(connect_memberships__group=group)).distinct()
        for name in ("facilitator", "co_facilitator"):
            self.fields[name].queryset = people
        if group.kind != Group.Kind.GROUP:
            del self.fields["visibility"]

    def clean(self):
        data = super().clean()
        if data.get("facilitator") and data.get("facilitator") == data.get("co_facilitator"):
            self.add_error("co_facilitator", "Choose two different people.")
        return data


class MemberAddForm(forms.Form):
    email = forms.EmailField(label="E-mail address of the person to add", max_length=254)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = connect_users().filter(email=email).first()
        if user is None:
            raise forms.ValidationError("No QIO Connect user has this e-mail address.")
        self.cleaned_data["user"] = user
        return email


class ChannelForm(forms.Form):
    organization = forms.ModelChoiceField(
        label="QIO", queryset=Organization.objects.filter(
            org_type__in=QIO_ORG_TYPES).order_by("name"))
    name = forms.CharField(label="Channel name", max_length=150, required=False,
                           help_text="Leave empty for “your name – the QIO”.")
    description = forms.CharField(label="Purpose", max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    members = UserMultipleChoiceField(
        label="Other CMS members", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=User.objects.none())

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = connect_users().filter(
            organization__org_type=OrgType.CMS).exclude(pk=actor.pk)


class PostForm(forms.Form):
    body = forms.CharField(label="Message", max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 4}))
