"""Create the demo organizations, users and each app's demo data; safe to run again."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from qis_portal.demo import DEMO_PASSWORD, demo_users, seed_organizations, seed_users

# Apps that have demo data expose `seed()` in their demo module, run in this order.
APP_DEMOS = [
    "qio_program.demo", "qio_program.lifecycle.demo", "submissions.demo", "fqs.demo",
    "scoring.demo", "qpp_assist.demo", "qio_connect.demo",
]


class Command(BaseCommand):
    help = "Seed demo organizations and one demo user for every role (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            orgs = seed_organizations()
            seed_users(orgs)
            for module_name in APP_DEMOS:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    continue
                module.seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at /accounts/login/ with:"))
        for spec in demo_users():
            roles = ", ".join(str(role.label) for role in spec.roles)
            self.stdout.write(f"  {spec.email:<34} {roles}")
        self.stdout.write(f"  {'admin@cms.demo':<34} Django admin (superuser)")
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
