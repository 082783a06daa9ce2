"""The embedded default: SQLite, no Redis, console e-mail, demo users.

MFA is waived here, and every page says so; production requires it."""

from .base import *  # noqa: F403
from .env import env_bool

# The portal's own 404 and 500 pages by default; a developer opts into Django's debug pages
# (tracebacks, the URL list) with DEBUG=1.
DEBUG = env_bool("DEBUG", False)
MFA_REQUIRED = env_bool("MFA_REQUIRED", False)
DEMO_MODE = True

# Static files come straight from the finders (node_modules, static/); no collectstatic here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
