"""The formats registries and EHRs already produce, read into the engine's contract.

``FORMATS`` maps a format name to its parser: ``parse(bytes) -> (measurements, problems,
APM Entity ID named by the file)``. ``scoring.services.format_import`` checks the result with
the engine's own rules and stores it (all of it, or nothing and every problem by its path).
"""

from scoring.formats import qpp_json, qrda3
from scoring.formats.common import Measurement, Problems

FORMATS = {"qpp_json": qpp_json.parse, "qrda3": qrda3.parse}

__all__ = ["FORMATS", "Measurement", "Problems"]
