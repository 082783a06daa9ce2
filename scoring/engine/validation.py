"""A small collecting validator: every problem is recorded with its field path, none raises."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

_KIND_NAMES = {"str": "a string", "bool": "a boolean", "int": "an integer", "num": "a number",
               "enum": "one of the allowed values"}


# Larger numbers than any count or rate in the standard; beyond 2**53 a float loses integers.
_LARGEST = 1e15


def _finite(value) -> bool:
    """Ints are finite (math.isfinite overflows on huge ones); floats must not be inf/nan."""
    return isinstance(value, int) or math.isfinite(value)


class Validator:
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    @staticmethod
    def join(path: str, key: str) -> str:
        return key if path == "$" else f"{path}.{key}"

    def obj(self, value: Any, path: str) -> dict | None:
        if not isinstance(value, Mapping):
            self.add(path, "must be an object")
            return None
        return dict(value)

    def array(self, value: Any, path: str, required: bool = True) -> list:
        if value is None:
            if required:
                self.add(path, "required")
            return []
        if not isinstance(value, list):
            self.add(path, "must be an array")
            return []
        return value

    def known_keys(self, d: Mapping, path: str, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in d:
            if key not in allowed:
                self.add(self.join(path, str(key)), "unknown field")

    def check(self, value: Any, path: str, kind: str, *, lo=None, hi=None, choices=None,
              pattern: str | None = None) -> bool:
        """Record an error unless ``value`` is of ``kind`` and within its limits."""
        ok = {
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "num": isinstance(value, int | float) and not isinstance(value, bool)
            and _finite(value),
            "enum": choices is not None and value in choices,
        }[kind]
        if not ok:
            extra = f" ({', '.join(choices)})" if kind == "enum" and choices else ""
            self.add(path, f"must be {_KIND_NAMES[kind]}{extra}")
            return False
        if kind in ("int", "num") and abs(value) > _LARGEST:
            self.add(path, f"must be at most {_LARGEST:g} in size")
            return False
        if kind == "str" and not value.strip():
            self.add(path, "must not be empty")
            return False
        if pattern is not None and not re.fullmatch(pattern, value):
            self.add(path, f"must match {pattern}")
            return False
        if lo is not None and value < lo:
            self.add(path, f"must be at least {lo}")
            return False
        if hi is not None and value > hi:
            self.add(path, f"must be at most {hi}")
            return False
        return True

    def field(self, d: Mapping, key: str, path: str, kind: str, *, required: bool = False,
              present: bool = False, default: Any = None, lo=None, hi=None, choices=None,
              pattern: str | None = None) -> Any:
        """The checked value of ``d[key]``; ``default`` when absent or null (and allowed)."""
        where = self.join(path, key)
        if key not in d:
            if required or present:
                self.add(where, "required")
            return default
        value = d[key]
        if value is None:
            if required:
                self.add(where, "must not be null")
            return default
        if self.check(value, where, kind, lo=lo, hi=hi, choices=choices, pattern=pattern):
            return value
        return None
