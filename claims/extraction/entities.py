"""Spans of metrics, benchmarks, methods, comparison targets and settings in a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .hardware import HARDWARE_WORDS, is_hardware
from .numbers import SPELLED
from .textscan import lowered_pattern, starting_with
from .vocabulary import load_vocabulary, lookup_benchmark, lookup_metric
from .words import alternation, word_list, word_set


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


_STOP = word_set("stop_words")
_HEADS = alternation("metric_heads")
# Heads that name a metric only with a modifier: "training times", "alignment performance", but not a bare
# "performance" or "scores" (the contract counts those as no metric), nor "3 times".
_NEEDS_MODIFIER = word_set("heads_needing_modifier")
# Group 1, searched in " " + the lower-cased sentence: the leading \W (for \b) lets the regex engine skip
# to the word starts fast.
_HEAD = re.compile(rf"\W({_HEADS})\b(?![-‐]\w)")
# Words right before a metric head that make it a setting, not a metric ("learning rate", "batch size").
_BAD_HEAD_CONTEXT = word_list("setting_head_context")
_MORE_LESS_END = re.compile(r"(?:more|less)\s+$")
_VERB_SCORE = re.compile(r"\b(?:model|method|system|approach|agent|it|which|that|who|and)\s+$", re.IGNORECASE)
_PAREN_ACRONYM = re.compile(r"^\s*\(([A-Z][\w@\-]*s?)\)")


def find_metrics(sentence: str) -> list[Span]:
    """Metric mentions: vocabulary names and generic metric nouns with their modifiers ("search accuracy")."""
    vocab = load_vocabulary()
    found = list(vocab.find_names(sentence)[0])
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # offsets must stay valid
        lowered = sentence
    for match in _HEAD.finditer(" " + lowered):
        head = match.group(1)
        start = match.start(1) - 1
        prefix = sentence[max(0, start - 40) : start]
        if prefix.rstrip().lower().endswith(_BAD_HEAD_CONTEXT):
            continue
        if head in _NEEDS_MODIFIER and not _has_word_modifier(sentence, start):
            continue
        bare_time = head == "time" and not _has_modifier(sentence, start)
        if bare_time and not _MORE_LESS_END.search(prefix):
            continue
        if head.startswith("score") and _VERB_SCORE.search(prefix):
            continue  # "our model scores 80%": a verb, not a metric
        found.append((start, start + len(head)))
    if " in " in sentence:
        found += [match.span("name") for match in _CHANGE_IN_NAME.finditer(sentence)]
    if "%" in sentence:
        found += [
            match.span("name")
            for match in _ACRONYM_AFTER_PERCENT.finditer(sentence)
            if lookup_benchmark(match.group("name")) is None
            and match.group("name") not in HARDWARE_WORDS
            and not _CUE_WORD.match(sentence, match.end("name"))
        ]
    if "@" in sentence:
        found += [match.span() for match in _AT_K_METRIC.finditer(sentence)]
    if "=" in sentence:
        found += [match.span("name") for match in _NAME_EQUALS.finditer(sentence)]
    spans = [_expand(sentence, s, e) for s, e in found]
    return [
        span
        for span in _merge(sentence, spans)
        if not _is_qualified(sentence, span.start)
        and not ("threshold" in sentence and _THRESHOLD_AFTER.match(sentence, span.end))
    ]


_THRESHOLD_AFTER = re.compile(r"\s+thresholds?\b")  # "the 0.5 IoU threshold" is a setting, not a metric


# "Rank@1", "NDCG@10", "mAP@0.5:0.95": a measure at a cut-off, whether or not the vocabulary knows it.
_AT_K_METRIC = re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z0-9-]*@\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)?(?![\w@])")
# "t-DCF = 0.0239", "R2 = 0.988": a term with a capital set equal to a number names what it measures (single
# letters are variables: "n = 40", "K = 5").
_NAME_EQUALS = re.compile(r"(?<![\w\\-])(?P<name>(?=[\w-]*[A-Z])[A-Za-z][\w-]*[A-Za-z0-9])\s*=\s*\$?\d")
# "a 0.21 decrease in KLD": what a change is in is a metric, even one the vocabulary does not know.
_CHANGE_NOUN = (
    r"\b(?:increases?|decreases?|reductions?|improvements?|gains?|drops?|boosts?|rises?|declines?)\s+in\s+$"
)
_CHANGE_IN_NAME = re.compile(rf"{_CHANGE_NOUN[:-1]}(?P<name>[A-Z][A-Za-z0-9@\-]*[A-Z0-9][A-Za-z0-9@\-]*)\b")
_CHANGE_BEFORE = re.compile(_CHANGE_NOUN)
# "95.1% CMC1", "51.2% NDS": an acronym right after a percentage names what it measures.
_ACRONYM_AFTER_PERCENT = re.compile(r"\d\s?\\?%(?:\{\})?\}?\s+(?P<name>[A-Z][A-Za-z]*[A-Z0-9@][\w@-]*)\b")


def _is_qualified(sentence: str, start: int) -> bool:
    """Whether _QUALIFIED matches the 40 characters before start ("comparable accuracy" is no result)."""
    return bool(_QUALIFIED_LOW.search(sentence[max(0, start - 40) : start].lower()))


_WORD_CHARS = frozenset("_'@.-")


def _word_before(sentence: str, start: int) -> tuple[int, int] | None:
    r"""Span of the word right before start and the whitespace after it, looking back at most 40 characters.

    The same as searching r"([A-Za-z0-9][\w'@.\-]*)\s+$" in sentence[start - 40 : start], but scanned
    backwards from start, which is much cheaper than a regex anchored at the end.
    """
    low = max(0, start - 40)
    end = start
    while end > low and sentence[end - 1].isspace():
        end -= 1
    if end == start:
        return None
    begin = end
    while begin > low and (sentence[begin - 1].isalnum() or sentence[begin - 1] in _WORD_CHARS):
        begin -= 1
    for first in range(begin, end):
        if sentence[first].isascii() and sentence[first].isalnum():
            return first, end
    return None


def _has_modifier(sentence: str, start: int) -> bool:
    word = _word_before(sentence, start)
    return bool(word) and sentence[word[0] : word[1]].lower() not in _STOP


def _has_word_modifier(sentence: str, start: int) -> bool:
    """A modifier made of letters (not a number) and not a function word: "training times", "F1 scores"."""
    word = _word_before(sentence, start)
    if not word:
        return False
    text = sentence[word[0] : word[1]]
    lowered = text.lower()
    if text[0].isdigit() or lowered in _STOP or lowered in _GENERIC_MODIFIERS or "human" in lowered:
        return False
    if lowered in SPELLED:
        return False  # "two times faster" names no metric
    return not lowered.endswith(("'s", "’s"))  # "the algorithm's performance"


# Words before "performance"/"scores" that do not make a metric name.
_GENERIC_MODIFIERS = word_set("generic_modifiers")
# The praise among them, which is never part of a metric's name ("zero-shot accuracy" is a metric).
_PRAISE = word_set("praise_words")


_UNIT_WORDS = frozenset(
    [
        "ms",
        "mm",
        "cm",
        "m",
        "dB",
        "s",
        "h",
        "GB",
        "MB",
        "KB",
        "TB",
        "fps",
        "FPS",
        "Hz",
        "kHz",
        "times",
        "fold",
        "x",
    ]
)


def _expand(sentence: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(2):
        word = _word_before(sentence, start)
        if not word:
            break
        text = sentence[word[0] : word[1]]
        if text.lower() in _STOP or text[0].isdigit() or text.lower() in _PRAISE:
            break  # "superior generation quality" names "generation quality"
        if text in _UNIT_WORDS and sentence[: word[0]].rstrip()[-1:].isdigit():
            break  # "31.2 mm MPJPE": the number's unit, not a modifier of the metric
        if sentence[word[1] : start].count(" ") > 1:
            break
        start = word[0]
    paren = _PAREN_ACRONYM.match(sentence, end)
    if paren:
        end = paren.end()
    return start, end


def overlaps_any(span: Span, others) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


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
_CUE_BEFORE = starting_with(
    "oiaOIA",
    rf"\b(?:[Oo]n|[Ii]n|[Aa]cross)\s+(?:the\s+)?(?:(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){{0,2}}?"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?{_TAIL})"
    r"(?:\s+(?:dataset|database|benchmark|test\s+set|corpus|challenge|leaderboard|suite)s?)?",
)
_CUE_AFTER = re.compile(
    r"(?P<name>(?:[A-Z][\w\-.+/]*|[a-z]+[A-Z][\w\-.+/]*|[a-z][a-z\-]*\d[\w\-.]*)(?:\s+[A-Z0-9][\w\-.+/]*){0,3}"
    r"(?:\s+\([A-Z][\w\-]*\))?)\s+"
    r"(?:[Dd]ataset|[Dd]atabase|[Bb]enchmark|test\s+set|[Cc]orpus|leaderboard|suite|[Cc]hallenge)s?\b"
)
# The same matches when the search starts after no lower-case letter: a name cannot start right after one,
# as every start there fails where the letter before it already failed (and much more cheaply).
_CUE_AFTER_WORD_START = re.compile(r"(?<![a-z])" + _CUE_AFTER.pattern)


# "the held-out test set of MedNLI", "the validation split of Foo-QA".
_CUE_SPLIT_OF = re.compile(
    rf"\b(?:set|split|subset|partition|portion|part)\s+of\s+(?:the\s+)?(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?)"
)


_SPLIT_OF_WORDS = ("set of", "split of", "partition of", "portion of", "part of")


_CUE_WORD = re.compile(
    r"\s(?:[Dd]ataset|[Dd]atabase|[Bb]enchmark|test\s+set|[Cc]orpus|leaderboard|suite|[Cc]hallenge)s?\b"
)
# How far before a cue word its name may start: three words of a benchmark name, generously.
_CUE_NAME_REACH = 100


def _cue_after_matches(sentence: str) -> Iterator[re.Match]:
    """_CUE_AFTER matches, searched only in a short window before each cue word instead of everywhere."""
    searched_to = 0
    for cue in _CUE_WORD.finditer(sentence):
        start = max(searched_to, cue.start() - _CUE_NAME_REACH)
        while start < cue.end():
            after_lower = start > 0 and "a" <= sentence[start - 1] <= "z"
            pattern = _CUE_AFTER if after_lower else _CUE_AFTER_WORD_START
            match = pattern.search(sentence, start, cue.end())
            if match is None:
                break
            yield match
            start = match.end()
        searched_to = max(searched_to, start, cue.end())


# A name set beside the noun that says what it is: "VelmQA, a grounded QA benchmark", "on a visual-reasoning
# task, NLVR, and".
_NAME_THEN_NOUN = re.compile(
    rf"(?P<name>{_NAME_TOKEN}),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,4}}?(?:benchmark|dataset|task|corpus|suite)\b"
)
_NOUN_THEN_NAME = re.compile(
    rf"\b(?:benchmarks?|datasets?|tasks?|corpus|suites?)\s*[:,]\s*(?P<name>{_NAME_TOKEN})(?=\s*[,;(]|\s+and\b)"
)


def _cue_matches(sentence: str) -> Iterator[re.Match]:
    yield from _CUE_BEFORE.finditer(sentence)
    yield from _cue_after_matches(sentence)
    if any(word in sentence for word in _SPLIT_OF_WORDS):
        yield from _CUE_SPLIT_OF.finditer(sentence)
    if ", a" in sentence:
        yield from _NAME_THEN_NOUN.finditer(sentence)
    if ":" in sentence or ", " in sentence:
        yield from _NOUN_THEN_NAME.finditer(sentence)


_NOT_BENCHMARK = frozenset(
    [
        "SOTA",
        "KB",
        "KBs",
        "KG",
        "KGs",
        "ROC",
        "AUC",
        "AUROC",
        "AUPR",
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
_QUALIFIED_LOW = lowered_pattern(_QUALIFIED.pattern, "cslmnwr")
_SYSTEM_AFTER = re.compile(r"\s*(?:model|models|method|framework|\()")
# Hardware is where a number was measured, never what it was measured on: "114 FPS on a T4 GPU".
# A number or quantifier right before a name with a plural cue: a collection, not a named benchmark.
_COUNTED_COLLECTION = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|various|numerous|few)"
    r"\s+(?:[a-z][\w-]*\s+){0,2}$"
)
_PLURAL_COLLECTION = re.compile(r"\s+(?:benchmarks|datasets|data\s+sets|corpora|suites|tasks|test\s+sets)\b")
# "on the Alder (81.4%) set": after its cue, a name followed by a result in parentheses is where it was measured
_RESULT_AFTER = re.compile(r"\s*\(\s*[\d.]+\s*(?:\\?%|points)?\s*\)")
_TASK_AFTER = re.compile(rf"\s+(?:{alternation('task_words')})\b")
_BUILT_ON = re.compile(
    r"\b(?:based|built|relies|relying|depends|focus|focuses|focusing|pre-?trained|pre-?training)\s+$",
    re.IGNORECASE,
)
_HARDWARE = re.compile(r"^\s*(?:GPU|GPUs|TPU|platforms?|hardware|devices?|chips?)\b")


def find_benchmarks(sentence: str, exclude: frozenset[str] = frozenset()) -> list[Span]:
    """Benchmark mentions: vocabulary names plus names cued by "on X", "X dataset", "X benchmark"."""
    vocab = load_vocabulary()
    spans = list(vocab.find_names(sentence)[1])
    for match in _cue_matches(sentence):
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
        if _HARDWARE.match(sentence, e) or (
            _SYSTEM_AFTER.match(sentence, e) and not _RESULT_AFTER.match(sentence, e)
        ):
            continue
        if match.re is _CUE_BEFORE and _CHANGE_BEFORE.search(
            sentence, max(0, match.start() - 16), match.start() + 3
        ):
            continue  # "a 0.2 decrease in KLD" names a metric
        if match.re is _CUE_BEFORE and _TASK_AFTER.match(sentence, e):
            continue  # "in HOI detection on the V-Set dataset": a task, not where the number was measured
        if _BUILT_ON.search(sentence, max(0, match.start() - 12), match.start()):
            continue  # "a detector based on PP-YOLOE" names a method
        if _PLURAL_COLLECTION.match(sentence, e) and _COUNTED_COLLECTION.search(sentence, max(0, s - 40), s):
            continue  # "four public Long-QA benchmarks" names no benchmark
        spans.append((s, e))
    merged = [
        _with_version(sentence, span) for span in _merge(sentence, spans + _list_members(sentence, spans))
    ]
    return [
        span
        for span in merged
        if span.text not in exclude
        and not span.text.endswith(("-based", "-like"))
        and not is_hardware(span.text)
        and not ("train" in sentence and _TRAINED_ON.search(sentence, max(0, span.start - 30), span.start))
    ]


# "AMR 2.0", "CoNLL v1.1": a version written after a benchmark's name is part of it, unless a metric or a
# unit follows ("AMR 2.1 F1" is a result).
_VERSION_AFTER = re.compile(r"(?P<version> v?\d\.\d)(?![\w.%]|\\%)(?:\s+(?P<next>[A-Za-z][\w@-]*))?")


def _with_version(sentence: str, span: Span) -> Span:
    match = _VERSION_AFTER.match(sentence, span.end)
    if match is None or (match.group("next") and lookup_metric(match.group("next"))):
        return span
    end = match.end("version")
    return Span(span.start, end, sentence[span.start : end])


# "Vision Transformers pre-trained on ImageNet-21k": the training data, not where the number was measured.
_TRAINED_ON = re.compile(r"\b(?:pre-?)?train(?:ed|ing)\s+(?:only\s+)?on\s+(?:the\s+)?$", re.IGNORECASE)


# A name coordinated with a benchmark is a benchmark too: "on ImageNet, QX-7 and Ternby".
_LIST_MEMBER = rf"(?:{_NAME_TOKEN}|[A-Z][a-z]{{2,}})(?:\s+{_NAME_TOKEN})?"
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"  # "A/B" pairs are read elsewhere
# Each name may carry its own result in parentheses: "on the Alder (81.4%), Birch (83.7%) and Cedar (40.9%) sets".
_OWN_RESULT = r"(?:\s*\([^()]{0,24}\d[^()]{0,24}\))?"
_MEMBER_AFTER = re.compile(rf"{_OWN_RESULT}{_SEPARATOR}(?P<name>{_LIST_MEMBER})(?![\w-])")
_MEMBER_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_LIST_MEMBER}){_OWN_RESULT}{_SEPARATOR}$")
_MEMBER_REACH = 40
_VERSION = re.compile(r"[vV]\d[\w.]*")  # "Something-Something V1 and V2": a version of the same benchmark


def _is_member_name(name: str) -> bool:
    first = name.split()[0]
    return (
        name not in _NOT_BENCHMARK
        and first not in _NOT_BENCHMARK
        and not _MODEL_NAME.match(name)
        and not _VERSION.fullmatch(name)
    )


def _list_members(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names in a list with a benchmark found, on either side of it, one after another.

    A list joined by "and"/"or", or of three names at least: "On WikiQA, FooNet reaches ..." lists nothing.
    """
    found: list[tuple[int, int]] = []
    for start, end in spans:
        chain: list[re.Match] = []
        at = end
        while (match := _MEMBER_AFTER.match(sentence, at)) and _is_member_name(match.group("name")):
            chain.append(match)
            at = match.end("name")
        found += _coordinated(chain, sentence, after=True)
        chain = []
        at = start
        while (match := _MEMBER_BEFORE.search(sentence, max(0, at - _MEMBER_REACH), at)) and _is_member_name(
            match.group("name")
        ):
            chain.append(match)
            at = match.start("name")
        found += _coordinated(chain, sentence, after=False)
    return found


def _coordinated(chain: list[re.Match], sentence: str, after: bool) -> list[tuple[int, int]]:
    joined = any(
        _JOINING_WORD.search(
            sentence[m.end("name") : m.end()] if not after else sentence[m.start() : m.start("name")]
        )
        for m in chain
    )
    if len(chain) >= 2 or joined:
        return [(m.start("name"), m.end("name")) for m in chain]
    return []


_JOINING_WORD = re.compile(r"\b(?:and|or)\b")


_NAME_PREFIX = re.compile(rf"({_NAME_TOKEN})\s+(?=\S)")


def benchmark_name_prefix(metric_text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """The benchmark-like name a metric phrase starts with: "Quarry-QA exact match" -> "Quarry-QA"."""
    match = _NAME_PREFIX.match(metric_text)
    if not match:
        return None
    name = match.group(1)
    if (
        name in _NOT_BENCHMARK
        or name in exclude
        or lookup_metric(name)
        or name.lower().startswith("top")
        or _MODEL_NAME.match(name)
    ):
        return None
    return name


# Comparison targets --------------------------------------------------------------------------------------------

# A compared system: may hold digits inside names ("GPT-4", "BM25", "Qwen3-4B") but starts with none.
_TARGET = (
    r"(?P<t>(?:the\s+|a\s+|an\s+)?(?!\d)[^,;()]{1,70}?)(?=\s+(?:by|on|in|with|while|across|for|at|when|"
    r"and\s+(?:by|achiev|reduc|improv)|using|without|under|as|to)\b|\s*[,;(]|\.(?:\s|$)|\s*$|\s+[\d$])"
)
_COMPARED = starting_with(
    "otcravsb",
    rf"\b(?:over|than|above|compared\s+(?:to|with)|relative\s+to|against|vs\.?|versus|surpassing|outperforming|"
    rf"outperforms?|outperformed|surpass(?:es|ed)?|beats?|beating)\s+{_TARGET}",
    re.IGNORECASE,
)
_IMPROVES_X_BY = starting_with(
    "ibe", rf"\b(?:improv\w+|boost\w*|enhanc\w+)\s+{_TARGET}\s+(?:by|for)\b", re.IGNORECASE
)
_POSSESSIVE_SHARE = re.compile(r"%\s*\)?\s*of\s+(?P<t>[\w\-. ]{1,40}?)(?:'s?|’s?)\s")
_PERF_OF = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+)?(?:performance|results?|accuracy|scores?)\s+of\s+(?:even\s+)?", re.IGNORECASE
)


# Each pattern with the words it needs, checked first so most sentences skip most patterns.
_TARGET_PATTERNS = (
    (
        _COMPARED,
        (
            "over",
            "than",
            "above",
            "compared",
            "relative",
            "against",
            "vs",
            "versus",
            "surpass",
            "outperform",
            "beat",
        ),
    ),
    (_IMPROVES_X_BY, ("improv", "boost", "enhanc")),
    (_POSSESSIVE_SHARE, ("%",)),
)
# "gains in parsing performance for", "raising the decoding speed by": an aspect, not a system.
_TARGET_IS_ASPECT = re.compile(
    r"^(?:in|on|of|at|for|to|with)\b|\b(?:speed|accuracy|performance|quality|efficiency|latency|throughput|"
    r"robustness|generalization|generalisation|results?|scores?)$",
    re.IGNORECASE,
)
_SYSTEM_NAME = re.compile(r"\b[A-Z][\w\-.]*[A-Z0-9][\w\-.]*\s*$|\b[A-Z][a-z]+[A-Z][\w\-.]*\s*$")
_TARGET_FILLER = re.compile(r"^(?:that\s+of|those\s+of|all\s+the|them|over|upon|on)\b\s*")
_TARGET_TAIL = re.compile(r"\s+(?:such|like|including)$")  # "published models such (as X and Y)"
_TARGET_IS_METRIC = re.compile(r"(?:\w+\s+)?(?:accuracy|performance)", re.I)
_TARGET_IS_AMOUNT = re.compile(
    r"(?:\w+\s+)?(?:more|less|up|about|approximately|around|nearly|roughly)\b", re.I
)


def find_targets(sentence: str) -> list[Span]:
    spans: list[Span] = []
    lowered = sentence.lower()
    patterns = [pattern for pattern, words in _TARGET_PATTERNS if any(word in lowered for word in words)]
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            text = match.group("t").strip()
            start = match.start("t") + (len(match.group("t")) - len(match.group("t").lstrip()))
            perf = _PERF_OF.match(text)
            if perf:
                start += perf.end()
                text = text[perf.end() :]
            text = _TARGET_TAIL.sub("", _TARGET_FILLER.sub("", text).strip())
            if not text or text.lower() in _STOP or _TARGET_IS_METRIC.fullmatch(text) or lookup_metric(text):
                continue
            if any(metric.start <= start < metric.end for metric in find_metrics(sentence)):
                continue  # "improving task completion rate by", "Intersection over Union": a metric, no comparison
            # "human performance" is a baseline; "the inference speed" is an aspect.
            aspect = None if "human" in text.lower() else _TARGET_IS_ASPECT.search(text)
            if aspect and aspect.start() > 0 and _SYSTEM_NAME.search(text, 0, aspect.start()):
                text = text[: aspect.start()].rstrip()  # "CLIP accuracy" -> "CLIP"
                aspect = None
            if _TARGET_IS_AMOUNT.match(text) or aspect:
                continue
            spans.append(Span(start, start + len(text), text))
    return spans


_SETTING = starting_with(
    "zfo0-9lwi",
    r"\b(?:zero[- ]shot|few[- ]shot|one[- ]shot|\d+[- ]shot|fine[- ]tuned|fine[- ]tuning|linear[- ]prob(?:e|ing)|"
    r"with\s+extra\s+training\s+data|in-context)\b",
    re.IGNORECASE,
)


_SETTING_WORDS = ("shot", "fine", "linear", "extra", "in-context")


def find_setting(sentence: str) -> str | None:
    lowered = sentence.lower()
    if not any(word in lowered for word in _SETTING_WORDS):
        return None
    match = _SETTING.search(sentence)
    return match.group().lower().replace(" ", "-") if match else None
