"""Request serializers that take JSON as its types say: a number is not a string, nor a string a number."""

from collections.abc import Mapping

from django.http import QueryDict
from rest_framework import serializers

_TYPES = (
    (serializers.BooleanField, (bool,), "a boolean"),
    (serializers.IntegerField, (int,), "a whole number"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.CharField, (str,), "a string"),
)


class StrictTypesMixin:
    """For JSON bodies: refuse a value of the wrong JSON type instead of converting it (DRF turns 0 into "0")."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping) and not isinstance(data, QueryDict):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name)
                if field.read_only or value is None:
                    continue
                for kind, types, label in _TYPES:
                    if isinstance(field, kind):
                        if not isinstance(value, types) or (
                            kind is not serializers.BooleanField and isinstance(value, bool)
                        ):
                            errors[name] = [f"Must be {label}."]
                        break
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
