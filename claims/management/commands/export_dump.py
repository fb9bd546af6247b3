import gzip
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.utils.encoders import JSONEncoder

from claims.api.serializers import BenchmarkSerializer, ClaimSerializer, MetricSerializer
from claims.selectors.catalog import benchmark_list, metric_list
from claims.selectors.claims import claim_list
from papers.api.serializers import PaperSerializer
from papers.selectors import paper_list

CHUNK_SIZE = 1000

# File name -> (rows, serializer): the same fields the API answers with.
DUMPS = {
    "papers.jsonl.gz": (paper_list, PaperSerializer),
    "benchmarks.jsonl.gz": (benchmark_list, BenchmarkSerializer),
    "metrics.jsonl.gz": (metric_list, MetricSerializer),
    "claims.jsonl.gz": (claim_list, ClaimSerializer),
}


class Command(BaseCommand):
    help = (
        "Write papers, benchmarks, metrics and claims to OUT_DIR as gzipped JSON lines "
        "(papers.jsonl.gz, ...), one object per line with the fields of the REST API."
    )

    def add_arguments(self, parser):
        parser.add_argument("out_dir", help="Directory to write the files to; created if missing.")

    def handle(self, *args, **options):
        out_dir = Path(options["out_dir"])
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create {out_dir}: {exc}") from exc
        counts = {}
        for file_name, (rows, serializer_class) in DUMPS.items():
            counts[file_name.split(".")[0]] = self._dump(out_dir / file_name, rows(), serializer_class)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported {summary} to {out_dir}."))

    def _dump(self, path: Path, queryset, serializer_class) -> int:
        count = 0
        encoder = JSONEncoder(ensure_ascii=False)
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            # iterator() streams rows; with a chunk size it still honours prefetch_related (aliases).
            for row in queryset.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
                handle.write(encoder.encode(serializer_class(row).data) + "\n")
                count += 1
        return count
