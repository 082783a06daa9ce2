"""The one public page of one-time links (qis_portal.onetime_links): the token is the only
credential, so the page shows the target only once the link checks out."""

from django.contrib.auth.decorators import login_not_required
from django.views.decorators.cache import never_cache

from qis_portal import onetime_links
from qis_portal.onetime_links import LinkRefused


@login_not_required
@never_cache
def onetime_link(request, token: str):
    try:
        link = onetime_links.resolve(token)
        view = onetime_links.link_view_for(link.purpose)
        if view is None:
            raise LinkRefused(LinkRefused.INVALID)
        return view(request, link, token)
    except LinkRefused as refused:
        onetime_links.record_refusal(refused, request=request)
        return onetime_links.refusal_response(request, refused)
