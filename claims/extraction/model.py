"""The decision model at run time: linear weights read from a JSON file, applied in pure Python.

The file is written by `manage.py train_extraction_model` (claims/learning/); nothing here needs the
training code.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "decision_model.json"


def sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    exp = math.exp(score)
    return exp / (1.0 + exp)


@dataclass(frozen=True)
class BinaryModel:
    weights: dict[str, float]

    def probability(self, features: list[str]) -> float:
        get = self.weights.get
        return sigmoid(sum(get(feature, 0.0) for feature in features))


def logit(probability: float) -> float:
    p = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class DenseModel:
    """Logistic regression over a few real-valued inputs; weights[0] is the bias."""

    weights: tuple[float, ...]

    def probability(self, inputs: list[float]) -> float:
        if not self.weights:
            return 0.5
        return sigmoid(self.weights[0] + sum(w * x for w, x in zip(self.weights[1:], inputs, strict=True)))


@dataclass(frozen=True)
class SoftmaxModel:
    classes: tuple[str, ...]
    weights: dict[str, list[float]]

    def probabilities(self, features: list[str]) -> dict[str, float]:
        totals = [0.0] * len(self.classes)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for index, weight in enumerate(row):
                    totals[index] += weight
        top = max(totals)
        exps = [math.exp(total - top) for total in totals]
        norm = sum(exps)
        return {name: exp / norm for name, exp in zip(self.classes, exps, strict=True)}


@dataclass(frozen=True)
class DecisionModel:
    version: str
    claim: BinaryModel  # is this number a claim?
    kind: SoftmaxModel  # which kind of claim?
    metric: BinaryModel  # is this candidate the claim's metric?
    benchmark: BinaryModel  # is this candidate the claim's benchmark?
    threshold: float  # least P(claim) kept
    kind_margin: float  # how much surer of another kind than of the rules' the model must be to change it
    benchmark_margin: float  # the same for another benchmark than one the rules named
    confidence: DenseModel  # is the claim right at value+metric? (fitted on cross-validated decisions)

    @classmethod
    def from_dict(cls, data: dict) -> DecisionModel:
        return cls(
            version=data["version"],
            claim=BinaryModel(data["claim"]["weights"]),
            kind=SoftmaxModel(tuple(data["kind"]["classes"]), data["kind"]["weights"]),
            metric=BinaryModel(data["metric"]["weights"]),
            benchmark=BinaryModel(data["benchmark"]["weights"]),
            threshold=data["threshold"],
            kind_margin=data["kind_margin"],
            benchmark_margin=data["benchmark_margin"],
            confidence=DenseModel(tuple(data["confidence"]["weights"])),
        )

    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "threshold": self.threshold,
            "kind_margin": self.kind_margin,
            "benchmark_margin": self.benchmark_margin,
            "claim": {"weights": self.claim.weights},
            "kind": {"classes": list(self.kind.classes), "weights": self.kind.weights},
            "metric": {"weights": self.metric.weights},
            "benchmark": {"weights": self.benchmark.weights},
            "confidence": {"weights": list(self.confidence.weights)},
        }


@cache
def load_model(path: Path = MODEL_PATH) -> DecisionModel | None:
    """The shipped model, or None when no model file exists (the rules then decide alone)."""
    if not path.exists():
        return None
    return DecisionModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
