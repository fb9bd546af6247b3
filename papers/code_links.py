"""Repository links written in abstracts ("Code is at https://github.com/org/repo."). Pure Python, no Django."""

import re

# A repository is owner/name on GitHub or GitLab (GitLab allows groups: owner/group/name); project pages
# (*.github.io) are not code.
_REPO = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<host>github\.com|gitlab\.com)/(?P<path>[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+){1,3})",
    re.IGNORECASE,
)
# The hosts alone, found far faster than the full pattern: most abstracts name neither.
_HOST = re.compile(r"git(?:hub|lab)\.com", re.IGNORECASE)
_NOT_OWNERS = {"about", "features", "topics", "orgs", "sponsors", "marketplace", "explore", "search"}


def code_url_in(text: str) -> str:
    """The first GitHub or GitLab repository URL in the text, as https://host/owner/name; "" when none."""
    if not _HOST.search(text or ""):
        return ""
    for match in _REPO.finditer(text or ""):
        parts = match.group("path").split("/")
        if match.group("host").lower() == "github.com":
            parts = parts[:2]  # /tree/main/src and the like are inside the repository
        elif "-" in parts:
            parts = parts[: parts.index("-")]  # GitLab's /-/tree/main
        parts[-1] = re.sub(r"(?:\.git)?\.*$", "", parts[-1])
        if len(parts) < 2 or not all(parts) or parts[0].lower() in _NOT_OWNERS:
            continue
        return f"https://{match.group('host').lower()}/{'/'.join(parts)}"
    return ""
