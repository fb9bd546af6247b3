"""Logistic regression over sparse binary features, trained by AdaGrad SGD: small, deterministic, dependency-free.

Features are strings that are present or absent, so a sample is the list of its features.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence

from claims.extraction.model import sigmoid


def _kept_features(rows: Sequence[Sequence[str]], min_count: int) -> set[str]:
    counts = Counter(feature for row in rows for feature in set(row))
    return {feature for feature, count in counts.items() if count >= min_count or feature == "bias"}


def _order(n: int, epochs: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    orders = []
    for _ in range(epochs):
        order = list(range(n))
        rng.shuffle(order)
        orders.append(order)
    return orders


def train_binary(
    rows: Sequence[Sequence[str]],
    labels: Sequence[int],
    *,
    epochs: int = 25,
    rate: float = 0.5,
    l2: float = 1e-3,
    min_count: int = 4,
    seed: int = 0,
) -> dict[str, float]:
    """Weights of P(label = 1 | features)."""
    kept = _kept_features(rows, min_count)
    samples = [[f for f in dict.fromkeys(row) if f in kept] for row in rows]
    weights: dict[str, float] = dict.fromkeys(kept, 0.0)
    squares: dict[str, float] = dict.fromkeys(kept, 1e-8)
    for order in _order(len(samples), epochs, seed):
        for index in order:
            features = samples[index]
            error = sigmoid(sum(weights[f] for f in features)) - labels[index]
            for feature in features:
                gradient = error + l2 * weights[feature]
                squares[feature] += gradient * gradient
                weights[feature] -= rate * gradient / math.sqrt(squares[feature])
    return {feature: round(weight, 4) for feature, weight in sorted(weights.items()) if abs(weight) >= 1e-4}


def train_softmax(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    classes: Sequence[str],
    *,
    epochs: int = 25,
    rate: float = 0.5,
    l2: float = 1e-3,
    min_count: int = 2,
    seed: int = 0,
) -> dict[str, list[float]]:
    """Weights of P(class | features), one row of len(classes) weights per feature."""
    kept = _kept_features(rows, min_count)
    samples = [[f for f in dict.fromkeys(row) if f in kept] for row in rows]
    targets = [classes.index(label) for label in labels]
    k = len(classes)
    weights = {feature: [0.0] * k for feature in kept}
    squares = {feature: [1e-8] * k for feature in kept}
    for order in _order(len(samples), epochs, seed):
        for index in order:
            features = samples[index]
            totals = [0.0] * k
            for feature in features:
                row = weights[feature]
                for c in range(k):
                    totals[c] += row[c]
            top = max(totals)
            exps = [math.exp(t - top) for t in totals]
            norm = sum(exps)
            errors = [exps[c] / norm - (1.0 if c == targets[index] else 0.0) for c in range(k)]
            for feature in features:
                row, square = weights[feature], squares[feature]
                for c in range(k):
                    gradient = errors[c] + l2 * row[c]
                    square[c] += gradient * gradient
                    row[c] -= rate * gradient / math.sqrt(square[c])
    return {
        feature: [round(w, 4) for w in row]
        for feature, row in sorted(weights.items())
        if any(abs(w) >= 1e-4 for w in row)
    }


def fit_platt(scores: Sequence[float], labels: Sequence[int], *, steps: int = 2000) -> tuple[float, float]:
    """(a, b) of sigmoid(a * logit(score) + b) fitted to labels by gradient descent on the log loss."""
    logits = [math.log(min(max(s, 1e-6), 1 - 1e-6) / (1 - min(max(s, 1e-6), 1 - 1e-6))) for s in scores]
    a, b = 1.0, 0.0
    n = max(len(logits), 1)
    for _ in range(steps):
        grad_a = grad_b = 0.0
        for x, y in zip(logits, labels, strict=True):
            error = sigmoid(a * x + b) - y
            grad_a += error * x
            grad_b += error
        a -= 0.5 * grad_a / n
        b -= 0.5 * grad_b / n
    return round(a, 4), round(b, 4)
