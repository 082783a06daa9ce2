"""The helpers every app shares (qis_portal.views.common, qis_portal.validation)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from qis_portal.models import AuditEvent
from qis_portal.validation import optional_text, require_filled, require_text
from qis_portal.views.common import bound, bound_files, call_service, require_perm, run_action
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


class NoteForm(forms.Form):
    note = forms.CharField(required=False)
    urgent = forms.BooleanField(required=False)


def _request(method: str, user, data=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_bound_binds_an_empty_post_and_nothing_on_get(cor_bob):
    assert NoteForm(bound(_request("post", cor_bob))).is_bound
    assert not NoteForm(bound(_request("get", cor_bob))).is_bound


class ChoiceForm(forms.Form):
    audience = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], initial="a",
                                 widget=forms.RadioSelect)


def test_a_file_form_on_get_stays_unbound_and_shows_its_initial_choice(cor_bob):
    """`request.FILES` is never None, so passing it on GET bound the form: its initial radio
    came back unchecked and the required field failed on the first submit."""
    get = _request("get", cor_bob)
    form = ChoiceForm(bound(get), bound_files(get))
    assert not form.is_bound
    assert form["audience"].value() == "a"
    post = _request("post", cor_bob, {"audience": "b"})
    assert ChoiceForm(bound(post), bound_files(post)).is_valid()


def test_call_service_hands_back_the_result_and_passes_actor_and_request(cor_bob):
    request = _request("post", cor_bob)
    done = call_service(request, lambda *, actor, request, value: (actor, request, value),
                        value=7)
    assert done.ok and done.result == (cor_bob, request, 7) and not done.conflict


def test_call_service_puts_invalid_input_on_the_form_and_flashes_a_conflict(cor_bob):
    request = _request("post", cor_bob)
    form = NoteForm({"note": ""})
    form.is_valid()

    def invalid(**kwargs):
        raise ValidationError({"note": "Write the note.", "elsewhere": "Not a field."})

    def illegal(**kwargs):
        raise WorkflowConflict("Cannot approve: it is approved.")

    refused = call_service(request, invalid, form=form)
    assert not refused.ok and form.errors == {"note": ["Write the note."],
                                              "__all__": ["Not a field."]}
    conflict = call_service(request, illegal, form=form)
    assert (conflict.ok, conflict.conflict) == (False, True)
    assert [str(m) for m in get_messages(request)] == ["Cannot approve: it is approved."]


def test_run_action_redirects_back_with_the_success_or_the_reason(cor_bob):
    request = _request("post", cor_bob)
    response = run_action(request, "/back/", lambda **kwargs: None, "Saved.")
    assert (response.status_code, response.url) == (302, "/back/")
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_the_page_guard_refuses_with_one_denial_naming_its_object(cor_bob, issuer_alice):
    request = _request("get", issuer_alice)
    with pytest.raises(PermissionDenied):
        require_perm(request, "qis_portal.decide_roleassignment", cor_bob)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.action, denial.target_id, denial.path) == (
        "authz.refused", str(cor_bob.pk), "/somewhere/")


class TestText:
    def test_required_text_is_stripped_and_refused_empty_or_too_long(self):
        assert require_text("  Fine  ", "note", "Write it.") == "Fine"
        assert require_text(42, "count", "Give it.") == "42"
        with pytest.raises(ValidationError) as empty:
            require_text("   ", "note", "Write it.")
        assert empty.value.message_dict == {"note": ["Write it."]}
        with pytest.raises(ValidationError) as long:
            require_text("x" * 2001, "note", "Write it.", 2000)
        assert long.value.message_dict == {"note": ["Use at most 2,000 characters."]}

    def test_optional_text_may_be_empty_but_not_too_long(self):
        assert optional_text(None, "note", 5) == ""
        with pytest.raises(ValidationError):
            optional_text("123456", "note", 5)

    def test_require_filled_names_every_empty_field(self, cor_bob):
        cor_bob.first_name, cor_bob.title = " ", "COR"
        cor_bob.last_name = None
        with pytest.raises(ValidationError) as missing:
            require_filled(cor_bob, {"first_name": "Give a first name.",
                                     "last_name": "Give a last name.", "title": "Title?"})
        assert missing.value.message_dict == {"first_name": ["Give a first name."],
                                              "last_name": ["Give a last name."]}
