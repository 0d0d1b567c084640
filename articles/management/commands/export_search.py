"""Export every article of a search as CSV or JSON Lines: the rows and header of GET /api/export.csv|jsonl."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from articles.web.export import FORMATS, ExportError, export_lines, export_prepare


class Command(BaseCommand):
    help = (
        "Export every article of a search, with the search page's parameters as a URL query string, e.g. "
        'export_search "q=banjir&outlet=kompas" --format jsonl --output banjir.jsonl (README, "Export").'
    )

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="",
                            help='The search page\'s parameters as in its URL, e.g. "q=banjir&outlet=kompas"; '
                                 "empty: every article.")
        parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (default) or jsonl.")
        parser.add_argument("--output", help="File to write (replaced only when the export is complete); "
                                             "default: standard output.")
        parser.add_argument("--include", choices=["body"], help="body: add each article's clean text.")

    def handle(self, *args, **options):
        params = QueryDict(options["query"].lstrip("?"), mutable=True)
        if options["include"]:
            params.setlist("include", [options["include"]])
        try:
            export = export_prepare(params)
        except ExportError as error:
            fix = "Try again when the index is back, or run 'manage.py rebuild_index'." if error.unavailable else (
                "Change these parameters (the search page shows the values it accepts).")
            raise CommandError(f"{' '.join(error.messages)} {fix}") from error
        lines = export_lines(export, options["format"])
        if options["output"]:
            self._write_file(Path(options["output"]), lines)
            report = self.stdout
        else:
            for chunk in lines:
                self.stdout.write(chunk, ending="")
            report = self.stderr  # standard output holds the data
        if options["verbosity"] >= 1:
            header = export.header
            incomplete = f" (incomplete: {header['incomplete']['reason']})" if header["incomplete"] else ""
            where = f" to {options['output']}" if options["output"] else ""
            report.write(f"Exported {header['total']} articles{where}{incomplete}; "
                         f"index generation {header['index_generation']}.")

    @staticmethod
    def _write_file(path: Path, lines) -> None:
        """Write beside the file and rename at the end: a failed export leaves an earlier file as it was."""
        partial = path.with_name(path.name + ".part")
        try:
            # newline="": CSV rows end in CRLF (RFC 4180) on every platform, JSON lines in LF.
            with partial.open("w", encoding="utf-8", newline="") as output:
                for chunk in lines:
                    output.write(chunk)
            os.replace(partial, path)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}. Choose a writable --output path.") from error
        finally:
            partial.unlink(missing_ok=True)  # whatever stopped the export (a database error too): no stray .part
