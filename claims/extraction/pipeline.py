"""The engine's entry point: sentences and rules propose claims, the learned decision stage disposes."""

from __future__ import annotations

from .claim import ExtractedClaim
from .decision import decide
from .engine import propose_claims
from .model import load_model


def extract_claims(abstract: str, title: str = "") -> list[ExtractedClaim]:
    """Every benchmark claim in abstract, in reading order."""
    return decide(propose_claims(abstract, title), load_model())
