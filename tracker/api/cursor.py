"""Keyset pages: a signed cursor holds the last row's ordering values, the next page starts after them.

No COUNT and no OFFSET: a page is `WHERE (ordering) > (last row's values) ORDER BY ... LIMIT n`, so page
500 costs what page 1 costs. The row id ends every ordering, so rows with equal values are neither
skipped nor repeated. NULLs sort last going up and first going down (PostgreSQL's own order, which its
indexes follow), on every database.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q, QuerySet
from rest_framework.exceptions import ValidationError

SALT = "tracker.api.cursor"
TIEBREAKER = "id"


class CursorError(ValidationError):
    def __init__(self, message: str, param: str = "cursor"):
        super().__init__({param: [message]})


@dataclass(frozen=True)
class Key:
    """One column of the ordering: the lookup path (`paper__published`), its direction and its field."""

    name: str
    descending: bool
    field: object

    @property
    def term(self) -> str:
        return f"-{self.name}" if self.descending else self.name

    def order_by(self):
        expression = F(self.name)
        return expression.desc(nulls_first=True) if self.descending else expression.asc(nulls_last=True)

    def value_of(self, row):
        value = row
        for part in self.name.split("__"):
            value = getattr(value, part, None)
        return value

    @property
    def nullable(self) -> bool:
        return getattr(self.field, "null", True)

    def after(self, value) -> Q:
        """Rows strictly after `value` in this column's order (NULLs last going up, first going down)."""
        if self.descending:
            return Q(**{f"{self.name}__isnull": False}) if value is None else Q(**{f"{self.name}__lt": value})
        if value is None:
            return Q(pk__in=[])
        greater = Q(**{f"{self.name}__gt": value})
        return greater | Q(**{f"{self.name}__isnull": True}) if self.nullable else greater

    def bound(self, value) -> Q:
        """The rows after `value` also bound the column by a plain range, where an index scan can start."""
        if value is None:
            return Q()
        if self.descending:
            return Q(**{f"{self.name}__lte": value})
        at_least = Q(**{f"{self.name}__gte": value})
        return at_least | Q(**{f"{self.name}__isnull": True}) if self.nullable else at_least

    def same(self, value) -> Q:
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})

    def from_wire(self, value):
        if value is None:
            return None
        try:
            return self.field.to_python(value)
        except (DjangoValidationError, TypeError, ValueError):
            raise CursorError("The cursor is not valid; start again from `cursor=`.") from None


def _ordering_terms(queryset: QuerySet) -> list:
    query = queryset.query
    if query.order_by:
        return list(query.order_by)
    return list(query.get_meta().ordering) if query.default_ordering else []


def _field(queryset: QuerySet, name: str):
    """The field a plain column or annotation of the ordering reads, or None when a cursor cannot follow it."""
    annotation = queryset.query.annotations.get(name)
    if annotation is not None:
        return getattr(annotation, "output_field", None)
    model, field = queryset.model, None
    for part in name.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    if field is None or not field.concrete:
        return None
    if field.is_relation:
        # `paper` orders by the paper's own ordering; only `paper_id` is one column.
        return field if name.split("__")[-1] == field.attname else None
    return field


def ordering_keys(queryset: QuerySet) -> list[Key]:
    """The ordering as keys ending with the id; a 400 when a term is not a column a cursor can follow."""
    keys: list[Key] = []
    for term in _ordering_terms(queryset):
        if not isinstance(term, str) or term == "?":
            raise CursorError("`cursor` cannot follow this ordering; page with `page` instead.")
        descending, name = term.startswith("-"), term.lstrip("-")
        name = TIEBREAKER if name == "pk" else name
        field = _field(queryset, name)
        if field is None:
            raise CursorError(f"`cursor` cannot follow the ordering {term!r}; page with `page` instead.")
        keys.append(Key(name, descending, field))
        if name == TIEBREAKER:
            return keys
    return [*keys, Key(TIEBREAKER, False, queryset.model._meta.pk)]


def _wire(value):
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value


def cursor_encode(keys: list[Key], row) -> str:
    payload = {"o": [key.term for key in keys], "v": [_wire(key.value_of(row)) for key in keys]}
    return signing.dumps(payload, salt=SALT, compress=True)


def cursor_decode(keys: list[Key], cursor: str) -> list:
    """The last row's values the cursor holds, checked against the ordering it was made for."""
    try:
        payload = signing.loads(cursor, salt=SALT)
        terms, values = payload["o"], payload["v"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise CursorError("The cursor is not valid; start again from `cursor=`.") from None
    if terms != [key.term for key in keys] or not isinstance(values, list) or len(values) != len(keys):
        raise CursorError(
            "The cursor was made for another ordering; keep `ordering` as it was, or start again from `cursor=`."
        )
    return [key.from_wire(value) for key, value in zip(keys, values, strict=True)]


def after_values(keys: list[Key], values: list) -> Q:
    """(k1, k2, ...) > (v1, v2, ...) in the keys' order, expanded for mixed directions and NULLs."""
    condition = keys[-1].after(values[-1])
    for key, value in zip(reversed(keys[:-1]), reversed(values[:-1]), strict=True):
        condition = key.after(value) | (key.same(value) & condition)
    # Implied by the condition, but as a range on the first column alone the planner can start an index there.
    return keys[0].bound(values[0]) & condition


def keyset_rows(queryset: QuerySet, cursor: str) -> tuple[list[Key], QuerySet]:
    """The ordering's keys and the rows after the cursor (all of them when it is empty), in that order."""
    keys = ordering_keys(queryset)
    ordered = queryset.order_by(*(key.order_by() for key in keys))
    if cursor:
        ordered = ordered.filter(after_values(keys, cursor_decode(keys, cursor)))
    return keys, ordered


def keyset_page(queryset: QuerySet, cursor: str, size: int) -> tuple[list, str | None]:
    """One page of rows after the cursor (from the start when it is empty) and the cursor of the next page."""
    keys, ordered = keyset_rows(queryset, cursor)
    rows = list(ordered[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    return rows, cursor_encode(keys, rows[-1])
