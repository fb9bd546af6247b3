from claims.extraction.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_keeps_abbreviations_and_decimals_inside_sentences():
    text = (
        "We test many toy tasks, e.g. sorting and i.e. parsing, as in Lee et al. 2020. "
        "Our model gets 91.5% vs. 88.2% for the prior one (see Fig. 3). It is fast."
    )
    assert _sentences(text) == [
        "We test many toy tasks, e.g. sorting and i.e. parsing, as in Lee et al. 2020.",
        "Our model gets 91.5% vs. 88.2% for the prior one (see Fig. 3).",
        "It is fast.",
    ]


def test_split_does_not_break_urls_and_returns_exact_spans():
    text = "Code is at https://example.org/Repo.Main today. Second one here."
    spans = split_sentences(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]] == "Code is at https://example.org/Repo.Main today."


def test_split_handles_glued_sentences():
    assert _sentences("The widget works well.Then we stop.") == ["The widget works well.", "Then we stop."]
