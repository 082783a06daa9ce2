"""Settings shared by every environment; local, test and production adjust them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "insecure-local-only-key-change-me-in-production-0123456789")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "crispy_forms",
    "django_htmx",
    "django_otp",
    "csp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "qis_portal",
    "submissions",
    "qio_program",
    "qio_program.lifecycle",
    "fqs",
    "scoring",
    "qpp_assist",
    "qio_connect",
]

MIDDLEWARE = [
    "qis_portal.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "qis_portal.ratelimit.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "qis_portal.middleware.SessionExpiryMiddleware",
    "qis_portal.middleware.ApiAwareLoginRequiredMiddleware",
    "qis_portal.middleware.MfaRequiredMiddleware",
    "qis_portal.middleware.NoStoreForAuthenticatedMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "qis_portal.urls"
WSGI_APPLICATION = "qis_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qis_portal.context_processors.portal",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_TEMPLATE_PACK = "uswds"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "qis_portal.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "qis_portal.auth_backends.LockoutModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# ASVS 2.1.1 / NIST 800-63B: at least 12 characters, checked against a common-password list.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

# AC-7: 3 failed logins within 15 minutes lock the account for 30 minutes.
LOCKOUT_MAX_FAILURES = 3
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=30)
# FQS: business days an associate has to launch an assigned referral (seed 001, Referral).
FQS_LAUNCH_DAYS = env_int("FQS_LAUNCH_DAYS", 3)
# Bursts: (requests, window in seconds); sign-in per client address (qis_portal.ratelimit),
# the API per signed-in user and, for anonymous calls, per client address (DRF throttles,
# qis_portal.throttling).
RATE_LIMIT_LOGIN = (env_int("RATE_LIMIT_LOGIN", 20), 60)
RATE_LIMIT_API = (env_int("RATE_LIMIT_API", 600), 60)
RATE_LIMIT_API_ANON = (env_int("RATE_LIMIT_API_ANON", 120), 60)
# Proxies in front of the app that append the client's address to X-Forwarded-For; only
# that many entries from the right are believed (services.audit.client_ip).
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
# AC-11 / AC-12: idle and absolute session limits, with a warning before the idle one.
SESSION_IDLE_TIMEOUT = timedelta(minutes=15)
SESSION_IDLE_WARNING = timedelta(minutes=2)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "QIS & QIO Portal"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages are served straight from node_modules (installed by npm ci from the lockfile).
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("uswds", NODE_MODULES / "@uswds" / "uswds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("chartjs", NODE_MODULES / "chart.js" / "dist"),
]
# Files served at the site root (/favicon.ico), by WhiteNoise in every environment.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)  # seconds; a send never outlives its claim
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "QIS & QIO Portal <no-reply@portal.example.gov>")
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis in production; with no Redis, the same tasks run through a broker kept in a
# SQLite file (kombu's SQLAlchemy transport), so the embedded default needs no server.
CELERY_BROKER_URL = REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged task (its worker died) to another worker after the visibility
# timeout: minutes, so a lost task comes back soon. No task may run longer (the hard time
# limit below is shorter; long jobs work in chunks), or Redis would hand out a running task a
# second time. The scan for unacked tasks runs every ~10 s x throttle. (The SQLite transport
# passes its options to SQLAlchemy and takes none of these.)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 15 * 60),
    "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10),
} if REDIS_URL else {}
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_TIME_LIMIT = 10 * 60
# The outbox (qis_portal.services.outbox): a row not sent within RESEND_AFTER is offered again
# by the sweep; a claim older than CLAIM_TIMEOUT (longer than any send can take: EMAIL_TIMEOUT)
# belongs to a dead worker and may be taken over.
OUTBOX_RESEND_AFTER = timedelta(minutes=3)
OUTBOX_CLAIM_TIMEOUT = timedelta(seconds=env_int("OUTBOX_CLAIM_SECONDS", 5 * 60))
OUTBOX_MAX_ATTEMPTS = 10
OUTBOX_SWEEP_BATCH = 200
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Each app adds its sweeps in its AppConfig.ready (qis_portal.sweeps.register_sweep).
CELERY_BEAT_SCHEDULE: dict = {}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "qis_portal.api_auth.BearerTokenAuthentication",
        "qis_portal.api_auth.MfaSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["qis_portal.permissions.DenyByDefault"],
    "DEFAULT_THROTTLE_CLASSES": ["qis_portal.throttling.PortalUserThrottle",
                                 "qis_portal.throttling.PortalAnonThrottle"],
    "DEFAULT_PAGINATION_CLASS": "qis_portal.pagination.PortalCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "qis_portal.api_schema.PortalAutoSchema",
    "DEFAULT_PARSER_CLASSES": ["qis_portal.api_parsers.JSONParser",
                               "qis_portal.api_parsers.FormParser",
                               "rest_framework.parsers.MultiPartParser"],
    "EXCEPTION_HANDLER": "qis_portal.api_errors.portal_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["qis_portal.api_bulk.renderers.OrjsonRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "QIS & QIO Quality Programs Portal API",
    "DESCRIPTION": (
        "Pull submissions and statuses, push measure data for scoring. Authenticate with "
        "`Authorization: Bearer <token>` (tokens are created and revoked on the account page). "
        "Lists use cursor pagination. Errors share one body: "
        '`{"error": {"code", "message", "fields"}}`; an illegal workflow step answers 409.'
    ),
    "VERSION": "1.0.0",
    # 3.1: schemas are JSON Schema 2020-12, so nullable fields are `type: [x, "null"]` and the
    # scoring engine's own JSON Schemas are used as they are.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Choice sets used under several field names, or several sets under one name.
    "ENUM_NAME_OVERRIDES": {
        "QisSubmissionStatusEnum": "submissions.models.Submission.Status",
        "FqsCloseoutReasonEnum": "fqs.models.choices.CloseoutReason",
        "FqsEarlyCloseoutReasonEnum": "fqs.models.choices.EARLY_CLOSEOUT_CHOICES",
        "ProviderSettingEnum": "qio_program.models.directory.ProviderSetting",
        "AudienceTypeEnum": "qio_program.models.interactions.AudienceType",
    },
}

# Scripts only from our own origin (no inline script anywhere); styles may be inline because
# USWDS and htmx set style attributes at run time.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# LOG_FORMAT=json (production's default): every line one JSON object; each request one line
# on qis_portal.requests (qis_portal/request_log.py), every line with its request id.
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "qis_portal.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "qis_portal.request_log.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"},
                # The request line replaces Django's own (runserver's and django.request's
                # 4xx warnings stay).
                "django.server": {"level": "WARNING"}},
}

# crispy-forms adds these USWDS classes by widget type (templates/uswds is our template pack).
CRISPY_CLASS_CONVERTERS = {
    "textinput": "usa-input",
    "emailinput": "usa-input",
    "numberinput": "usa-input",
    "urlinput": "usa-input",
    "passwordinput": "usa-input",
    "dateinput": "usa-input",
    "datetimeinput": "usa-input",
    "timeinput": "usa-input",
    "textarea": "usa-textarea",
    "select": "usa-select",
    "selectmultiple": "usa-select",
    "nullbooleanselect": "usa-select",
    "clearablefileinput": "usa-file-input",
    "fileinput": "usa-file-input",
    "checkboxinput": "usa-checkbox__input",
}

# Error tracking (qis_portal/error_tracking.py): on only when SENTRY_DSN is set.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from qis_portal.error_tracking import init_error_tracking

    init_error_tracking(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"),
                        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")))
