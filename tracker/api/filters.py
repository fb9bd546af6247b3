"""Filters shared by the apps' filtersets."""

import datetime

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


class _RawNullBooleanSelect(forms.NullBooleanSelect):
    # The stock widget turns any unknown value into None (no filter); keep it for the field to refuse.
    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictBooleanField(forms.NullBooleanField):
    """Like NullBooleanField, but a value that is neither true nor false is an error, not 'no filter'."""

    widget = _RawNullBooleanSelect

    def to_python(self, value):
        if value in (None, "", "unknown"):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise forms.ValidationError("Use true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class _StrictIntegerField(forms.IntegerField):
    def to_python(self, value):
        if isinstance(value, str) and not value.strip():
            raise forms.ValidationError("Give a whole number, or leave the parameter out.", code="invalid")
        return super().to_python(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number the database can hold (a huge one is a 400, not an overflow; an empty one too)."""

    field_class = _StrictIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class FiniteNumberField(forms.FloatField):
    def validate(self, value):
        super().validate(value)
        if value is not None and abs(value) > 1e300:
            raise forms.ValidationError("Enter a number between -1e300 and 1e300.", code="out_of_range")


@extend_schema_field({"type": "number", "minimum": -1e300, "maximum": 1e300})
class FloatFilter(django_filters.NumberFilter):
    """A float bound for float columns (the stock NumberFilter's Decimal overflows some backends)."""

    field_class = FiniteNumberField

    def get_max_validator(self):
        return None  # FiniteNumberField bounds both sides at 1e300, as the schema says


class _DatabaseDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time the database can compare: offsets within ±15:59 (PostgreSQL's range), sent as UTC."""

    def to_python(self, value):
        if isinstance(value, str) and not value.strip():
            raise forms.ValidationError("Give an ISO 8601 time, or leave the parameter out.", code="invalid")
        parsed = super().to_python(value)
        if parsed is None:
            return None
        offset = parsed.utcoffset()
        if offset is not None and abs(offset) >= datetime.timedelta(hours=16):
            raise forms.ValidationError(
                "The UTC offset must be between -15:59 and +15:59.", code="invalid_offset"
            )
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("The time is out of range.", code="out_of_range") from None


@extend_schema_field(
    {
        "type": "string",
        "format": "date-time",
        # UTC offsets up to ±15:59, as the field accepts.
        "pattern": r"^.*T[0-9:.]+(?:Z|z|[+-](?:0[0-9]|1[0-5]):[0-5][0-9])$",
    }
)
class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = _DatabaseDateTimeField


class _StrictDateField(forms.DateField):
    def to_python(self, value):
        if isinstance(value, str) and not value.strip():
            raise forms.ValidationError(
                "Give a date like 2024-05-01, or leave the parameter out.", code="invalid"
            )
        return super().to_python(value)


class DateFilter(django_filters.DateFilter):
    """A date; an empty value is a 400 (as the schema's date format says), not "no filter"."""

    field_class = _StrictDateField


class _StrictChoiceField(django_filters.fields.ChoiceField):
    def clean(self, value):
        if isinstance(value, str) and value == "":
            raise forms.ValidationError(
                "Give one of the choices, or leave the parameter out.", code="invalid_choice"
            )
        return super().clean(value)


class ChoiceFilter(django_filters.ChoiceFilter):
    """One of the choices; an empty value is a 400 (it is none of the schema's enum), not "no filter"."""

    field_class = _StrictChoiceField
