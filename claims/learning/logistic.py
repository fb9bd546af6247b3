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


def train_dense(
    rows: Sequence[Sequence[float]], labels: Sequence[int], *, l2: float = 1e-2, iterations: int = 30
) -> list[float]:
    """Weights (bias first) of P(label = 1 | x) for a few real-valued inputs, by Newton's method."""
    samples = [[1.0, *row] for row in rows]
    width = len(samples[0]) if samples else 1
    weights = [0.0] * width
    for _ in range(iterations):
        gradient = [l2 * w for w in weights]
        hessian = [[l2 * (i == j) for j in range(width)] for i in range(width)]
        for x, y in zip(samples, labels, strict=True):
            p = sigmoid(sum(w * v for w, v in zip(weights, x, strict=True)))
            for i in range(width):
                gradient[i] += (p - y) * x[i]
                for j in range(width):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hessian, gradient)
        weights = [w - d for w, d in zip(weights, step, strict=True)]
    return [round(w, 4) for w in weights]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix @ x = vector, by Gaussian elimination with partial pivoting."""
    n = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            for c in range(col, n + 1):
                rows[r][c] -= factor * rows[col][c]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        solution[r] = (rows[r][n] - sum(rows[r][c] * solution[c] for c in range(r + 1, n))) / rows[r][r]
    return solution
