"""Ingest raw news pages: files, directories (their *.txt files) and globs."""

from __future__ import annotations

import glob
import json
from pathlib import Path

from django.core.management.base import CommandError

from articles.ingest import ParsedArticle
from articles.management.base import REPAIR_HINT, IndexingCommand
from articles.services import IngestResult, IngestStatus
from articles.services.ingest import IngestRun, file_pages, pages_ingest

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
            "dateline", "people", "countries", "body", "captions", "title_source", "date_source", "url", "fetched_at",
            "sources",
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
        run = pages_ingest(pages=file_pages(files), dry_run=options["dry_run"], reindex_unchanged=True)
        self._narrate(run, total=len(files), options=options, report=report)
        counts = run.counts

        verb = "Would ingest" if options["dry_run"] else "Ingested"
        summary = (
            f"{verb} {counts[IngestStatus.INGESTED]}, unchanged {counts[IngestStatus.UNCHANGED]}, "
            f"updated {counts[IngestStatus.UPDATED]}, failed {counts[IngestStatus.FAILED] + len(problems)}"
        )
        if verbosity >= 1:
            report.write(summary)
        not_indexed = ""
        if run.index.problem:
            not_indexed = (f"Saved but not indexed: {len(run.index.ids)} articles ({run.index.problem}); the index "
                           f"queue keeps them and {REPAIR_HINT}.")
            report.write(self.style.ERROR(not_indexed))
        if counts[IngestStatus.FAILED] or problems:
            raise CommandError(f"Some files could not be ingested: {summary}", returncode=1)
        if not_indexed:
            raise CommandError(not_indexed, returncode=1)

    def _narrate(self, run: IngestRun, *, total: int, options: dict, report) -> None:
        """Ingest the files one by one, narrating each result as it comes."""
        verbosity = options["verbosity"]
        as_json = options["json"]
        for number, result in enumerate(run, start=1):
            if as_json:
                self.stdout.write(json.dumps(result_json(result), ensure_ascii=False))
            if result.status == IngestStatus.FAILED:
                report.write(self.style.ERROR(f"{result.name}: {result.error}"))
            elif verbosity >= 2:
                title = result.parsed.title if result.parsed else ""
                report.write(f"{result.name}: {result.status.value} ({title[:70]})")
            if verbosity >= 1 and not as_json and total > _PROGRESS_EVERY and number % _PROGRESS_EVERY == 0:
                report.write(f"Processed {number} of {total}")

    def _explain(self, patterns: list[str]) -> None:
        files, problems = expand_paths(patterns)
        for problem in problems:
            self.stderr.write(self.style.ERROR(problem))
        failed = len(problems)
        # The same read and parse as a dry run, with its size limit and its reasons for a page that fails.
        for result in pages_ingest(pages=file_pages(files), dry_run=True):
            if result.parsed is None:
                self.stdout.write(self.style.ERROR(f"{result.name}: {result.error}"))
                failed += 1
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(result.name))
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
