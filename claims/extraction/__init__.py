"""Rule-based extraction of benchmark claims from paper abstracts (pure Python, no Django)."""

from .claim import ExtractedClaim
from .pipeline import extract_claims

EXTRACTOR_NAME = "rules"
EXTRACTOR_VERSION = "2.0.0"

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "ExtractedClaim", "extract_claims"]
