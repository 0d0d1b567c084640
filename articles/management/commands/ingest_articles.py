"""Ingest news pages: raw text, HTML, WARC crawls, JSON Lines and zips of them; files, directories and globs."""

from __future__ import annotations

import glob
import json
import time
from pathlib import Path

from django.core.management.base import CommandError

from articles.ingest import ParsedArticle
from articles.ingest.sources import SUPPORTED, SourceReader, kind_of
from articles.management.base import REPAIR_HINT, IndexingCommand
from articles.selectors import article_record
from articles.services import IngestResult, IngestStatus
from articles.services.ingest import IngestRun, pages_ingest

# Print a progress line every this many pages, or this many seconds, on long runs.
_PROGRESS_EVERY = 25
_PROGRESS_SECONDS = 2.0


def expand_paths(patterns: list[str]) -> tuple[list[Path], list[str]]:
    """Return (inputs, problems): files as given, directories as they are (the reader reads the supported files
    below them, their sidecars with them), globs their matches, in a stable order."""
    files: list[Path] = []
    problems: list[str] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            if not any(p.is_file() and kind_of(p.name) for p in path.rglob("*")):
                problems.append(f"{pattern}: directory has no files to ingest ({', '.join(SUPPORTED)})")
            else:
                files.append(path)
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
        if result.parsed is None:  # skipped as already in the archive (a resumed run): what the archive holds
            record.update(article_record(result.article))
    return record


class Command(IndexingCommand):
    help = (
        "Ingest news pages: raw page text (.txt, UTF-8 or cp1252, with an optional .url or .json sidecar giving its "
        "URL), HTML (.html, .htm), web crawls (.warc, .warc.gz), JSON Lines (.jsonl, .jsonl.gz: url and text or "
        "html per line) and .zip files of them. Pages are parsed in worker processes and saved in batches; a page "
        "that fails is reported with its name and reason and the rest of the batch is kept. Safe to run again: pages "
        "already in the archive (same URL and text) are skipped unparsed, and a re-run also indexes what a killed "
        "run saved but did not index."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, directories (every supported file below them) or globs.")
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
            raise CommandError(f"Nothing to ingest: give files ({', '.join(SUPPORTED)}), directories or globs "
                               "that match files.")

        if not options["dry_run"]:
            self.index_catch_up(verbosity=verbosity, out=report)
        reader = SourceReader(files)
        run = pages_ingest(pages=reader, dry_run=options["dry_run"], reindex_unchanged=True, resume=True)
        self._narrate(run, reader=reader, options=options, report=report)
        counts = run.counts

        verb = "Would ingest" if options["dry_run"] else "Ingested"
        summary = (
            f"{verb} {counts[IngestStatus.INGESTED]}, unchanged {counts[IngestStatus.UNCHANGED]}, "
            f"updated {counts[IngestStatus.UPDATED]}, failed {counts[IngestStatus.FAILED] + len(problems)}"
        )
        if reader.counts:
            summary += "; skipped " + ", ".join(f"{count} {what}" for what, count in sorted(reader.counts.items()))
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

    def _narrate(self, run: IngestRun, *, reader: SourceReader, options: dict, report) -> None:
        """Ingest the pages one by one, narrating each result as it comes, with a progress line on long runs."""
        verbosity = options["verbosity"]
        as_json = options["json"]
        progress = Progress(reader, out=report) if verbosity >= 1 and not as_json else None
        for number, result in enumerate(run, start=1):
            if as_json:
                self.stdout.write(json.dumps(result_json(result), ensure_ascii=False))
            if result.status == IngestStatus.FAILED:
                report.write(self.style.ERROR(f"{result.name}: {result.error}"))
            elif verbosity >= 2:
                title = result.parsed.title if result.parsed else ""
                report.write(f"{result.name}: {result.status.value} ({title[:70]})")
            if progress is not None:
                progress.tick(number)

    def _explain(self, patterns: list[str]) -> None:
        files, problems = expand_paths(patterns)
        for problem in problems:
            self.stderr.write(self.style.ERROR(problem))
        failed = len(problems)
        # The same read and parse as a dry run, with its size limit and its reasons for a page that fails.
        for result in pages_ingest(pages=SourceReader(files), dry_run=True):
            if result.parsed is None:
                self.stdout.write(self.style.ERROR(f"{result.name}: {result.error}"))
                failed += 1
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(result.name))
            for line in explain_lines(result.parsed):
                self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} file(s) could not be read as an article", returncode=1)


class Progress:
    """The progress line of a long run: pages, pages per second and, from the share of the input bytes read (a
    compressed crawl's position in its file), the time left. Every _PROGRESS_EVERY pages, at most every
    _PROGRESS_SECONDS; nothing for a run shorter than that."""

    def __init__(self, reader: SourceReader, *, out) -> None:
        self.reader, self.out = reader, out
        self.began = self.last = time.monotonic()

    def tick(self, pages: int) -> None:
        now = time.monotonic()
        if pages % _PROGRESS_EVERY or now - self.last < _PROGRESS_SECONDS:
            return
        self.last = now
        elapsed = now - self.began
        line = f"Processed {pages} pages, {pages / elapsed:.1f}/s"
        total, done = self.reader.bytes_total(), self.reader.bytes_done
        if total and 0 < done <= total:
            left = elapsed * (total - done) / done
            line += f", {100 * done / total:.0f}% of the input read, about {_duration(left)} left"
        self.out.write(line)


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


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
