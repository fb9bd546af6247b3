"""Write a chunk of paper records on PostgreSQL with COPY into a staging table and a set-based merge.

The fast path for the bulk arXiv snapshot. The rules are those of `paper_batches` (match by arXiv id,
then by title key unless the stored paper has another arXiv id; an update fills gaps, replaces a changed
abstract, keeps the highest upvotes and adds the source); only the statements differ: one COPY, two
matching UPDATEs, one INSERT and one UPDATE for the whole chunk. Records the set-based statements cannot
settle alone (a later record of an identity already in the chunk, a second record of one stored paper, a
row a concurrent import stored first) are written after the merge by `papers_upsert_batch`, in the same
transaction. Anything wrong raises, and the caller writes the chunk again the batched way.
"""

import json
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from papers.importers.base import PaperRecord
from papers.services.paper_batches import paper_check, papers_upsert_batch
from papers.services.papers import UpsertOutcome, UpsertResult, new_paper

_STAGE = "paper_copy_stage"
_COLUMNS = (
    "ord",
    "title",
    "title_key",
    "abstract",
    "abstract_hash",
    "arxiv_id",
    "doi",
    "published",
    "authors",
    "author_count",
    "upvotes",
    "url",
    "code_url",
    "source",
)
# ON COMMIT DELETE ROWS: the table lives as long as the connection, its rows as long as the chunk's
# transaction. A chunk rolled back to a savepoint may drop a table it created, hence IF NOT EXISTS each time.
_CREATE = f"""
CREATE TEMP TABLE IF NOT EXISTS {_STAGE} (
    ord integer PRIMARY KEY,
    title text NOT NULL,
    title_key text NOT NULL,
    abstract text NOT NULL,
    abstract_hash text NOT NULL,
    arxiv_id text NOT NULL,
    doi text NOT NULL,
    published date,
    authors jsonb NOT NULL,
    author_count integer,
    upvotes integer,
    url text NOT NULL,
    code_url text NOT NULL,
    source text NOT NULL,
    paper_id bigint
) ON COMMIT DELETE ROWS
"""
_MATCH_BY_ARXIV_ID = f"""
UPDATE {_STAGE} s SET paper_id = p.id FROM papers_paper p
WHERE s.arxiv_id <> '' AND p.arxiv_id = s.arxiv_id
"""
# A same-title paper of another arXiv id is no match: the INSERT then leaves the record to the batched path,
# which reports the clash.
_MATCH_BY_TITLE_KEY = f"""
UPDATE {_STAGE} s SET paper_id = p.id FROM papers_paper p
WHERE s.paper_id IS NULL AND p.title_key = s.title_key
  AND (s.arxiv_id = '' OR p.arxiv_id = '' OR p.arxiv_id = s.arxiv_id)
"""
# Two records of one stored paper under different identities: the later ones merge after the first.
_SECOND_OF_A_PAPER = f"""
DELETE FROM {_STAGE} WHERE ord IN (
    SELECT ord FROM (
        SELECT ord, row_number() OVER (PARTITION BY paper_id ORDER BY ord) AS nth
        FROM {_STAGE} WHERE paper_id IS NOT NULL
    ) numbered WHERE nth > 1
)
RETURNING ord
"""
# In key order, so two imports inserting overlapping papers take the index locks in one order. A row a
# concurrent import committed first is skipped here and merged by the batched path.
_INSERT = f"""
INSERT INTO papers_paper (
    title, title_key, abstract, abstract_hash, extracted_hash, arxiv_id, doi, published, authors,
    author_count, upvotes, url, code_url, sources, live_claim_count, created_at, updated_at
)
SELECT title, title_key, abstract, abstract_hash, '', arxiv_id, doi, published, authors,
       author_count, upvotes, url, code_url,
       CASE WHEN source = '' THEN '[]'::jsonb ELSE jsonb_build_array(source) END, 0, %(now)s, %(now)s
FROM {_STAGE} WHERE paper_id IS NULL
ORDER BY title_key
ON CONFLICT DO NOTHING
RETURNING id, title_key, abstract <> ''
"""
# merged_fields in SQL: c holds the stored values (before the update) and what changes.
_CHANGES = f"""
SELECT s.*,
       s.abstract <> '' AND s.abstract_hash <> p.abstract_hash AS new_abstract,
       s.arxiv_id <> '' AND p.arxiv_id = '' AS new_arxiv_id,
       s.doi <> '' AND p.doi = '' AS new_doi,
       s.url <> '' AND p.url = '' AS new_url,
       s.code_url <> '' AND p.code_url = '' AS new_code_url,
       s.published IS NOT NULL AND p.published IS NULL AS new_published,
       s.authors <> '[]'::jsonb AND p.authors = '[]'::jsonb AS new_authors,
       s.author_count IS NOT NULL AND p.author_count IS NULL AS new_author_count,
       s.upvotes IS NOT NULL AND (p.upvotes IS NULL OR s.upvotes > p.upvotes) AS new_upvotes,
       s.source <> '' AND NOT p.sources @> jsonb_build_array(s.source) AS new_source
FROM {_STAGE} s JOIN papers_paper p ON p.id = s.paper_id
"""
_UPDATE = f"""
UPDATE papers_paper p SET
    abstract = CASE WHEN c.new_abstract THEN c.abstract ELSE p.abstract END,
    abstract_hash = CASE WHEN c.new_abstract THEN c.abstract_hash ELSE p.abstract_hash END,
    arxiv_id = CASE WHEN c.new_arxiv_id THEN c.arxiv_id ELSE p.arxiv_id END,
    doi = CASE WHEN c.new_doi THEN c.doi ELSE p.doi END,
    url = CASE WHEN c.new_url THEN c.url ELSE p.url END,
    code_url = CASE WHEN c.new_code_url THEN c.code_url ELSE p.code_url END,
    published = CASE WHEN c.new_published THEN c.published ELSE p.published END,
    authors = CASE WHEN c.new_authors THEN c.authors ELSE p.authors END,
    author_count = CASE WHEN c.new_author_count THEN c.author_count ELSE p.author_count END,
    upvotes = CASE WHEN c.new_upvotes THEN c.upvotes ELSE p.upvotes END,
    sources = CASE WHEN c.new_source THEN p.sources || jsonb_build_array(c.source) ELSE p.sources END,
    updated_at = %(now)s
FROM ({_CHANGES}) c
WHERE p.id = c.paper_id AND (
    c.new_abstract OR c.new_arxiv_id OR c.new_doi OR c.new_url OR c.new_code_url OR c.new_published
    OR c.new_authors OR c.new_author_count OR c.new_upvotes OR c.new_source
)
RETURNING p.id, c.new_abstract
"""


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What a chunk did: the counts by outcome, and the papers whose abstract is new or changed."""

    created: int
    updated: int
    unchanged: int
    extract_ids: list[int]


def _identities(record: PaperRecord, key: str) -> set[str]:
    return {f"k:{key}"} | ({f"a:{record.arxiv_id}"} if record.arxiv_id else set())


def _rows(records: list[PaperRecord]):
    """The stage rows of the first record of each identity, checked as the batched path checks a new paper;
    the records whose identity an earlier one has, for the batched path."""
    seen: set[str] = set()
    rows, later = [], []
    for index, record in enumerate(records):
        paper = new_paper(record)
        paper.refresh_keys()
        paper_check(paper)  # raises ValidationError: the chunk goes the batched way, which reports it
        identities = _identities(record, paper.title_key)
        if identities & seen:
            later.append(index)
            continue
        seen |= identities
        rows.append(
            (
                index,
                paper.title,
                paper.title_key,
                paper.abstract,
                paper.abstract_hash,
                paper.arxiv_id,
                paper.doi,
                paper.published,
                json.dumps(paper.authors),
                paper.author_count,
                paper.upvotes,
                paper.url,
                paper.code_url,
                record.source,
            )
        )
    return rows, later


def papers_copy_chunk(*, records: list[PaperRecord]) -> CopyResult:
    """Create or merge every record; call inside a transaction, on PostgreSQL.

    Raises (ValidationError, IntegrityError, DataError...) when a record cannot be written this way; nothing
    of the chunk should then be kept.
    """
    rows, later = _rows(records)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_CREATE)
        # Through psycopg's own cursor, so Django's error mapping is put back around it.
        copy_sql = f"COPY {_STAGE} ({', '.join(_COLUMNS)}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"ANALYZE {_STAGE} (arxiv_id, title_key, paper_id)"
        )  # a temporary table has no statistics: the joins need them
        cursor.execute(_MATCH_BY_ARXIV_ID)
        cursor.execute(_MATCH_BY_TITLE_KEY)
        cursor.execute(_SECOND_OF_A_PAPER)
        later.extend(ord_ for (ord_,) in cursor.fetchall())
        cursor.execute(f"SELECT count(*) FROM {_STAGE} WHERE paper_id IS NULL")
        (to_insert,) = cursor.fetchone()
        cursor.execute(_INSERT, {"now": now})
        inserted = cursor.fetchall()
        if len(inserted) < to_insert:
            cursor.execute(
                f"SELECT ord FROM {_STAGE} WHERE paper_id IS NULL AND title_key <> ALL(%s)",
                [[key for _, key, _ in inserted]],
            )
            later.extend(ord_ for (ord_,) in cursor.fetchall())
        cursor.execute(f"SELECT count(*) FROM {_STAGE} WHERE paper_id IS NOT NULL")
        (matched,) = cursor.fetchone()
        cursor.execute(_UPDATE, {"now": now})
        updated = cursor.fetchall()
        cursor.execute(f"DELETE FROM {_STAGE}")  # the rest of the transaction (later records) needs it empty
    created, updated_count = len(inserted), len(updated)
    unchanged = matched - updated_count
    extract_ids = [paper_id for paper_id, _, has_abstract in inserted if has_abstract]
    extract_ids.extend(paper_id for paper_id, new_abstract in updated if new_abstract)
    if later:
        # In record order, as the batched path would write them: each merges into what is stored by now.
        results = papers_upsert_batch(records=[records[index] for index in sorted(later)])
        for result in results:
            created += result.outcome is UpsertOutcome.CREATED
            updated_count += result.outcome is UpsertOutcome.UPDATED
            unchanged += result.outcome is UpsertOutcome.UNCHANGED
        extract_ids.extend(_changed(results))
    return CopyResult(created, updated_count, unchanged, extract_ids)


def _changed(results: list[UpsertResult]) -> list[int]:
    return [result.paper.pk for result in results if result.abstract_changed]
