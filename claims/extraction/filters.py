"""Numbers that are not results: sizes, counts, years, versions, settings, citations, error bars."""

from __future__ import annotations

import re

from .numbers import Mention
from .textscan import lowered_pattern
from .vocabulary import lookup_benchmark, lookup_metric
from .words import alternation

_COUNT_NOUNS = (
    r"images?|photos?|videos?|clips?|frames?|samples?|examples?|instances?|tokens?|words?|sentences?|documents?|"
    r"parameters?|params|languages?|tasks?|datasets?|benchmarks?|domains?|iterations?|steps?|epochs?|layers?|heads?|"
    r"classes|categories|hours\s+of|minutes\s+of|days\s+of|years?|months?|weeks?|GPUs|TPUs|nodes|experts|"
    r"models?|baselines?|methods|agents?|environments?|games?|robots?|subjects?|participants?|patients?|users?|"
    r"people|annotators?|questions?|problems?|prompts?|queries|pairs|objects?|scenes?|points\s+of|studies|"
    r"articles|papers|hospitals|centers|sites|cases|countries|directions|references|mesh(?:es)?|trajectories|"
    r"demonstrations?|episodes?|attempts?|trials?|runs|seeds?|rounds|shots?|labels|annotations|authors|sources|"
    r"families|services|settings|configurations|scenarios|splits|folds|readers|dimensions|channels|bits?|bytes|"
    r"function\s+evaluations|evaluations|generations|calls|queries|times\s+(?:more|larger|bigger)\s+data|"
    r"hours|minutes"
)
_COUNT_AFTER = re.compile(
    rf"^\+?\s*(?:(?!(?:on|in|of|for|at|the|our|with|by|to|and|or|than|from|over|across|when|while|against|among|as|vs|versus|"
    rf"compared|relative|respectively|using|after|before|per|within|under)\b)"
    rf"[A-Za-z][\w-]*\s+){{0,3}}?(?:{_COUNT_NOUNS})\b(?!\s*(?:per|/))",
    re.IGNORECASE,
)
_GLUED_AFTER = re.compile(
    r"^(?:-?(?:bit|shot|layer|step|way|dim|dimensional|d\b|D\b|th\b|st\b|nd\b|rd\b|k\b|gram|hop|stage|billion|"
    r"million|layer|head|frame|class|fold cross|year|day|hour|minute|second|node|GPU|core|channel|point\b))|^[A-Za-z]",
)
_BEFORE = re.compile(
    r"(?:\b(?:Fig|Figure|Figs|Table|Tab|Section|Sec|Eq|Equation|Appendix|Chapter|Algorithm|Theorem|Lemma|version|"
    r"v|top|Top|n|N|k|K|T|p|rank|level|layer|stage|step|batch\s+size\s+of|size\s+of|ratio\s+of|rate\s+of\s+\d|"
    r"learning\s+rate\s+of|dropout\s+of|temperature\s+of|lambda|alpha|beta|gamma|sigma|window\s+of|context\s+of|"
    r"length\s+of|budget\s+of|horizon\s+of|Reader|Readers|round|iteration|epoch|[Ll]evel|grade|class|Area|Fold|"
    r"Split|Task|Subtask|Track|Phase|Round|Stage)\.?\s*[=:#]?\s*"
    r"|[\[#@^_=<>≤≥]\s*|\bp\s*[<=]\s*|\$<\$\s*|\\(?:pm|leq|geq|sim|approx)\s*|±\s*|\+/-\s*|\bin\s+|\bsince\s+|\bof\s+size\s+)$"
)
_SETTING_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the\s+|all\s+|its\s+)?(?:(?:original|available|full|whole|entire|labeled|labelled|unlabeled|"
    r"training|annotated|target|source|real|synthetic|clean)\s+){0,2}(?:data|dataset|labels?|annotations?|samples?|"
    r"examples?|training\s+(?:data|set|examples)|images|tokens|pixels|patches|nodes|edges|queries|instances))\b"
    r"|^\s*(?:masking|mask(?!\s+(?:aps?|maps?|ar|iou|miou)\b)|sparsity|pruning|noise|dropout|label(?:ed|led)?\s+(?:data|examples|samples|images)|missing|occlusion|"
    r"corruption|poison\w*|quantization|compression\s+ratio|(?:of\s+)?weights|subset|confidence|significance|"
    r"probability|chance|quantile|percentile|CI\b|confidence\s+interval|training\s+data|of\s+the\s+time|"
    r"of\s+(?:cases|participants|patients|respondents|users|instances|questions|samples|them|classes))",
    re.IGNORECASE,
)
_SETTING_BEFORE = re.compile(
    r"(?:\b(?:with|using|use|uses|only|keep|keeping|retain|mask|masking|prune|pruning|sample|sampling|remove|removing|"
    r"drop|dropping|trained\s+on|train\s+on|fine-tuned\s+on|at|when)\s+(?:only\s+|just\s+|about\s+|approximately\s+|"
    r"roughly\s+)?|\b(?:masking|mask|sparsity|pruning|dropout|drop|keep)\s+(?:ratio|rate|probability)\s+(?:of\s+|=\s*)?)$",
    re.IGNORECASE,
)
_SETTING_BEFORE_LOW = lowered_pattern(_SETTING_BEFORE.pattern)
_COUNT_AFTER_LOW = lowered_pattern(_COUNT_AFTER.pattern)
_SETTING_AFTER_LOW = lowered_pattern(_SETTING_AFTER.pattern)
_COST_WORDS_SHARED = (
    r"(?:parameters|params|compute|computation|computational\s+cost|cost|FLOPs|time|memory|energy)"
)
_COST_SHARE = re.compile(
    rf"^\s*\)?\s*of\s+(?:the\s+|its\s+)?(?:\w+\s+){{0,2}}{_COST_WORDS_SHARED}|^\s*{_COST_WORDS_SHARED}\s+of\b"
)


_FOLD_OK = re.compile(
    r"^\s*(?:$|[,.;)]|(?:faster|speedup|speed-up|increase|improvement|reduction|higher|lower|more|less|fewer|smaller|"
    r"better|gain|acceleration|over|than|compared|in|of|on)\b)",
    re.IGNORECASE,
)
_DATA_UNITS = frozenset({"GB", "MB", "TB", "KB", "hours", "h", "days", "minutes"})
_TIME_UNITS = frozenset(
    {"hours", "hour", "h", "hrs", "days", "day", "minutes", "min", "seconds", "s", "GPU hours"}
)


_RESOLUTION = re.compile(r"^\s?[x×]\s?\d")  # "256x256"
_PART_OF_NUMBER = re.compile(r"^(?:[.:]\d|/\d|\)\s*\()")
# Error bars ("± 0.3") and the second side of a size ("256 x 256", "1mm x 1mm").
_SPREAD_BEFORE = re.compile(r"\\pm\s*$|±\s*$|\+/-\s*$|\+-\s*$|\+=\s*$|\d\s?(?:[a-zµ]{1,3}\s?)?[x×]\s?$")
_SETTING_RANGE = re.compile(r"^\s*[~–-]\s*\d+[- ]?(?:step|shot|bit|layer)")
_OPEN_PAREN_END = re.compile(r"\(\s*$")
_CLOSE_PAREN = re.compile(r"^\s*\)")
_DATA_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?(?:corpus|dataset|data|of)\b")
_OF_AFTER = re.compile(r"^\s*of\b")
# "1.9/4.1 WER", "82.9%/84.8%": a decimal paired with another by a slash is a result, not "3 out of 5".
_PAIRED_AFTER = re.compile(r"^\s*/\s*\d+\.\d")
_OUT_OF = re.compile(r"^\s*(?:out\s+of|/)\s*\d")
_SIZE_COMPARISON = re.compile(
    r"^\s*(?:larger|bigger|more\s+(?:data|tokens|parameters)|its\s+size|the\s+size)"
)
# The characters the matches of _SPREAD_BEFORE can end with, and those _SETTING_RANGE can start with.
_SPREAD_LAST_CHARS = frozenset("m±-=x×")
_RANGE_DASHES = frozenset("~–-")


def _may_be_resolution(text: str) -> bool:
    """Cheap test for _RESOLUTION: an "x" or "×" in the first two characters."""
    head = text[:2]
    return "x" in head or "×" in head


_ASSIGNED = re.compile(r"(?:[=:]|\bof)\s*$")
_VARIABLE = re.compile(r"\b[npkNTK]\s*=\s*$|[\[#@^_]\s*$")


def is_year(mention: Mention, sentence: str) -> bool:
    return (
        mention.unit is None
        and mention.is_integer
        and 1950 <= mention.value <= 2100
        and not mention.sign
        and "," not in sentence[mention.start : mention.num_end]
    )


# One more percentage of a list: ", 8.1%", " and 3.0\%".
_NEXT_PERCENT = r"\s*,?\s*(?:and\s+)?[\d.]+\s*\\?%"
# "with 2.4%, 8.1% and 3.0% absolute improvements": the list ends in a gain, so "with" sets nothing.
_GAIN_AFTER = re.compile(
    rf"^(?:{_NEXT_PERCENT})*\s*(?:absolute\s+|relative\s+|average\s+)?"
    r"(?:improvements?|gains?|increases?|higher|better|boosts?)\b",
    re.IGNORECASE,
)
# "on A, B and C with 86.5%, 93.8%, 61.5% respectively": results listed for names, not a setting
_RESPECTIVE_RESULTS = re.compile(rf"^(?:{_NEXT_PERCENT})*\s*,?\s*respectively\b")
# "uses 92% less parameters", "MACs are only 7% of Reed's": a cost compared, not a setting
_COMPARATIVE_AFTER = re.compile(
    r"^\s*(?:less|fewer|lower|smaller|more|higher|faster|slower|cheaper)\b", re.IGNORECASE
)
_COST_BEFORE = re.compile(rf"\b(?:{alternation('cost_words')})\b[^,;]*$", re.IGNORECASE)
# "(the best model with 17.42%)": a system with its result, not a setting
_SYSTEM_WITH = re.compile(
    r"\b(?:model|method|baseline|system|approach|competitor|one)s?\s+with\s+$", re.IGNORECASE
)
# LaTeX layout ("\vspace{-0.3cm}", "\vskip 0.05in") is no result.
_LAYOUT_BEFORE = re.compile(r"\\(?:vspace|hspace|vskip|hskip|setlength|footnotesize|kern)\*?\s*\{?\s*[-+]?$")
# "mAP at IoU=0.5", "an IoU threshold of 0.7": the threshold a metric is computed at.
_THRESHOLD_BEFORE = re.compile(
    r"(?:\b(?:at|@)\s*(?:an?\s+|the\s+)?(?:IoU|IOU|tIoU|OKS)\s*(?:[=@]|>=?|≥)|\b(?:IoU|IOU|tIoU|OKS)\s+threshold\s+of)\s*$"
)
# "with the 0.5 IoU threshold": a threshold named after the number is a setting too.
_THRESHOLD_AFTER = re.compile(r"^\s*(?:IoU|IOU|tIoU|OKS)\s+threshold\b")
_HALF_OF_WHAT = re.compile(
    rf"\b(?:{alternation('cost_words')}|performance|accuracy|error|errors|gap|loss)\b", re.IGNORECASE
)
_AHEAD = re.compile(r"^\s*(?:ahead|in\s+advance|into\s+the\s+future)\b")
_DEVICE_BEFORE = re.compile(
    r"(?:\bGPUs?|\bOrin|\bXavier|\b[AHVT]\d{2,3}|\bRTX\s?\d{3,4}\w*|\bTi|\bTPU\w*|\bMacBook\s+\w+)\s*(?:with\s+)?$"
)


def _benchmark_name_before(before: str) -> str | None:
    """The known benchmark named right before the number ("ActivityNet 1.3", "LibriSpeech 960h"), if any."""
    name = _NAME_BEFORE.search(before)
    return name.group(1) if name and lookup_benchmark(name.group(1)) is not None else None


def _is_acronym_name(name: str) -> bool:
    """ "WOZ", "MultiWOZ": a name with two capitals at least that is no metric ("BLEU 0.3" is a result)."""
    return sum(c.isupper() for c in name) >= 2 and lookup_metric(name) is None


_VERSION_NUMBER = re.compile(r"\d\.\d")
_NAME_BEFORE = re.compile(r"([A-Z][\w-]*[A-Za-z])\s$")
_NAME_TILDE = re.compile(r"(?<![\w-])(?=[\w-]*[A-Z0-9])[A-Za-z][\w-]*~$")  # a name, not "shows~5"
_ENUMERATOR_BEFORE = re.compile(r"(?:^|[;:,.]|\band)\s*$")


def is_non_claim(sentence: str, mention: Mention) -> bool:
    """True when the number is a size, count, year, setting, reference or part of a name."""
    before = sentence[max(0, mention.start - 40) : mention.start]
    after = sentence[mention.end : mention.end + 60]
    raw_after = sentence[mention.num_end : mention.num_end + 30]
    if mention.size_suffix and (mention.unit is None or "GPU" not in mention.unit):
        return True
    if is_year(mention, sentence):
        return True
    if "\\" in before and _LAYOUT_BEFORE.search(before):
        return True
    if mention.unit is None and _VERSION_NUMBER.fullmatch(sentence, mention.start, mention.num_end):
        name = _NAME_BEFORE.search(before)
        if name and (_benchmark_name_before(before) or _is_acronym_name(name.group(1))):
            return True  # "ActivityNet 1.3", "WOZ 2.0": the version of a benchmark
    if before[-1:] == "~" and _NAME_TILDE.search(before):
        return True  # "wav2vec~2.0": a version joined to its name by LaTeX's unbreakable space
    if "I" in before and _THRESHOLD_BEFORE.search(before):
        return True
    if "threshold" in after and _THRESHOLD_AFTER.match(after):
        return True
    if mention.spelled and mention.value == 0.5 and not _HALF_OF_WHAT.search(after[:50]):
        return True  # "half of the speakers are children" is a share of data; "half the cost" a result
    if (
        mention.unit in ("h", "hours", "hrs")
        and mention.end - mention.num_end == 1
        and _benchmark_name_before(before)
    ):
        return True  # "LibriSpeech 960h": the name of a training set
    if mention.unit in _TIME_UNITS and _AHEAD.match(after):
        return True  # "a 3 hour ahead forecast": a forecast horizon
    if mention.unit in ("GB", "MB", "TB") and _DEVICE_BEFORE.search(before):
        return True  # "a Jetson AGX Orin 64GB": the device's memory, not a measured cost
    if _may_be_resolution(raw_after) and _RESOLUTION.match(raw_after):
        return True  # "256x256" resolution
    paired = not mention.is_integer and _PAIRED_AFTER.match(after if mention.unit else raw_after)
    if mention.unit is None and raw_after[:1] in ".:/)" and _PART_OF_NUMBER.match(raw_after) and not paired:
        return True
    if _is_reference_or_variable(before, mention):
        return True
    if before.rstrip()[-1:] in _SPREAD_LAST_CHARS and _SPREAD_BEFORE.search(before):
        return True
    if _may_be_resolution(after) and _RESOLUTION.match(after):
        return True
    after_start = after.lstrip()[:1]
    if after_start in _RANGE_DASHES and _SETTING_RANGE.match(after):
        return True
    if (
        mention.is_integer
        and mention.unit is None
        and after_start == ")"
        and _OPEN_PAREN_END.search(before)
        and _CLOSE_PAREN.match(after)
    ):
        return True  # enumeration "(2)"
    if (
        mention.is_integer
        and mention.unit is None
        and after_start == ")"
        and _ENUMERATOR_BEFORE.search(before)
    ):
        return True  # enumeration "...; 2) skip the ..."
    if mention.unit == "x" and _SIZE_COMPARISON.match(after):
        return True
    if (
        mention.unit == "x"
        and "fold" in sentence[mention.num_end : mention.end]
        and not _FOLD_OK.match(after)
    ):
        return True
    if mention.unit in _DATA_UNITS and _DATA_AFTER.match(after):
        return True
    if mention.unit not in (None, "%", "points", "x", "$") and _OF_AFTER.match(after):
        return True  # "50 hours of video", "120GB of text" are amounts of data
    if (
        mention.unit in (None, "x")
        and not mention.spelled
        and _GLUED_AFTER.match(raw_after)
        and mention.unit != "x"
    ):
        return True
    lowered_after = after.lower()
    if mention.unit is None and _COUNT_AFTER_LOW.match(lowered_after):
        return True
    if (
        mention.unit in ("%", None)
        and _SETTING_AFTER_LOW.match(lowered_after)
        and not _COST_SHARE.match(after)
    ):
        return True
    if (
        mention.unit == "%"
        and _SETTING_BEFORE_LOW.search(before.lower())
        and not _COST_SHARE.match(after)
        and not _metric_after(after)
        and not _GAIN_AFTER.match(after)
        and not _SYSTEM_WITH.search(before)
        and not _RESPECTIVE_RESULTS.match(after)
        and not _COMPARATIVE_AFTER.match(after)
        and not (_OF_AFTER.match(after) and _COST_BEFORE.search(before))
    ):
        cost_after = r"\b(?:at|with|only)\s+(?:\w+\s+){0,3}(?:cost|memory|parameters)"
        if not re.search(cost_after, sentence[mention.end : mention.end + 40]):
            return True
    if after_start in ("o", "/") and _OUT_OF.match(after) and not paired:
        return True
    # Counts are whole numbers: "of 3 of them" is a count, "BLEU of 31.4 and chrF of 58.2" are results.
    return mention.unit is None and mention.is_integer and _count_phrase_after_preposition(before, after)


_LISTED_NUMBERS = re.compile(rf"(?:{_NEXT_PERCENT}(?=\s*(?:,|and\b|[A-Za-z])))+")
_METRIC_MODIFIER = re.compile(r"\s*(?:absolute|relative|average|mean|overall)\b", re.IGNORECASE)
_FIRST_WORDS = re.compile(r"^\s*([\w@-]+)(?:\s+([\w@-]+))?")


def _metric_after(after: str) -> bool:
    """Whether a metric's name follows the number, or the list of numbers it starts: "at 64.2% mIoU" and
    "with 96.6% and 95.7% accuracy" are results, "at 30% sparsity" a setting."""
    listed = _LISTED_NUMBERS.match(after)
    if listed:
        after = after[listed.end() :]
    modifier = _METRIC_MODIFIER.match(after)  # "with 6.1% and 5.2% absolute AP gains"
    if modifier:
        after = after[modifier.end() :]
    words = _FIRST_WORDS.match(after)
    if words is None:
        return False
    first, second = words.groups()
    return lookup_metric(first) is not None or (
        second is not None and lookup_metric(f"{first} {second}") is not None
    )


# The words _BEFORE can end with; other words ("accuracy of", "by") rule it out without running it.
_BEFORE_LAST_WORDS = frozenset(
    ["Fig", "Figure", "Figs", "Table", "Tab", "Section", "Sec", "Eq", "Equation", "Appendix", "Chapter",
     "Algorithm", "Theorem", "Lemma", "version", "v", "top", "Top", "n", "N", "k", "K", "T", "p", "rank",
     "level", "layer", "stage", "step", "of", "lambda", "alpha", "beta", "gamma", "sigma", "Reader", "Readers",
     "round", "iteration", "epoch", "Level", "grade", "class", "in", "since", "size", "pm", "leq", "geq",
     "sim", "approx", "Area", "Fold", "Split", "Task", "Subtask", "Track", "Phase", "Round", "Stage"]
)  # fmt: skip


def _may_end_with_reference(before: str) -> bool:
    """Cheap test: can _BEFORE match at the end of before?"""
    stripped = before.rstrip()
    if not stripped:
        return False
    last = stripped[-1]
    if not last.isalpha():
        return last.isdigit() or last in ".=:#[@^_<>≤≥$±-"
    start = len(stripped) - 1
    while start > 0 and stripped[start - 1].isalpha():
        start -= 1
    return stripped[start:] in _BEFORE_LAST_WORDS


def _is_reference_or_variable(before: str, mention: Mention) -> bool:
    """ "Table 3", "[12]", "n = 40", "top-5", "p < 0.05"; "of", "=" and ":" alone still allow a result."""
    # Every _BEFORE alternative is short: searching the last 30 characters is enough and much cheaper.
    if (
        not _may_end_with_reference(before)
        or not _BEFORE.search(before, max(0, len(before) - 30))
        or (mention.unit in ("%", "x", "points") and before.rstrip().endswith("in"))
    ):
        return False
    return not _ASSIGNED.search(before) or bool(_VARIABLE.search(before))


def _count_phrase_after_preposition(before: str, after: str) -> bool:
    """ "on 3 of them", "for 2 from each": a bare number used as a count inside a phrase."""
    if not _PREPOSITION_END.search(before):
        return False
    return bool(_COUNT_OF_AFTER.match(after)) and not _ON_IN_AFTER.match(after)


_PREPOSITION_END = re.compile(
    r"(?:\bof|\bon|\bfor|\bwith|\bthan|\bto)\s+(?:only\s+|just\s+|over\s+|about\s+)?$"
)
_COUNT_OF_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:of|from|in)\b")
_ON_IN_AFTER = re.compile(r"^\s*(?:on|in)\s")
