import pytest

from claims.extraction.filters import is_non_claim
from claims.extraction.numbers import find_mentions


def _mentions(sentence: str) -> list[tuple[float, str | None, str]]:
    return [(m.value, m.unit, sentence[m.start : m.end]) for m in find_mentions(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("it scores 64.5 percent here", [(64.5, "%", "64.5 percent")]),
        ("it scores 64.5 per cent here", [(64.5, "%", "64.5 per cent")]),
        ("a gain of 7.25\\% overall", [(7.25, "%", "7.25\\%")]),
        ("up by 3 percentage points", [(3.0, "points", "3 percentage points")]),
        ("up by 2.5 pp", [(2.5, "points", "2.5 pp")]),
        ("runs 3.5x faster", [(3.5, "x", "3.5x")]),
        ("runs 6× faster", [(6.0, "x", "6×")]),
        ("a 4-fold speedup", [(4.0, "x", "4-fold")]),
        ("eleven points better", [(11.0, "points", "eleven points")]),
        ("at half the price", [(0.5, "x", "half")]),
        ("it doubles the speed", [(2.0, "x", "doubles")]),
        ("uses 1/4 of the memory", [(0.25, "x", "1/4")]),
        ("takes 12 ms per image", [(12.0, "ms", "12 ms")]),
        ("a value of $0.731 \\pm 0.02$", [(0.731, None, "0.731"), (0.02, None, "0.02")]),
    ],
)
def test_numbers_units_and_value_text(sentence, expected):
    assert _mentions(sentence) == expected


def test_range_shares_the_unit_of_its_last_end():
    assert _mentions("gains of 3-7% on both") == [(3.0, "%", "3"), (7.0, "%", "7%")]
    assert [m[:2] for m in _mentions("from 2x to 9x")] == [(2.0, "x"), (9.0, "x")]


def test_negative_value_and_explicit_plus_sign():
    found = find_mentions("a correlation of -0.41 and a shift of (+1.9)")
    assert [(m.value, m.sign) for m in found] == [(-0.41, "-"), (1.9, "+")]


def test_numbers_inside_names_are_not_mentions():
    assert _mentions("we compare Widget-3 and ResNet50 and v2") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "trained on 500M pictures of cats",
        "a model with 13B weights",
        "we ran 40 epochs over the corpus",
        "released in 2019 by the lab",
        "covering 57 languages overall",
        "see Table 4 for the details",
        "with a 75% masking ratio during pretraining",
        "outputs 512x512 images",
        "collected 80 hours of speech",
        "trained with only 10% of the labeled data",
    ],
)
def test_sizes_counts_years_and_settings_are_not_claims(sentence):
    mentions = find_mentions(sentence)
    assert mentions, "the number itself should be found"
    assert all(is_non_claim(sentence, m) for m in mentions)


def test_result_numbers_survive_the_filters():
    sentence = "Our tagger reaches 93.1% accuracy and 0.88 F1."
    assert [m.value for m in find_mentions(sentence) if not is_non_claim(sentence, m)] == [93.1, 0.88]


def test_percent_p_is_percentage_points():
    from claims.extraction.numbers import find_mentions

    assert [
        (m.value, m.unit) for m in find_mentions(r"a 2.7\%p gain and a 1.1%p gain, not 20% or 5%per")
    ] == [
        (2.7, "points"),
        (1.1, "points"),
        (20.0, "%"),
        (5.0, "%"),
    ]
