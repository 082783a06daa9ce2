from django.apps import AppConfig


class QisPortalConfig(AppConfig):
    name = "qis_portal"
    verbose_name = "Portal core"

    def ready(self) -> None:
        from . import lookups, signals  # noqa: F401  (safe integer `in`; sign-in audit)
        from .sweeps import register_sweep

        register_sweep("qis_portal.tasks.purge_expired_login_attempts", hours=1)
