"""A realistic database for the read benchmarks, written straight into PostgreSQL with COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench python bench/dataset.py
    python bench/dataset.py --database-url postgres://... --papers 100000 --claims 100000 --benchmarks 500

Creates the schema (migrate), empties the papers, claims, benchmarks and metrics tables (it refuses a
test database, and a non-empty one without --reset), then writes N papers (titles, abstracts with the
sentences their claims come from, years 2015-2026), metrics with their direction, benchmarks with a Zipf
spread of claims (a few boards with tens of thousands of rows, most with a handful) and the claims
(scores mostly, some deltas and ratios; a few splits, settings, verified and rejected ones).
Columns come from the Django models, so a column added later is written with its default; derived
columns (counts) are filled after the COPY by the project's own backfill. Prints the sizes, the time
taken and the machine.
"""

import argparse
import datetime
import io
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# name, slug, higher_is_better, unit, typical low, typical high
METRICS = [
    ("Accuracy", "accuracy", True, "%", 40, 99),
    ("Top 1 Accuracy", "top-1-accuracy", True, "%", 55, 91),
    ("Top 5 Accuracy", "top-5-accuracy", True, "%", 80, 99),
    ("F1", "f1", True, "%", 45, 95),
    ("Exact Match", "exact-match", True, "%", 30, 92),
    ("BLEU", "bleu", True, "", 10, 48),
    ("ROUGE-L", "rouge-l", True, "", 20, 50),
    ("mAP", "map", True, "%", 20, 66),
    ("box AP", "box-ap", True, "", 25, 65),
    ("mIoU", "miou", True, "%", 30, 86),
    ("Recall@10", "recall-10", True, "%", 40, 98),
    ("NDCG@10", "ndcg-10", True, "", 20, 75),
    ("Pass@1", "pass-1", True, "%", 5, 95),
    ("Success Rate", "success-rate", True, "%", 10, 95),
    ("AUC", "auc", True, "%", 60, 99),
    ("Spearman Correlation", "spearman-correlation", True, "", 40, 92),
    ("Word Error Rate", "word-error-rate", False, "%", 1.5, 30),
    ("Character Error Rate", "character-error-rate", False, "%", 0.8, 15),
    ("Perplexity", "perplexity", False, "", 3, 60),
    ("FID", "fid", False, "", 1.5, 50),
    ("Mean Absolute Error", "mean-absolute-error", False, "", 0.05, 2.5),
    ("Latency", "latency", False, "ms", 2, 400),
    ("Error Rate", "error-rate", False, "%", 1, 35),
    ("Average Return", "average-return", True, "", 100, 9000),
]
DATASET_STEMS = [
    "ImageNet", "COCO", "SQuAD", "GLUE", "SuperGLUE", "MMLU", "GSM8K", "MATH", "HumanEval", "MBPP",
    "LibriSpeech", "Common Voice", "WMT", "CIFAR", "Cityscapes", "ADE20K", "Kinetics", "MS MARCO",
    "Natural Questions", "TriviaQA", "HellaSwag", "ARC", "WinoGrande", "BoolQ", "DROP", "NarrativeQA",
    "PubMedQA", "MedQA", "ScanNet", "KITTI", "nuScenes", "Waymo Open", "Atari", "MuJoCo", "Habitat",
    "ALFWorld", "WebShop", "Spider", "BIRD", "CNN/DailyMail", "XSum", "CoNLL", "OntoNotes", "Penn Treebank",
    "WikiText", "LAMBADA", "VQA", "GQA", "OK-VQA", "TextVQA", "Flickr30k", "MSR-VTT", "AudioSet", "ESC",
    "QM9", "OGB", "Cora", "PubMed", "Reddit", "Amazon Reviews", "Yelp", "IMDb", "SST", "MNLI", "BEIR",
]  # fmt: skip
DATASET_SUFFIXES = [
    "",
    "-2",
    " v2",
    " Hard",
    " Lite",
    " Pro",
    "-X",
    " Long",
    " Multi",
    "-Bench",
    "-R",
    " Mini",
]
TASKS = [
    "image classification", "object detection", "question answering", "machine translation",
    "speech recognition", "semantic segmentation", "code generation", "math reasoning", "summarization",
    "retrieval", "language modeling", "visual question answering", "graph learning", "reinforcement learning",
    "named entity recognition", "sentiment analysis", "text-to-SQL", "video understanding", "image generation",
]  # fmt: skip
SPLITS = ["test-dev", "val", "test-std", "test-clean", "test-other", "val2017", "256x256"]
SETTINGS = ["zero-shot", "few-shot", "5-shot", "fine-tuned", "linear probe"]
SYLLABLES = [
    "ka", "lo", "mi", "ra", "ven", "tor", "xi", "qu", "zen", "no", "bel", "sa", "dri", "fu", "gar", "hal",
    "io", "jex", "mor", "pla", "sti", "tru", "vox", "wyn",
]  # fmt: skip
ADJECTIVES = [
    "Efficient", "Scalable", "Robust", "Sparse", "Unified", "Adaptive", "Contrastive", "Hierarchical",
    "Lightweight", "Self-Supervised", "Multimodal", "Retrieval-Augmented", "Causal", "Equivariant",
]  # fmt: skip
NOUNS = [
    "Transformers", "Diffusion Models", "Mixture of Experts", "State Space Models", "Graph Networks",
    "Language Agents", "Vision Encoders", "Reward Models", "Tokenizers", "Attention", "Distillation",
]  # fmt: skip
FILLER = [
    "Existing approaches struggle when the data distribution shifts between training and deployment.",
    "We analyse why attention over long contexts degrades and propose a remedy that keeps memory linear.",
    "Our method requires no additional labels and trains on a single node in under a day.",
    "Ablations show that each component contributes and that the gains persist across model sizes.",
    "We release code, checkpoints and evaluation scripts to support reproducible research.",
    "The approach combines a learned prior with a lightweight decoder trained end to end.",
    "Experiments cover both high-resource and low-resource regimes with consistent improvements.",
    "We further study failure cases and find that most errors stem from ambiguous annotations.",
]  # fmt: skip
BASELINES = ["BERT", "ResNet-50", "ViT-B/16", "GPT-4", "Llama 2", "T5", "CLIP", "Whisper", "PointNet++"]


def method_name(n: int) -> str:
    """A unique, pronounceable model name per paper (base-24 syllables of its number)."""
    parts = []
    n += 24**2  # at least three syllables
    while n:
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class Catalog:
    """Benchmarks with their metrics (one main metric, sometimes a second) and the Zipf weights."""

    def __init__(self, rng: random.Random, benchmarks: int, exponent: float):
        self.metrics = METRICS
        names: list[str] = []
        seen: set[str] = set()
        index = 0
        while len(names) < benchmarks:
            stem = DATASET_STEMS[index % len(DATASET_STEMS)]
            suffix = DATASET_SUFFIXES[(index // len(DATASET_STEMS)) % len(DATASET_SUFFIXES)]
            round_ = index // (len(DATASET_STEMS) * len(DATASET_SUFFIXES))
            name = f"{stem}{suffix}" + (f" {2015 + round_}" if round_ else "")
            index += 1
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        self.names = names
        self.tasks = [rng.choice(TASKS) for _ in names]
        self.metric_of = []
        for _ in names:
            first = rng.randrange(len(METRICS))
            second = rng.randrange(len(METRICS)) if rng.random() < 0.4 else None
            self.metric_of.append([first] if second in (None, first) else [first, second])
        self.split_of = [rng.choice(SPLITS) if rng.random() < 0.15 else "" for _ in names]
        self.weights = zipf_weights(benchmarks, exponent)
        self.cumulative = []
        total = 0.0
        for weight in self.weights:
            total += weight
            self.cumulative.append(total)


def slugify(name: str) -> str:
    from django.utils.text import slugify as django_slugify

    return django_slugify(name)[:250]


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_line(values: list) -> str:
    out = []
    for value in values:
        if value is None:
            out.append("\\N")
        elif isinstance(value, bool):
            out.append("t" if value else "f")
        else:
            out.append(str(value).translate(_ESCAPES))
    return "\t".join(out) + "\n"


class Table:
    """COPY rows into a model's table, naming every concrete column; unset columns take the field default."""

    def __init__(self, model):
        self.model = model
        self.fields = [field for field in model._meta.concrete_fields]
        self.columns = [field.column for field in self.fields]
        self.defaults = {}
        for field in self.fields:
            default = field.get_default() if field.has_default() else None
            if field.get_internal_type() == "JSONField":
                import json

                default = json.dumps(default)
            self.defaults[field.attname] = default

    def line(self, row: dict) -> str:
        return copy_line([row.get(field.attname, self.defaults[field.attname]) for field in self.fields])

    def copy(self, cursor, rows, batch: int = 20_000) -> int:
        names = ", ".join(f'"{column}"' for column in self.columns)
        count = 0
        with cursor.copy(f'COPY "{self.model._meta.db_table}" ({names}) FROM STDIN') as copy:
            buffer = io.StringIO()
            for row in rows:
                buffer.write(self.line(row))
                count += 1
                if count % batch == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        return count


def generate(args, cursor) -> dict:
    import json

    from claims.models import Benchmark, Claim, Metric
    from papers.models import Paper
    from papers.normalize import abstract_hash, title_key

    rng = random.Random(args.seed)
    now = datetime.datetime.now(datetime.UTC).isoformat()
    catalog = Catalog(rng, args.benchmarks, args.zipf)

    metric_table = Table(Metric)
    metric_table.copy(
        cursor,
        (
            {
                "id": n + 1, "name": name, "slug": slug, "higher_is_better": higher, "unit": unit,
                "description": "", "created_at": now, "updated_at": now,
            }
            for n, (name, slug, higher, unit, _low, _high) in enumerate(METRICS)
        ),
    )  # fmt: skip
    Table(Benchmark).copy(
        cursor,
        (
            {
                "id": n + 1, "name": name, "slug": slugify(name), "task": catalog.tasks[n], "description": "",
                "url": "", "created_at": now, "updated_at": now,
            }
            for n, name in enumerate(catalog.names)
        ),
    )  # fmt: skip

    # Claims per paper: the papers that report results have 1-4 claims, so the totals come out as asked.
    claims_left = args.claims
    claim_rows: list[dict] = []
    paper_table, claim_table = Table(Paper), Table(Claim)
    claim_id = 0
    start_date = datetime.date(2015, 1, 1)
    span_days = (datetime.date(2026, 11, 30) - start_date).days
    arxiv_seq: dict[str, int] = {}

    def papers():
        nonlocal claims_left, claim_id
        for n in range(args.papers):
            remaining_papers = args.papers - n
            mean = claims_left / remaining_papers if remaining_papers else 0
            count = 0
            if claims_left > 0:
                # Around 40% of papers report no number; the others carry the mean.
                count = (
                    min(claims_left, max(1, round(rng.expovariate(1 / (mean / 0.6)))))
                    if rng.random() < 0.6
                    else 0
                )
                if remaining_papers == 1:
                    count = claims_left
            claims_left -= count
            method = method_name(n)
            published = start_date + datetime.timedelta(days=int(span_days * (rng.random() ** 0.6)))
            month = f"{published:%y%m}"
            arxiv_seq[month] = arxiv_seq.get(month, 0) + 1
            arxiv_id = f"{month}.{arxiv_seq[month]:05d}"
            topic = rng.choice(NOUNS)
            title = f"{method}: {rng.choice(ADJECTIVES)} {topic} for {rng.choice(TASKS).title()}"
            sentences = [
                f"We introduce {method}, {rng.choice(ADJECTIVES).lower()} {topic.lower()} for {rng.choice(TASKS)}.",
                *rng.sample(FILLER, 2),
            ]
            for _ in range(count):
                claim_id += 1
                bench = rng.choices(range(args.benchmarks), cum_weights=catalog.cumulative)[0]
                metric_index = rng.choice(catalog.metric_of[bench])
                name, _slug, higher, unit, low, high = METRICS[metric_index]
                value = round(rng.uniform(low, high), 1 if high > 5 else 3)
                kind = rng.choices(["score", "delta", "relative_delta", "ratio"], [80, 10, 5, 5])[0]
                if kind != "score":
                    value = round(rng.uniform(0.5, 12), 1)
                bench_name = catalog.names[bench]
                text = f"On {bench_name}, {method} reaches {value:g}{unit if unit == '%' else ''} {name}"
                if kind == "delta":
                    text = f"{method} improves {name} on {bench_name} by {value:g} points over {rng.choice(BASELINES)}"
                elif kind in ("relative_delta", "ratio"):
                    text = f"{method} is {value:g}x better in {name} than {rng.choice(BASELINES)} on {bench_name}"
                evidence = text + "."
                offset = sum(len(s) + 1 for s in sentences)
                sentences.append(evidence)
                status = rng.choices(["extracted", "verified", "rejected"], [90, 7, 3])[0]
                claim_rows.append(
                    {
                        "id": claim_id, "paper_id": n + 1, "benchmark_id": bench + 1,
                        "metric_id": metric_index + 1, "benchmark_text": bench_name, "metric_text": name,
                        "method": method if rng.random() < 0.85 else rng.choice(BASELINES),
                        "compared_to": "", "setting": rng.choice(SETTINGS) if rng.random() < 0.1 else "",
                        "split": catalog.split_of[bench] if rng.random() < 0.7 else "",
                        "value": value, "value_text": f"{value:g}", "unit": unit, "kind": kind,
                        "evidence": evidence, "evidence_start": offset, "evidence_end": offset + len(evidence),
                        "value_start": None, "value_end": None, "extractor": "bench", "extractor_version": "1",
                        "confidence": round(rng.uniform(0.3, 1.0), 3), "provenance": "extracted",
                        "status": status, "curated_at": now if status != "extracted" else None,
                        "created_at": now, "updated_at": now,
                    }
                )  # fmt: skip
            abstract = " ".join(sentences)
            digest = abstract_hash(abstract)
            yield {
                "id": n + 1, "arxiv_id": arxiv_id, "doi": "", "title": title, "title_key": title_key(title),
                "abstract": abstract, "abstract_hash": digest, "extracted_hash": digest, "published": published,
                "authors": json.dumps([f"Author {rng.randrange(50_000)}" for _ in range(rng.randint(1, 6))]),
                "url": f"https://arxiv.org/abs/{arxiv_id}", "code_url": "", "sources": '["arxiv_jsonl"]',
                "created_at": now, "updated_at": now,
            }  # fmt: skip

    started = time.perf_counter()
    paper_count = paper_table.copy(cursor, papers())
    paper_seconds = time.perf_counter() - started
    started = time.perf_counter()
    claim_count = claim_table.copy(cursor, claim_rows)
    claim_seconds = time.perf_counter() - started
    for model in (Paper, Claim, Benchmark, Metric):
        table = model._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM \"{table}\"))"
        )
    return {
        "papers": paper_count, "claims": claim_count, "benchmarks": args.benchmarks, "metrics": len(METRICS),
        "paper_seconds": paper_seconds, "claim_seconds": claim_seconds,
    }  # fmt: skip


def machine() -> str:
    from django.db import connection

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GiB RAM, load average {os.getloadavg()[0]:.1f}, "
        f"Python {platform.python_version()}, PostgreSQL {server}"
    )


def biggest_boards(cursor, limit: int = 3) -> list[tuple[str, int]]:
    cursor.execute(
        "SELECT b.slug, count(*) FROM claims_claim c JOIN claims_benchmark b ON b.id = c.benchmark_id "
        "WHERE c.kind = 'score' GROUP BY b.slug ORDER BY count(*) DESC LIMIT %s",
        [limit],
    )
    return cursor.fetchall()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--papers", type=int, default=1_000_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--benchmarks", type=int, default=2_000)
    parser.add_argument("--zipf", type=float, default=1.0, help="Exponent of the spread over benchmarks.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reset", action="store_true", help="Empty the tables first if they hold rows.")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("give a PostgreSQL URL (--database-url or DATABASE_URL); COPY needs PostgreSQL.")
    if args.benchmarks < 1 or args.papers < 1 or args.claims < 0:
        parser.error("--papers and --benchmarks must be at least 1, --claims at least 0.")
    if args.database_url.rstrip("/").rsplit("/", 1)[-1].startswith("test_"):
        parser.error(
            "refusing to write into a test database; name a database of its own, e.g. tracker_bench."
        )
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from claims.models import Benchmark, Claim, Metric
    from papers.models import Paper

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    holds_rows = Paper.objects.exists() or Claim.objects.exists() or Benchmark.objects.exists()
    if holds_rows and not args.reset:
        parser.error("the database already holds papers, claims or benchmarks; add --reset to replace them.")
    tables = [model._meta.db_table for model in (Claim, Paper, Benchmark, Metric)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        # The rows are generated consistent; skipping the per-row foreign-key triggers saves minutes at 1M.
        cursor.execute("SET LOCAL session_replication_role = replica")
        figures = generate(args, cursor.cursor)
        cursor.execute("SET LOCAL session_replication_role = origin")
    derived_started = time.perf_counter()
    derived = derive()
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map, so counts can be answered from the indexes alone.
        cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        boards = biggest_boards(cursor)
    total = time.perf_counter() - started
    print(f"database: {args.database_url.split('@')[-1]}")
    print(f"machine: {machine()}")
    print(
        f"wrote {figures['papers']:,} papers in {figures['paper_seconds']:.1f} s, {figures['claims']:,} claims in "
        f"{figures['claim_seconds']:.1f} s, {figures['benchmarks']:,} benchmarks, {figures['metrics']} metrics"
    )
    print(f"derived columns: {derived or 'none'} in {time.perf_counter() - derived_started:.1f} s")
    print("largest boards (score claims): " + ", ".join(f"{slug} {count:,}" for slug, count in boards))
    print(f"total {total:.1f} s")
    return {**figures, "boards": boards, "seconds": total}


def derive() -> str:
    """Fill what the services keep up to date (counts), with the project's own backfill when it has one."""
    try:
        from claims.services.counts import claim_counts_backfill
    except ImportError:
        return ""
    return claim_counts_backfill()


if __name__ == "__main__":
    main()
