"""Filters shared by the apps' filtersets."""

import django_filters
from django import forms

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
