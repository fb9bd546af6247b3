import pytest

from papers.importers.fields import FieldError, arxiv_id, bare_arxiv_id, doi, paper_record, split_authors


@pytest.mark.parametrize(
    ("given", "bare"),
    [
        ("2312.01234", "2312.01234"),
        ("2312.01234v12", "2312.01234"),
        ("arXiv:0704.0001v1", "0704.0001"),
        ("http://arxiv.org/abs/2401.01234v2", "2401.01234"),
        ("https://arxiv.org/pdf/2401.01234v1.pdf", "2401.01234"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("http://arxiv.org/abs/math.AG/0309136v2", "math.AG/0309136"),
        ("cond-mat/0102536v1", "cond-mat/0102536"),
        ("http://example.org/entry/7", ""),
        ("12345", ""),
    ],
)
def test_bare_arxiv_id(given, bare):
    assert bare_arxiv_id(given) == bare


def test_arxiv_id_refuses_what_is_not_one_but_allows_absence():
    assert arxiv_id(None) == arxiv_id("  ") == ""
    with pytest.raises(FieldError, match="not an arXiv id"):
        arxiv_id("see the paper")


def test_doi_prefixes_are_dropped_and_the_first_of_several_kept():
    assert doi("https://doi.org/10.1000/xyz") == "10.1000/xyz"
    assert doi("doi: 10.1000/abc 10.2000/def") == "10.1000/abc"
    assert doi(None) == ""


def test_split_authors_handles_and_semicolons_and_affiliations():
    assert split_authors("A. Author, B. Author and C. Author") == ("A. Author", "B. Author", "C. Author")
    assert split_authors("Ann Lee (MIT, Cambridge), Bo Kim ((1) X, (2) Y); Cy Diaz") == (
        "Ann Lee",
        "Bo Kim",
        "Cy Diaz",
    )
    assert split_authors("Alexandra Anderson") == (
        "Alexandra Anderson",
    )  # "and" inside a name is no separator


def test_author_count_follows_the_names_when_given():
    with_names = paper_record(
        source="s", position="p", title="T", abstract="A", authors=("X", "Y"), author_count=9
    )
    without = paper_record(source="s", position="p", title="T", abstract="A", author_count=9)

    assert (with_names.author_count, without.author_count) == (2, 9)


def test_free_text_drops_control_characters_that_text_refuses():
    import pytest as _pytest

    from papers.importers.fields import FieldError, free_text, text

    assert free_text("A set\x02 of  questions", "description") == "A set of questions"
    with _pytest.raises(FieldError, match="control character U\\+0002"):
        text("A set\x02 of questions", "title")
