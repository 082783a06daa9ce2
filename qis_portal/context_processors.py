from django.conf import settings

from qis_portal.navigation import nav_for


def portal(request):
    user = getattr(request, "user", None)
    context = {
        "demo_mode": getattr(settings, "DEMO_MODE", False),
        "mfa_required": settings.MFA_REQUIRED,
        "session_idle_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds()),
        "session_warning_seconds": int(settings.SESSION_IDLE_WARNING.total_seconds()),
    }
    if user is not None and user.is_authenticated:
        context["nav_items"] = nav_for(user)
        context["unread_notifications"] = user.notifications.filter(
            in_app=True, read_at__isnull=True, resolved_at__isnull=True).count()
    return context
