from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from qis_portal import api
from qis_portal.api_base import PortalRouter
from qis_portal.views import (
    account,
    auth,
    home,
    links,
    notifications,
    search,
    system,
    training,
)
from qis_portal.views.docs import api_docs

router = PortalRouter()
router.include_root_view = False
router.register("tokens", api.ApiTokenViewSet, basename="api-token")
router.register("notifications", api.NotificationViewSet, basename="api-notification")
router.register("role-assignments", api.RoleAssignmentViewSet, basename="api-role-assignment")

accounts_patterns = [
    path("login/", auth.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("mfa/setup/", auth.mfa_setup, name="mfa_setup"),
    path("mfa/verify/", auth.mfa_verify, name="mfa_verify"),
    # Not under mfa/: that prefix is open before the second factor, and this page is not.
    path("recovery-codes/", auth.recovery_codes, name="recovery_codes"),
    path("session/ping/", auth.session_ping, name="session_ping"),
    path("", account.account, name="account"),
    path("training/", training.training, name="training"),
    path("tokens/<int:token_id>/revoke/", account.token_revoke, name="token_revoke"),
    path("assignments/", account.assignment_queue, name="assignment_queue"),
    path("assignments/<int:assignment_id>/decide/", account.assignment_decide,
         name="assignment_decide"),
]

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("auth/token/", api.TokenObtainView.as_view(), name="api-token-obtain"),
    path("", include(router.urls)),
    path("submissions/", include("submissions.api_urls")),
    path("qio/", include("qio_program.api_urls")),
    path("lifecycle/", include("qio_program.lifecycle.api_urls")),
    path("fqs/", include("fqs.api_urls")),
    path("scoring/", include("scoring.api_urls")),
    path("qpp/", include("qpp_assist.api_urls")),
    path("connect/", include("qio_connect.api_urls")),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", login_not_required(system.health), name="health"),
    path("search/", search.search, name="search"),
    path("accounts/", include(accounts_patterns)),
    path("links/<str:token>/", links.onetime_link, name="onetime_link"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("notifications/settings/", notifications.notification_settings,
         name="notification_settings"),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
    path("submissions/", include("submissions.urls")),
    path("qio/", include("qio_program.urls")),
    path("lifecycle/", include("qio_program.lifecycle.urls")),
    path("fqs/", include("fqs.urls")),
    path("scoring/", include("scoring.urls")),
    path("qpp/", include("qpp_assist.urls")),
    path("connect/", include("qio_connect.urls")),
]

handler400 = "qis_portal.views.system.bad_request"
handler403 = "qis_portal.views.system.permission_denied"
handler404 = "qis_portal.views.system.page_not_found"
handler500 = "qis_portal.views.system.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
