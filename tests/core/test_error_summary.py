"""The error summary every form shares: one per form, each field error linking to its field,
and "Error: " before the page title whenever a form came back refused."""

from django import forms
from django.template import Context, Template

from qis_portal.templatetags.error_summary import summary_items


class PlanForm(forms.Form):
    title = forms.CharField(label="Plan title")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")],
                             widget=forms.RadioSelect)

    def clean(self):
        raise forms.ValidationError("The plan overlaps another.")


def render(source: str, **context) -> str:
    return Template("{% load error_summary crispy_forms_tags %}" + source).render(Context(context))


def test_every_error_links_to_its_field_and_a_choice_group_to_its_first_choice():
    form = PlanForm(data={})
    assert [(i["label"], i["target"]) for i in summary_items(form)] == [
        ("", ""), ("Plan title", "id_title"), ("Kind", "id_kind_0")]
    html = render("{% error_summary form %}", form=form)
    assert 'data-error-summary' in html and 'tabindex="-1"' in html and 'role="alert"' in html
    assert '<a class="usa-link" href="#id_title">Plan title: This field is required.</a>' in html
    assert "The plan overlaps another." in html


def test_a_form_shows_one_summary_even_when_a_page_includes_it_before_crispy():
    html = render('{% include "uswds/errors.html" %}{{ form|crispy }}', form=PlanForm(data={}))
    assert html.count("data-error-summary") == 1


def test_an_unbound_or_valid_form_has_no_summary_and_no_title_prefix():
    for form in (PlanForm(), PlanForm(data={"title": "x", "kind": "a"})):
        form.clean = lambda: {}
        assert render("{% error_summary form %}{% error_title_prefix %}", form=form).strip() == ""


def test_the_title_says_error_when_any_form_on_the_page_was_refused():
    assert render("{% error_title_prefix %}", other=PlanForm(), form=PlanForm(data={})) \
        == "Error: "
