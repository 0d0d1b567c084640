"""Ingest raw news pages: files, directories (their *.txt files) and globs."""

from __future__ import annotations

import glob
import json
import logging
from pathlib import Path

from django.core.management.base import CommandError

from articles.ingest import ParsedArticle
from articles.ingest.text import MAX_BYTES
from articles.management.base import REPAIR_HINT, IndexingCommand
from articles.search.indexing import deferred, index_drifted, schedule_index
from articles.services import IngestResult, IngestStatus, entity_extractor_build, page_ingest

logger = logging.getLogger(__name__)

# Print a progress counter every this many files on long runs.
_PROGRESS_EVERY = 25


def expand_paths(patterns: list[str]) -> tuple[list[Path], list[str]]:
    """Return (files, problems): directories give their *.txt files, globs their matches, in a stable order."""
    files: list[Path] = []
    problems: list[str] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                problems.append(f"{pattern}: directory has no .txt files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(pattern):
            found = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            if not found:
                problems.append(f"{pattern}: no file matches")
            files.extend(found)
        else:
            problems.append(f"{pattern}: no such file or directory")
    unique = list(dict.fromkeys(files))
    return unique, problems


def result_json(result: IngestResult) -> dict:
    """Return the stable one-line JSON shape of a result (see README: quality checks read it)."""
    record = {"file": result.name, "ok": result.status != IngestStatus.FAILED, "error": result.error or None}
    if result.parsed is not None:
        record.update(result.parsed.as_dict())
    else:
        record.update({key: None for key in (
            "outlet", "outlet_domain", "title", "summary", "published", "date_only", "author", "editor",
            "dateline", "people", "countries", "body", "captions", "title_source", "date_source",
        )})
    record["status"] = result.status.value
    if result.article is not None:
        record["id"] = result.article.pk
    return record


class Command(IndexingCommand):
    help = (
        "Ingest raw news page files (UTF-8 or cp1252 text). Each file is parsed and saved in its own transaction; "
        "a file that fails is reported with its reason and the rest of the batch is kept. Safe to run again: a "
        "re-run also indexes what a killed run saved but did not index."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, directories (all *.txt below them) or glob patterns.")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report, but save nothing.")
        parser.add_argument(
            "--json", action="store_true",
            help="Print one JSON object per file on standard output; the summary goes to standard error.",
        )
        parser.add_argument(
            "--explain", action="store_true",
            help="Save nothing; print for each file every field's value, where it came from, and for the headline and "
                 "the date the candidates with their scores and evidence.",
        )

    def handle(self, *args, **options):
        if options["explain"]:
            return self._explain(options["paths"])
        files, problems = expand_paths(options["paths"])
        verbosity = options["verbosity"]
        as_json = options["json"]
        report = self.stderr if as_json else self.stdout
        for problem in problems:
            report.write(self.style.ERROR(problem))
        if not files:
            raise CommandError("Nothing to ingest: give .txt files, directories or globs that match files.")

        if not options["dry_run"]:
            self.index_catch_up(verbosity=verbosity, out=report)
        extractor = entity_extractor_build()
        counts = {status: 0 for status in IngestStatus}
        # One index writer for the whole batch, after the last file (a commit per article costs ~50 ms each). Until
        # then the index queue holds the batch's articles: a run killed before the write leaves them owed, and the
        # next run writes them first.
        with deferred() as indexing:
            unchanged = self._ingest_all(files, extractor=extractor, counts=counts, options=options, report=report)
            # Pages stored before, whose documents the index lacks or holds older (an index restored from a backup,
            # a run killed before this version queued its articles): a re-run brings them level too.
            schedule_index(index_drifted(unchanged))

        verb = "Would ingest" if options["dry_run"] else "Ingested"
        summary = (
            f"{verb} {counts[IngestStatus.INGESTED]}, unchanged {counts[IngestStatus.UNCHANGED]}, "
            f"updated {counts[IngestStatus.UPDATED]}, failed {counts[IngestStatus.FAILED] + len(problems)}"
        )
        if verbosity >= 1:
            report.write(summary)
        not_indexed = ""
        if indexing.problem:
            not_indexed = (f"Saved but not indexed: {len(indexing.ids)} articles ({indexing.problem}); the index queue "
                           f"keeps them and {REPAIR_HINT}.")
            report.write(self.style.ERROR(not_indexed))
        if counts[IngestStatus.FAILED] or problems:
            raise CommandError(f"Some files could not be ingested: {summary}", returncode=1)
        if not_indexed:
            raise CommandError(not_indexed, returncode=1)

    def _ingest_all(self, files: list[Path], *, extractor, counts: dict, options: dict, report) -> list[int]:
        """Ingest the files one by one, narrating; return the ids of the articles found unchanged."""
        verbosity = options["verbosity"]
        as_json = options["json"]
        unchanged = []
        for number, path in enumerate(files, start=1):
            result = self._ingest_one(path, extractor=extractor, dry_run=options["dry_run"])
            counts[result.status] += 1
            if result.status == IngestStatus.UNCHANGED and result.article is not None:
                unchanged.append(result.article.pk)
            if as_json:
                self.stdout.write(json.dumps(result_json(result), ensure_ascii=False))
            if result.status == IngestStatus.FAILED:
                report.write(self.style.ERROR(f"{path}: {result.error}"))
            elif verbosity >= 2:
                title = result.parsed.title if result.parsed else ""
                report.write(f"{path}: {result.status.value} ({title[:70]})")
            if verbosity >= 1 and not as_json and len(files) > _PROGRESS_EVERY and number % _PROGRESS_EVERY == 0:
                report.write(f"Processed {number} of {len(files)}")
        return unchanged

    def _ingest_one(self, path: Path, *, extractor, dry_run: bool) -> IngestResult:
        name = str(path)
        try:
            # A file over the limit is refused by decode_page; reading only its first bytes spares the memory.
            size = path.stat().st_size
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            return IngestResult(name=name, status=IngestStatus.FAILED, error=f"cannot read: {error.strerror}")
        try:
            result = page_ingest(data=data, source_name=path.name, extractor=extractor, dry_run=dry_run, size=size)
        except Exception as error:  # One broken page must not stop the batch: report it, keep the rest.
            logger.debug("Ingesting %s failed", name, exc_info=True)
            return IngestResult(name=name, status=IngestStatus.FAILED, error=f"unexpected {type(error).__name__}: {error}")
        result.name = name
        return result

    def _explain(self, patterns: list[str]) -> None:
        files, problems = expand_paths(patterns)
        for problem in problems:
            self.stderr.write(self.style.ERROR(problem))
        extractor = entity_extractor_build()
        failed = len(problems)
        for path in files:
            # The same read and parse as a dry run, with its size limit and its reasons for a page that fails.
            result = self._ingest_one(path, extractor=extractor, dry_run=True)
            if result.parsed is None:
                self.stdout.write(self.style.ERROR(f"{path}: {result.error}"))
                failed += 1
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(str(path)))
            for line in explain_lines(result.parsed):
                self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} file(s) could not be read as an article", returncode=1)


# How many runners-up --explain shows under a field's choice.
_RUNNERS_UP = 4


def explain_lines(parsed: ParsedArticle) -> list[str]:
    """Return what --explain prints for one page: each field's value and source, then the scored candidates."""
    lines = [
        f"  title       {parsed.title!r}  (source: {parsed.title_source})",
        f"  published   {parsed.published.isoformat() if parsed.published else None}  (source: {parsed.date_source})",
        f"  outlet      {parsed.outlet.name} ({parsed.outlet.domain or 'no domain'})",
        f"  author      {parsed.author!r}   editor {parsed.editor!r}",
        f"  dateline    {parsed.dateline!r}",
        f"  body        {parsed.body[:100]!r}{'…' if len(parsed.body) > 100 else ''}",
        f"  people      {', '.join(parsed.person_names) or '-'}",
        f"  countries   {', '.join(parsed.countries) or '-'}",
    ]
    for field, candidates in parsed.evidence.items():
        lines.append(f"  {field} candidates:" if candidates else f"  {field} candidates: none in the header")
        for candidate in candidates[: _RUNNERS_UP + 1]:
            mark = "*" if field == "title" and candidate.value == parsed.title else " "
            where = f"line {candidate.line + 1}: " if candidate.line >= 0 else ""
            lines.append(f"   {mark} {candidate.score:6.2f}  {where}{candidate.value[:90]!r}")
            lines.extend(f"              {reason}" for reason in candidate.evidence)
    return lines
