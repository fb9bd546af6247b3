"""Strict query parameters for both compatibility APIs: a value the schema does not allow is a 400.

DRF's stock fields are lenient in ways the published schema does not say: an empty value of an optional
parameter counts as "not given", integers may be "1.0" or "1_000", dates may be "20240501" or "2024-W18",
floats may be "nan". The clients we serve send none of these (the CLI sends `YYYY-MM-DD`, decimal ints and
lowercase booleans; the old client sends ints), so refusing them breaks no one and keeps the schema true.
"""

import math
import re

from rest_framework import serializers

BLANK = "Give a value, or leave the parameter out."
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Counts and ids the database compares must fit its integer columns.
MAX_INT = 2**31 - 1


def repeated_parameters(query_params) -> dict[str, list[str]]:
    """Parameters given more than once: every parameter of these APIs takes one value."""
    return {
        name: [f"Give {name} once, not {len(values)} times."]
        for name, values in query_params.lists()
        if len(values) > 1
    }


class StrictIntegerField(serializers.IntegerField):
    """Decimal digits only (an optional minus): no "1.0", "1_000", " 1" or other scripts' digits."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not _INTEGER.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictFloatField(serializers.FloatField):
    """A finite decimal number ("0.5", "2", "1e-3"); "nan", "inf" and "0x10" are refused."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not _NUMBER.fullmatch(data):
            self.fail("invalid")
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("invalid")
        return value


class StrictDateField(serializers.DateField):
    """A calendar date written YYYY-MM-DD, as the schema's `date` format says."""

    def to_internal_value(self, value):
        if isinstance(value, str) and not _DATE.fullmatch(value):
            raise serializers.ValidationError("Give a date as YYYY-MM-DD.", code="invalid")
        return super().to_internal_value(value)


class QuerySerializer(serializers.Serializer):
    """Query parameters: an empty value is a 400 (as the schema's types say) unless the field allows blanks."""

    def to_internal_value(self, data):
        blank = {
            name: [BLANK]
            for name, field in self.fields.items()
            if data.get(name) == "" and not getattr(field, "allow_blank", False)
        }
        if blank:
            raise serializers.ValidationError(blank)
        return super().to_internal_value(data)


def page_number(raw: str | None, *, name: str) -> int:
    """A page number from 1; anything else is a 400 naming the parameter."""
    if raw is None:
        return 1
    if not _INTEGER.fullmatch(raw) or int(raw) < 1:
        raise serializers.ValidationError({name: ["Give a whole number of at least 1."]})
    return int(raw)


def page_size(raw: str | None, *, name: str, default: int, maximum: int) -> int:
    """Rows per page, 1 to `maximum`; more is a 400, never cut silently."""
    if raw is None:
        return default
    if not _INTEGER.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        raise serializers.ValidationError({name: [f"Give a whole number from 1 to {maximum}."]})
    return int(raw)
