from django.apps import AppConfig


class QisPortalConfig(AppConfig):
    name = "qis_portal"
    verbose_name = "Portal core"

    def ready(self) -> None:
        # The safe integer `in`; the sign-in audit; the guard that lets a workflow state
        # change only through run_transition.
        from . import lookups, signals, workflow  # noqa: F401
        from .sweeps import register_sweep

        register_sweep("qis_portal.tasks.purge_expired_login_attempts", hours=1)
        register_sweep("qis_portal.tasks.resend_unsent_email", minutes=2)
        register_sweep("qis_portal.tasks.record_heartbeat", minutes=1)
