"""Error tracking: Sentry, switched on by SENTRY_DSN (off when it is unset or empty).

Requests and Celery tasks both report; no personal data is sent (`send_default_pii` off:
no cookies, user e-mails or IP addresses), and tracing only at SENTRY_TRACES_SAMPLE_RATE.
"""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def init_error_tracking(dsn: str, *, environment: str, traces_sample_rate: float = 0.0) -> bool:
    if not dsn:
        return False
    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False,
                    traces_sample_rate=traces_sample_rate,
                    integrations=[DjangoIntegration(), CeleryIntegration()])
    return True
