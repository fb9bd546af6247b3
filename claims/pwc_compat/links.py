"""Links and names both compatibility APIs show for a paper or a score."""

from papers.models import Paper

ARXIV_ABS = "https://arxiv.org/abs/{}"
ARXIV_PDF = "https://arxiv.org/pdf/{}"


def paper_abs_url(paper: Paper) -> str:
    return ARXIV_ABS.format(paper.arxiv_id) if paper.arxiv_id else paper.url


def paper_pdf_url(paper: Paper) -> str:
    if paper.arxiv_id:
        return ARXIV_PDF.format(paper.arxiv_id)
    return paper.url if paper.url.lower().endswith(".pdf") else ""


def author_names(paper: Paper) -> list[str]:
    """Author names as strings; sources that give objects keep their `name`."""
    names = []
    for author in paper.authors or []:
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def value_text(value: float) -> str:
    """A score as Papers with Code wrote it: a plain decimal string, no trailing ".0"."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
