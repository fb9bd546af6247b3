"""LaTeX wrappers are blanked for the engine and kept in what claims quote; every sentence here is invented."""

from claims.extraction import extract_claims
from claims.extraction.latex import mask_wrappers


def test_wrappers_and_their_closing_braces_become_spaces_of_the_same_length():
    text = r"by \textbf{7.3\%} on \mbox{Fen-3} and {\bf 2.1} on \textcolor{teal}{Reed}, not \cite{x}"
    masked = mask_wrappers(text)
    assert len(masked) == len(text)
    assert "7.3\\%" in masked and "\\textbf" not in masked and "{\\bf" not in masked
    assert " Fen-3 " in masked and "\\cite{x}" in masked


def test_a_wrapped_name_is_read_and_the_claim_quotes_the_abstract_as_written():
    text = (
        r"Zinnia reaches 41.9 SARI on the \mbox{Fenland} test set and \textbf{50.9}/\textbf{51.3} mask mAPs."
    )
    claims = {claim.value: claim for claim in extract_claims(text)}
    assert claims[41.9].benchmark.startswith("Fenland")
    assert sorted(claims) == [41.9, 50.9, 51.3]
    assert claims[41.9].evidence == text
    assert claims[50.9].value_text == "50.9"
