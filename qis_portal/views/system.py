"""Health check and error pages (generic: never a traceback)."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from qis_portal.permissions import audit_refusal


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    reason = str(exception) if exception else ""
    audit_refusal(request, reason, exception)
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
