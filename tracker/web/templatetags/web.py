"""Small formatting helpers of the pages."""

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html

register = template.Library()

ATTACHED_UNITS = {"%", "x", "×"}


@register.filter
def value_unit(value, unit: str = "") -> str:
    """79.2%, 2.3x, 31.5 BLEU: the number as the leaderboard shows it, with its unit."""
    if value is None:
        return "—"
    number = f"{value:g}"
    if not unit:
        return number
    return f"{number}{unit}" if unit in ATTACHED_UNITS else f"{number} {unit}"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or "" removes one)."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = value
    encoded = urlencode(sorted((k, v) for k, v in params.items() if v != ""))
    return f"?{encoded}" if encoded else "?"


@register.filter
def percent(confidence) -> str:
    return "—" if confidence is None else f"{confidence * 100:.0f}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def evidence_marked(evidence: str, value: float, value_text: str = "") -> str:
    """The evidence sentence, escaped, with the number in <mark>."""
    needle = (value_text or "").strip()
    at = evidence.find(needle) if needle else -1
    if at < 0:
        needle = f"{value:g}"
        at = evidence.find(needle)
    if at < 0:
        return format_html("{}", evidence)
    return format_html("{}<mark>{}</mark>{}", evidence[:at], needle, evidence[at + len(needle) :])
