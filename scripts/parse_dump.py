"""Print, as JSON, everything the parse gives for every page of some folders: each field of parse_article (its
evidence too), the extractor's people (with context) and countries, the body's fingerprint (signature and band
keys) and the story's language. Two dumps taken before and after a change to articles/ingest must be equal when the
change is meant to alter no output (a speed-up):

    .venv/bin/python scripts/parse_dump.py > /tmp/before.json   # change the parser
    .venv/bin/python scripts/parse_dump.py > /tmp/after.json && cmp /tmp/before.json /tmp/after.json

Without arguments the folders are var/real_pages (as text alone and with its manifest's URLs, when it is there),
fixtures/sample_articles, the golden pages of articles/tests/pages and the first GENERATED pages of
/tmp/ingest-pages (when it is there). ``FOLDER...`` dumps those folders instead (read as scripts/bench_parse.py
reads them).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_parse import fixture_extractor, folder_pages, prepare  # noqa: E402

from articles.ingest.language import text_language  # noqa: E402

# The generated pages dumped from /tmp/ingest-pages (scripts/bench_ingest_batch.py writes such a folder).
GENERATED = 1000


def default_sets() -> list[tuple[str, Path, bool, int | None]]:
    """Return (label, folder, with_url, limit) of the folders dumped by default, those present."""
    sets = []
    real = ROOT / "var" / "real_pages"
    if real.is_dir():
        sets += [("real", real, False, None), ("real+url", real, True, None)]
    sets += [("sample", ROOT / "fixtures" / "sample_articles", False, None),
             ("golden", ROOT / "articles" / "tests" / "pages", False, None)]
    generated = Path("/tmp/ingest-pages")
    if generated.is_dir():
        sets.append(("generated", generated, False, GENERATED))
    return sets


def page_record(page, extractor) -> dict:
    """Return everything the parse gives for one page, as plain JSON values."""
    parsed, print_, error = prepare(page, extractor)
    if parsed is None:
        return {"error": error}
    record = dataclasses.asdict(parsed)
    record["as_dict"] = parsed.as_dict()
    record["language"] = text_language(f"{parsed.title}\n{parsed.body}")
    record["fingerprint"] = {"signature": print_.signature.hex(), "bands": list(print_.bands)}
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*")
    options = parser.parse_args()
    sets = [(folder, Path(folder), False, None) for folder in options.folders] or default_sets()
    extractor = fixture_extractor()
    dump = {}
    for label, folder, with_url, limit in sets:
        dump[label] = {page.name: page_record(page, extractor)
                       for page in folder_pages(folder, with_url=with_url, limit=limit)}
    json.dump(dump, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
