"""Sections other apps add to the provider page (referrals, PES, PSA, assessments, QAP,
surveys), so the General Directory gathers everything about a provider in one place.

In the other app's `AppConfig.ready()`:

    from qio_program.provider_sections import register_provider_section
    register_provider_section(
        "FQS referrals", "fqs/provider_section.html",
        lambda request, provider: {"referrals": referrals_for(request.user, provider)},
        "fqs.view_referral", order=30)

The template is rendered inside a `<section>` under an `<h2>` of `title` (start its own
headings at `<h3>`); its context is `provider`, `section_title`, the dict from `context_fn`
and the request's context processors (`user`, `perms`, `csrf_token`).
The permission is checked with the provider as the object; the section is left out otherwise.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class ProviderSection:
    title: str
    template: str
    context_fn: Callable  # (request, provider) -> dict
    permission: str
    order: int = 100


PROVIDER_SECTIONS: list[ProviderSection] = []


def register_provider_section(title: str, template: str, context_fn: Callable,
                              permission: str, order: int = 100) -> None:
    """Add (once per template) a section to every provider page."""
    if any(existing.template == template for existing in PROVIDER_SECTIONS):
        return
    PROVIDER_SECTIONS.append(ProviderSection(title, template, context_fn, permission, order))
    PROVIDER_SECTIONS.sort(key=lambda section: (section.order, section.title))


def sections_for(request, provider) -> list[dict]:
    """The registered sections this user may see for this provider, rendered."""
    user = request.user
    return [
        {"title": section.title, "slug": f"section-{index}",
         "html": render_to_string(section.template, {
             "provider": provider, "section_title": section.title,
             **section.context_fn(request, provider)}, request=request)}
        for index, section in enumerate(PROVIDER_SECTIONS)
        if user.has_perm(section.permission, provider)
    ]
