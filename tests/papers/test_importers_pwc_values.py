import pytest

from papers.importers.fields import FieldError
from papers.importers.pwc_values import parse_value


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("85.3%", 85.3, "%"),
        ("1.2M", 1_200_000.0, ""),
        ("0.46B", 460_000_000.0, ""),
        ("3.0m", 3_000_000.0, ""),
        ("12.5 ± 0.3", 12.5, ""),
        ("0.7482 ± 0.0015", 0.7482, ""),
        ("63.7*", 63.7, ""),
        ("**70.3**", 70.3, ""),
        ("\ufeff93.3", 93.3, ""),
        ("−4.5", -4.5, ""),
        ("1,234.5", 1234.5, ""),
        ("5e-3", 0.005, ""),
        ("70.14 (measured by another group)", 70.14, ""),
        (91, 91.0, ""),
        (0.25, 0.25, ""),
    ],
)
def test_leaderboard_values_are_read_as_numbers(raw, value, unit):
    parsed = parse_value(raw)
    assert parsed.value == pytest.approx(value)
    assert parsed.unit == unit


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("-", "no value"),
        ("--", "no value"),
        ("", "no value"),
        ("–", "no value"),
        ("Yes", "not a number"),
        ("**Precision**", "not a number"),
        ("78.6/84.4", "several numbers"),
        ("(32.7 32.0 26.2)", "several numbers"),
        ("43B?", "not a number this importer can read"),
        (None, "expected a number or a string, got null"),
        (True, "expected a number or a string, got boolean"),
        (float("nan"), "not a finite number"),
    ],
)
def test_values_that_are_not_one_number_are_refused_with_a_reason(raw, reason):
    with pytest.raises(FieldError, match=reason):
        parse_value(raw)
