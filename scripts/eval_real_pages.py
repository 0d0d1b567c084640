"""Score the ingest parser on a folder of real article pages that never enter the repository.

The folder (default ``var/real_pages/``, git-ignored) holds page texts and one or more ``manifest*.jsonl`` files,
a JSON object per page:

    {"file": "A/kompas-01.txt", "url": "https://...", "domain": "kompas.com",
     "label": {"title": "...", "author": "A, B" | null, "published": "2024-03-25T14:05" | "2024-03-25" | null,
               "date_where": "header" | "lead" | null, "dateline": "JAKARTA" | null,
               "body_start": "first words of the story", "people": ["..."]} | null}

The label is a person's reading of the page as shown; a page without one is scored only on what its URL tells
(outlet by domain, date in the path, headline words in the slug). Printed per outlet and per failure class:

    .venv/bin/python scripts/eval_real_pages.py [FOLDER] [--failures FIELD] [--json] [--with-url]

``--with-url`` gives the parser each page's URL from the manifest (``PageHints(url=..., source="url")``), as a
page that comes in a WARC record or a JSON line with its address is read (issue 13).

Numbers are printed, never asserted; tests keep the parser's promises on pages written in our own words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest import EntityExtractor, PageHints, ParseError, decode_page, outlets, parse_article  # noqa: E402
from articles.ingest.countries import BLOCKED_PHRASES  # noqa: E402
from articles.ingest.dates import find_dates  # noqa: E402
from articles.ingest.gazetteer import countries_from_registry, people_from_fixture, rejected_from_fixture  # noqa: E402

# outlet_named: the outlet, on the pages whose text names it somewhere (a page that never names its outlet cannot
# be told apart from any other); published: on the pages whose text shows the labelled date in full (a date without
# its year, as "Selasa (10/12)", is not a date the parser can give); published_any: on every page with a labelled
# date, the text showing it in full or not (what a page given with its URL can reach, issue 13).
FIELDS = ("accepted", "outlet", "outlet_named", "title", "title_slug", "published", "published_any", "url_date",
          "author", "body_start", "clean_body", "people_recall")
# Lines of page furniture that must never be left in a story's body.
_BOILERPLATE = re.compile(
    r"^(?:baca(?: juga| pula)?\s*[:：]|baca selengkapnya|advertisement|scroll to|halaman\s*\d|selanjutnya$|"
    r"simak (?:juga|video|berita)|lihat foto|\d+ (?:hari|jam|menit) (?:yang )?lalu|copyright|©|editor\s*:|"
    r"reporter\s*:|penulis\s*:|pewarta\s*:|redaktur\s*:|bagikan|share\b|ikuti (?:kami|berita)|"
    r"dapatkan (?:berita|update)|"
    r"download aplikasi|tag\s*:|tags\s*:|berita terkait|artikel terkait|baca berita|loading|tonton)"
    r"|&(?:nbsp|amp|quot|#\d+);|\bbaca juga\s*:",
    re.IGNORECASE,
)
_URL_DATE = (
    re.compile(r"/(?P<y>20\d\d|19\d\d)/(?P<m>\d\d)/(?P<d>\d\d)/"),
    re.compile(r"/(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)[/-]"),
    re.compile(r"/(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)\d{4,}"),  # detik, cnn: /20241210143012-...
)


def registrable_domain(url_or_host: str) -> str:
    """Return the registrable domain of a URL or host: 'https://nasional.kompas.com/x' -> 'kompas.com'."""
    return outlets.registrable_domain(urlsplit(url_or_host).hostname or "" if "//" in url_or_host else url_or_host)


def folded(text: str | None) -> str:
    """Return text compared as a reader would: case, accents, quotes and spacing ignored."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\"'“”‘’`]", "", text.casefold())
    return " ".join(re.sub(r"[^\w%$.,:;!?()/&+-]", " ", text).split()).strip(" .")


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", folded(text)) if len(word) > 2}


def _names(value: str | None) -> set[str]:
    return {folded(name) for name in re.split(r"\s*(?:,|;|&|\bdan\b|\band\b)\s*", value or "") if name.strip()}


def slug_words(url: str) -> set[str]:
    """Return the words of a URL's headline slug (its longest path segment), empty when it has none."""
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    slug = max(segments, key=lambda seg: seg.count("-"), default="")
    if slug.count("-") < 3:
        return set()
    return {word for word in re.split(r"[-_.]", slug.lower()) if len(word) > 2 and not word.isdigit()} - {"html", "amp"}


def url_date(url: str) -> str | None:
    for pattern in _URL_DATE:
        found = pattern.search(urlsplit(url).path)
        if found and 1 <= int(found["m"]) <= 12 and 1 <= int(found["d"]) <= 31:
            return f"{found['y']}-{found['m']}-{found['d']}"
    return None


@dataclass
class PageScore:
    name: str
    outlet_key: str
    checks: dict[str, bool | None] = field(default_factory=dict)  # None: not applicable to this page
    notes: dict[str, str] = field(default_factory=dict)
    refusal: str = ""


def score_page(entry: dict, folder: Path, extractor, *, with_url: bool = False) -> PageScore:
    url = entry.get("url", "")
    expected_domain = entry.get("domain") or registrable_domain(url)
    score = PageScore(name=entry["file"], outlet_key=registrable_domain(expected_domain) or "?")
    label = entry.get("label") or {}
    try:
        text = decode_page((folder / entry["file"]).read_bytes())
        hints = PageHints(url=url, source="url") if with_url and url else None
        parsed = parse_article(text, source_name=entry["file"], entities=extractor, hints=hints).as_dict()
    except ParseError as error:
        score.checks["accepted"] = False
        score.refusal = error.reason
        score.notes["accepted"] = error.reason
        return score
    score.checks["accepted"] = True
    checks, notes = score.checks, score.notes

    got_domain = registrable_domain(parsed["outlet_domain"] or "")
    checks["outlet"] = got_domain == registrable_domain(expected_domain)
    notes["outlet"] = notes["outlet_named"] = f"{parsed['outlet']} ({parsed['outlet_domain']}) for {expected_domain}"
    brand = registrable_domain(expected_domain).split(".")[0]
    if re.search(rf"\b{re.escape(brand)}", text, re.IGNORECASE):
        checks["outlet_named"] = checks["outlet"]

    if label.get("title"):
        checks["title"] = folded(parsed["title"]) == folded(label["title"])
        notes["title"] = f"{parsed['title']!r} | want {label['title']!r}"
    words = slug_words(url)
    if words:
        shared = len(words & _words(parsed["title"])) / len(words)
        checks["title_slug"] = shared >= 0.6
        notes["title_slug"] = f"{shared:.0%} of slug words in {parsed['title']!r}"

    got_date = (parsed["published"] or "")[:16]
    if label.get("published") and label["published"][:10] in {found.value.date().isoformat() for found in find_dates(text)}:
        want = label["published"]
        checks["published"] = got_date[: len(want)] == want
        notes["published"] = f"{got_date or None} | want {want} ({label.get('date_where')})"
    elif "published" in label:
        checks["published"] = None
    if label.get("published"):
        want = label["published"]
        checks["published_any"] = got_date[: len(want)] == want or got_date[:10] == want[:10] and len(want) > 10 \
            and parsed["date_only"]
        notes["published_any"] = f"{got_date or None} | want {want} ({label.get('date_where')})"
    if (day := url_date(url)) is not None:
        checks["url_date"] = got_date[:10] == day
        notes["url_date"] = f"{got_date or None} | url {day}"

    if label.get("author"):
        checks["author"] = _names(parsed["author"]) == _names(label["author"])
        notes["author"] = f"{parsed['author']!r} | want {label['author']!r}"
    if label.get("body_start"):
        checks["body_start"] = folded(parsed["body"]).startswith(folded(label["body_start"]))
        notes["body_start"] = f"{parsed['body'][:80]!r} | want {label['body_start']!r}"
    junk = [line for line in parsed["body"].split("\n") if _BOILERPLATE.search(line.strip())]
    checks["clean_body"] = not junk
    if junk:
        notes["clean_body"] = " // ".join(line[:70] for line in junk[:3])
    if label.get("people"):
        got = {folded(name) for name in parsed["people"]}
        wanted = {folded(name) for name in label["people"]}
        checks["people_recall"] = len(wanted & got) / len(wanted) >= 0.5
        notes["people_recall"] = f"got {sorted(got)} | want {sorted(wanted)}"
    return score


def read_manifest(folder: Path) -> list[dict]:
    entries: dict[str, dict] = {}
    for manifest in sorted(folder.glob("manifest*.jsonl")):
        for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{manifest.name}:{number}: not JSON ({error.msg}); skipped", file=sys.stderr)
                continue
            if (folder / entry.get("file", "")).is_file():
                entries.setdefault(entry["file"], entry)
            else:
                print(f"{manifest.name}:{number}: no file {entry.get('file')!r}; skipped", file=sys.stderr)
    return list(entries.values())


def _rate(values: list[bool]) -> str:
    return f"{sum(values) / len(values):6.1%} {sum(values):>3}/{len(values):<3}" if values else "     -        "


def report(scores: list[PageScore], *, failures: str | None) -> dict:
    by_outlet: dict[str, list[PageScore]] = defaultdict(list)
    for score in scores:
        by_outlet[score.outlet_key].append(score)
    table = {}
    header = f"{'outlet':<22}{'pages':>6}  " + "  ".join(f"{name:<14}" for name in FIELDS)
    print(header)
    print("-" * len(header))
    rows = sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0])) + [("ALL", scores)]
    for outlet, group in rows:
        values = {name: [s.checks[name] for s in group if s.checks.get(name) is not None] for name in FIELDS}
        table[outlet] = {name: (sum(v), len(v)) for name, v in values.items()}
        if outlet == "ALL":
            print("-" * len(header))
        print(f"{outlet:<22}{len(group):>6}  " + "  ".join(f"{_rate(values[name]):<14}" for name in FIELDS))
    refusals = Counter(re.sub(r"\d+", "N", s.refusal.split(":")[0]) for s in scores if s.refusal)
    if refusals:
        print("\nRefused, by reason:")
        for reason, count in refusals.most_common():
            print(f"  {count:>4}  {reason}")
    for name in FIELDS:
        failed = [s for s in scores if s.checks.get(name) is False]
        if failures in (name, "all") and failed:
            print(f"\nFailures of {name} ({len(failed)}):")
            for s in failed:
                print(f"  {s.name}: {s.notes.get(name, '')}")
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "var" / "real_pages"))
    parser.add_argument("--failures", metavar="FIELD",
                        help=f"list the failing pages of one field ({', '.join(FIELDS)}) or 'all'")
    parser.add_argument("--json", metavar="FILE", help="also write the per-outlet table as JSON to FILE")
    parser.add_argument("--with-url", action="store_true",
                        help="give the parser each page's URL from the manifest, as a WARC or JSONL input would")
    options = parser.parse_args()
    folder = Path(options.folder)
    entries = read_manifest(folder)
    if not entries:
        print(f"No pages: {folder} has no manifest*.jsonl naming files that exist.", file=sys.stderr)
        return 2
    extractor = EntityExtractor(
        people=people_from_fixture(ROOT / "fixtures" / "people.json"),
        countries=countries_from_registry(),
        rejected=rejected_from_fixture(ROOT / "fixtures" / "rejected_names.json"),
        blocked_country_phrases=BLOCKED_PHRASES,
    )
    started = time.perf_counter()
    scores = [score_page(entry, folder, extractor, with_url=options.with_url) for entry in entries]
    elapsed = time.perf_counter() - started
    labelled = sum(1 for entry in entries if entry.get("label"))
    outlets = len({s.outlet_key for s in scores})
    given = " with their URLs" if options.with_url else ""
    print(f"{len(entries)} pages{given} from {outlets} outlets ({labelled} hand-labelled), parsed in {elapsed:.1f} s\n")
    table = report(scores, failures=options.failures)
    if options.json:
        Path(options.json).write_text(json.dumps(table, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
