"""Names of hardware ("Tesla V100", "RTX 3090", "Jetson AGX Orin"): where a number was measured, never a
benchmark, a metric or a method."""

from __future__ import annotations

import re

HARDWARE_WORDS = frozenset(
    [
        "RTX",
        "GTX",
        "AGX",
        "Orin",
        "Xavier",
        "GPU",
        "GPUs",
        "TPU",
        "TPUs",
        "CPU",
        "CPUs",
        "NPU",
        "FPGA",
        "FPGAs",
        "NVIDIA",
        "Nvidia",
        "Tesla",
        "Jetson",
    ]
)
_ACCELERATOR = re.compile(r"(?:[AHVTLPB]\d{2,3}|RTX\s?\d{3,4}\w*|MI\d{3}X?|Jetson\b.*|TPU\s?v\d\w*)$")


def is_hardware(name: str) -> bool:
    return bool(HARDWARE_WORDS.intersection(name.split())) or _ACCELERATOR.match(name) is not None
