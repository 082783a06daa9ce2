"""Score one APM Entity from a JSON file (the engine's contract) and print the result."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from scoring.engine import ContractError, evaluate
from scoring.services.reference import get_reference


class Command(BaseCommand):
    help = ("Score an APM Entity from a JSON input file (see docs/SCORING_API.md) and print "
            "the output JSON. Invalid input exits with status 2 and lists every bad field.")

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True,
                            help="path of the input JSON file, or - for standard input")
        parser.add_argument("--compact", action="store_true", help="print on one line")

    def handle(self, *args, **options):
        source = options["input"]
        try:
            if source == "-":
                data = json.load(sys.stdin)
            else:
                with open(source, encoding="utf-8") as fh:
                    data = json.load(fh)
        except OSError as exc:
            raise CommandError(f"cannot read {source}: {exc.strerror}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{source} is not valid JSON: {exc}", returncode=2) from exc
        try:
            output = evaluate(data, get_reference())
        except ContractError as exc:
            lines = [f"{path or '$'}: {message}" for path, message in exc.errors]
            raise CommandError(f"invalid scoring input ({len(lines)} problem(s)):\n"
                               + "\n".join(lines), returncode=2) from exc
        self.stdout.write(json.dumps(output, indent=None if options["compact"] else 2))
