"""Load the 2020 quality measures and benchmarks from the qpp-measures-data npm package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scoring.services.reference import (
    benchmarks_path,
    measures_path,
    package_dir,
    package_version,
    reference_load,
)


class Command(BaseCommand):
    help = ("Load measures/2020/measures-data.json and benchmarks/2020.json from the "
            "qpp-measures-data package into the catalogue tables. Idempotent: a second run "
            "changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--package-dir", type=Path, default=None,
                            help="qpp-measures-data directory (default: node_modules)")

    def handle(self, *args, **options):
        root = options.get("package_dir")
        for path in (measures_path(root), benchmarks_path(root)):
            if not path.exists():
                raise CommandError(f"{path} not found: run `npm ci` first.")
        try:
            counts = reference_load(root=root)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"The package files could not be read: {exc}") from exc
        version = package_version() if root in (None, package_dir()) else str(root)
        self.stdout.write(f"qpp-measures-data {version}")
        for label, key in (("Quality measures", "measures"), ("Submission methods", "methods"),
                           ("2020 benchmarks", "benchmarks")):
            self.stdout.write(counts[key].line(label))
            for note in counts[key].notes:
                self.stdout.write(f"  note: {note}")
