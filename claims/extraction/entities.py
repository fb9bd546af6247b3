"""Spans of metrics, benchmarks, methods, comparison targets and settings in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import load_vocabulary


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "by",
        "with",
        "our",
        "its",
        "their",
        "his",
        "her",
        "and",
        "or",
        "to",
        "for",
        "from",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "than",
        "over",
        "into",
        "both",
        "all",
        "each",
        "per",
        "up",
        "new",
        "best",
        "higher",
        "lower",
        "better",
        "highest",
        "lowest",
        "achieves",
        "achieve",
        "achieved",
        "achieving",
        "improves",
        "improved",
        "improving",
        "improvement",
        "improvements",
        "reaches",
        "reduces",
        "reducing",
        "increases",
        "increasing",
        "obtains",
        "yields",
        "record",
        "also",
        "while",
        "which",
        "only",
        "sota",
        "state-of-the-art",
        "gains",
        "gain",
        "increase",
        "decrease",
        "reduction",
        "relative",
        "absolute",
        "significant",
        "significantly",
        "substantial",
        "average",
        "mean",
        "overall",
        "strong",
        "good",
        "high",
        "low",
        "competitive",
        "remarkable",
        "notable",
        "impressive",
        "excellent",
        "we",
        "it",
        "they",
        "has",
        "have",
        "had",
        "can",
        "could",
        "using",
        "via",
        "between",
        "within",
        "similar",
        "comparable",
        "same",
        "further",
        "more",
        "less",
        "mere",
        "merely",
        "about",
        "up",
        "total",
        "terms",
        "improve",
        "achieve",
        "reach",
        "reduce",
        "increase",
        "slashes",
        "tightens",
        "enhances",
        "boosts",
        "lowers",
        "raises",
        "delivers",
        "attains",
        "yielding",
        "reaching",
        "obtaining",
    ]
)
_HEADS = (
    r"accuracy|accuracies|rates?|scores?|errors?|recall|precision|efficacy|efficiency|utilization|quality|"
    r"correlation|time|speed|memory(?:\s+usage)?|usage|throughput|latency|costs?|overhead|emissions|size|fertility|"
    r"spread|counts?|stability|effectiveness|agreement|coverage|return|reward|distortion|similarity|consistency"
)
_HEAD = re.compile(rf"\b(?:{_HEADS})\b(?![-‐]\w)")  # matched on the lower-cased sentence
_BAD_HEAD_CONTEXT = re.compile(
    r"(?:learning|sampling|masking|dropout|frame|first|same|test|real|batch|sample|step|group|patch|window|"
    r"vocabulary|data|training-set|gland|effect|over|compression|code|bit|at\s+the\s+same)\s*$",
    re.IGNORECASE,
)
_VERB_SCORE = re.compile(r"\b(?:model|method|system|approach|agent|it|which|that|who|and)\s+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z0-9][\w'@.\-]*)\s+$")
_PAREN_ACRONYM = re.compile(r"^\s*\(([A-Z][\w@\-]*s?)\)")


def find_metrics(sentence: str) -> list[Span]:
    """Metric mentions: vocabulary names and generic metric nouns with their modifiers ("search accuracy")."""
    vocab = load_vocabulary()
    found: list[tuple[int, int]] = [(m.start(), m.end()) for m in vocab.metric_pattern.finditer(sentence)]
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # offsets must stay valid
        lowered = sentence
    for match in _HEAD.finditer(lowered):
        prefix = sentence[max(0, match.start() - 40) : match.start()]
        if _BAD_HEAD_CONTEXT.search(prefix) and not _has_modifier(sentence, match.start()):
            continue
        bare_time = match.group() == "time" and not _has_modifier(sentence, match.start())
        if bare_time and not re.search(r"(?:more|less)\s+$", prefix):
            continue
        if _BAD_HEAD_CONTEXT.search(prefix):
            continue
        if match.group().startswith("score") and _VERB_SCORE.search(prefix):
            continue  # "our model scores 80%": a verb, not a metric
        found.append((match.start(), match.end()))
    spans = [_expand(sentence, s, e) for s, e in found]
    return [
        span
        for span in _merge(sentence, spans)
        if not _QUALIFIED.search(sentence[max(0, span.start - 40) : span.start])
    ]


def _has_modifier(sentence: str, start: int) -> bool:
    word = _WORD_BEFORE.search(sentence, max(0, start - 40), start)
    return bool(word) and word.group(1).lower() not in _STOP


def _expand(sentence: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(2):
        word = _WORD_BEFORE.search(sentence, max(0, start - 40), start)
        if not word or word.group(1).lower() in _STOP or word.group(1)[0].isdigit():
            break
        if sentence[word.end(1) : start].count(" ") > 1:
            break
        start = word.start(1)
    paren = _PAREN_ACRONYM.match(sentence, end)
    if paren:
        end = paren.end()
    return start, end


def _merge(sentence: str, spans: list[tuple[int, int]]) -> list[Span]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [Span(s, e, sentence[s:e]) for s, e in merged]


# Benchmarks ---------------------------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z][\w\-.+/]*[A-Z0-9][\w\-+/]*|[a-z]+[A-Z][\w\-.+/]*|[A-Z][a-z]+-?\d[\w\-]*|[A-Z]{2,}s?)"
_TAIL = r"(?:\s+(?:[vV]\d[\w.]*|val\d*|test(?:-dev|-std)?|\d+\s?[x×]\s?\d+|\d+times\d+|\(\w+\)))?"
_CUE_BEFORE = re.compile(
    rf"\b(?:on|in|over|across)\s+(?:the\s+)?(?:(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){{0,2}}?"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?{_TAIL})"
    r"(?:\s+(?:dataset|benchmark|test\s+set|corpus|challenge|leaderboard|suite)s?)?"
)
_CUE_AFTER = re.compile(
    r"(?P<name>(?:[A-Z][\w\-.+/]*|[a-z]+[A-Z][\w\-.+/]*)(?:\s+[A-Z0-9][\w\-.+/]*){0,2})\s+"
    r"(?:dataset|benchmark|test\s+set|corpus|leaderboard|suite|challenge)s?\b"
)
_NOT_BENCHMARK = frozenset(
    [
        "SOTA",
        "LLM",
        "LLMs",
        "VLM",
        "VLMs",
        "MLLM",
        "MLLMs",
        "AI",
        "ML",
        "NLP",
        "CV",
        "RL",
        "GPU",
        "GPUs",
        "CPU",
        "CPUs",
        "TPU",
        "TPUs",
        "API",
        "APIs",
        "FPS",
        "GPT",
        "CNN",
        "CNNs",
        "RNN",
        "DNN",
        "DNNs",
        "GAN",
        "GANs",
        "ViT",
        "ViTs",
        "OOD",
        "ID",
        "IID",
        "TTS",
        "ASR",
        "QA",
        "MT",
        "NER",
        "ZSL",
        "GZSL",
        "FSL",
        "KG",
        "KGs",
        "IR",
        "OCR",
        "SQL",
        "PDE",
        "PDEs",
        "ODE",
        "ODEs",
        "UAV",
        "MLP",
        "MLPs",
        "FPGA",
        "FPGAs",
        "English",
        "Chinese",
        "Experiments",
        "Extensive",
        "Results",
        "Our",
        "We",
        "The",
        "This",
        "In",
        "On",
        "For",
        "Notably",
        "Moreover",
        "Furthermore",
        "Finally",
        "Specifically",
        "Empirically",
        "Additionally",
        "Overall",
        "Compared",
        "When",
        "With",
        "Using",
        "Across",
        "Unlike",
        "Experimental",
        "Evaluation",
        "Evaluations",
        "Code",
        "Our",
        "AP",
        "PQ",
        "NDS",
        "FID",
        "BLEU",
        "WER",
        "PSNR",
        "SSIM",
        "MOS",
        "IS",
        "mAP",
        "mIoU",
        "AUC",
        "F1",
        "SNR",
    ]
)
_MODEL_NAME = re.compile(
    r"^(?:ResNet|ResNeXt|MobileNet|EfficientNet|VGG|ViT|DeiT|Swin|BERT|RoBERTa|GPT|LLaMA|Llama|Qwen|Mistral|Mixtral|"
    r"Gemma|T5|CLIP|PaLM|Claude|Gemini|DenseNet|Inception|U-?Net|YOLO|DETR|Whisper|wav2vec|HuBERT|OPT|BLOOM|Falcon|"
    r"Phi|DeepSeek|InstructGPT|Vicuna|Alpaca|ConvNeXt|Stable\s+Diffusion|SDXL|DALL|Imagen)",
)
_QUALIFIED = re.compile(
    r"\b(?:comparable|similar|same|low|minimal|negligible|modest|little|no|without|reduced)\s+(?:[\w-]+\s+)?$",
    re.I,
)
_HARDWARE = re.compile(r"^\s*(?:GPU|GPUs|TPU|platforms?|hardware|devices?|chips?)\b")


def find_benchmarks(sentence: str, exclude: frozenset[str] = frozenset()) -> list[Span]:
    """Benchmark mentions: vocabulary names plus names cued by "on X", "X dataset", "X benchmark"."""
    vocab = load_vocabulary()
    spans = [(m.start(), m.end()) for m in vocab.benchmark_pattern.finditer(sentence)]
    for pattern in (_CUE_BEFORE, _CUE_AFTER):
        for match in pattern.finditer(sentence):
            name = match.group("name").rstrip(".,")
            s = match.start("name")
            e = s + len(name)
            if (
                name in _NOT_BENCHMARK
                or name.split()[0] in _NOT_BENCHMARK
                or name in exclude
                or _MODEL_NAME.match(name)
            ):
                continue
            if _HARDWARE.match(sentence, e) or re.match(
                r"^\s*(?:model|models|method|framework|\()", sentence[e:]
            ):
                continue
            spans.append((s, e))
    merged = _merge(sentence, spans)
    return [
        span for span in merged if span.text not in exclude and not span.text.endswith(("-based", "-like"))
    ]


# Comparison targets --------------------------------------------------------------------------------------------

_TARGET = (
    r"(?P<t>(?:the\s+|a\s+|an\s+)?[^,;()\d]{1,70}?)(?=\s+(?:by|on|in|with|while|across|for|at|when|"
    r"and\s+(?:by|achiev|reduc|improv)|using|without|under|as|to)\b|\s*[,;(.]|\s*$|\s+\d)"
)
_COMPARED = re.compile(
    rf"\b(?:over|than|compared\s+(?:to|with)|relative\s+to|against|vs\.?|versus|surpassing|outperforming|"
    rf"outperforms?|outperformed|surpass(?:es|ed)?|beats?|beating)\s+{_TARGET}",
    re.IGNORECASE,
)
_IMPROVES_X_BY = re.compile(rf"\b(?:improv\w+|boost\w*|enhanc\w+)\s+{_TARGET}\s+(?:by|for)\b", re.IGNORECASE)
_POSSESSIVE_SHARE = re.compile(r"%\s*\)?\s*of\s+(?P<t>[\w\-. ]{1,40}?)(?:'s?|’s?)\s")
_PERF_OF = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+)?(?:performance|results?|accuracy|scores?)\s+of\s+(?:even\s+)?", re.IGNORECASE
)


def find_targets(sentence: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in (_COMPARED, _IMPROVES_X_BY, _POSSESSIVE_SHARE):
        for match in pattern.finditer(sentence):
            text = match.group("t").strip()
            start = match.start("t") + (len(match.group("t")) - len(match.group("t").lstrip()))
            perf = _PERF_OF.match(text)
            if perf:
                start += perf.end()
                text = text[perf.end() :]
            text = re.sub(r"^(?:that\s+of|those\s+of|all\s+the|them|over|upon|on)\b\s*", "", text).strip()
            if (
                not text
                or text.lower() in _STOP
                or re.fullmatch(r"(?:\w+\s+)?(?:accuracy|performance)", text, re.I)
            ):
                continue
            if re.match(
                r"(?:\w+\s+)?(?:more|less|up|about|approximately|around|nearly|roughly)\b", text, re.I
            ):
                continue
            spans.append(Span(start, start + len(text), text))
    return spans


_SETTING = re.compile(
    r"\b(?:zero[- ]shot|few[- ]shot|one[- ]shot|\d+[- ]shot|fine[- ]tuned|fine[- ]tuning|linear[- ]prob(?:e|ing)|"
    r"with\s+extra\s+training\s+data|in-context)\b",
    re.IGNORECASE,
)


def find_setting(sentence: str) -> str | None:
    match = _SETTING.search(sentence)
    return match.group().lower().replace(" ", "-") if match else None
