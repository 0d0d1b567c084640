"""Write a WARC of N HTML pages made from the sample archive, and a manifest of what each page's HTML says.

Issue 13's scale check: "a WARC of 1,000 HTML pages ingests with every record reported, RSS under 300 MB, and the URL,
outlet, date and title of each equal to what the HTML says". Each page is a sample from fixtures/sample_articles
parsed with parse_article and rendered as a news site would (title, og:title, article:published_time,
og:site_name, a canonical link on its outlet's domain, nav and footer boilerplate), with its own URL, a title, date
and a sentence of its own, so that N pages are N articles. Each page is a request and a response record, after one
warcinfo record; the manifest (JSON Lines) names each response by its record number, as the readers do.

Usage: .venv/bin/python scripts/make_warc.py [--pages 1000] [--out var/crawl-1000.warc.gz] [--read-back]
--read-back reads the WARC again with articles.ingest.sources and prints pages, time and peak RSS.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import resource
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from articles.ingest import ParsedArticle, ParseError, decode_page, parse_article  # noqa: E402

SAMPLES = ROOT / "fixtures" / "sample_articles"
# The crawl's clock: record N is fetched N seconds after this (fixed, so two runs write the same pages).
CRAWL_START = datetime(2025, 8, 1, 2, 0, tzinfo=UTC)
_NAMESPACE = uuid.UUID("6f1c8f3e-3b8a-4f7e-9d61-5a0b2e1c4d70")


def usable_samples() -> list[ParsedArticle]:
    """Return the samples a test page can be made of: parsed, with an outlet domain and a publication date."""
    parsed = []
    for path in sorted(SAMPLES.glob("*.txt")):
        try:
            article = parse_article(decode_page(path.read_bytes()), source_name=path.name)
        except ParseError:
            continue
        if article.outlet.domain and article.published is not None and article.title:
            parsed.append(article)
    return parsed


def slugify(title: str) -> str:
    """Return the URL slug of a headline: 'Warga Bantul Panen!' -> 'warga-bantul-panen'."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "berita"


def page_fields(article: ParsedArticle, number: int, variant: int) -> dict:
    """Return what page ``number`` says: its URL, outlet, date and title (the variant makes them its own)."""
    title = article.title if variant == 0 else f"{article.title} (bagian {variant + 1})"
    published = article.published + timedelta(days=variant)
    local = published.strftime("%Y/%m/%d")
    url = f"https://www.{article.outlet.domain}/read/{local}/{100000 + number}/{slugify(title)}"
    return {"url": url, "outlet": article.outlet.name, "outlet_domain": article.outlet.domain,
            "published": published.isoformat(), "title": title}


def render_page(article: ParsedArticle, fields: dict, number: int) -> str:
    """Return the HTML of one page: metadata in the head, the story as paragraphs between nav and footer."""
    escape = html.escape
    paragraphs = [line for line in article.body.split("\n") if line.strip()]
    paragraphs.append(f"Catatan redaksi: halaman ini adalah salinan uji nomor {number + 1} dari arsip contoh.")
    body = "\n".join(f"<p>{escape(line)}</p>" for line in paragraphs)
    site = escape(fields["outlet"])
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{escape(fields["title"])} - {site}</title>
<meta property="og:title" content="{escape(fields["title"])}">
<meta property="og:site_name" content="{site}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{fields["published"]}">
<link rel="canonical" href="{escape(fields["url"])}">
</head>
<body>
<nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a> <a href="/ekonomi">Ekonomi</a>
<a href="/olahraga">Olahraga</a> <a href="/indeks">Indeks Berita</a></nav>
<article>
<h1>{escape(fields["title"])}</h1>
<div class="byline">{escape(article.author or site)}</div>
{body}
</article>
<aside><h2>Berita Terkait</h2><ul><li><a href="/read/lain">Baca juga berita lainnya</a></li></ul></aside>
<footer>Hak cipta &copy; {site}. Seluruh hak dilindungi. <a href="/pedoman">Pedoman Media Siber</a></footer>
</body>
</html>
"""


def write_warc(path: Path, manifest: Path, pages: int, *, gzipped: bool = True) -> int:
    """Write the WARC and its manifest; return the number of samples the pages were made from."""
    samples = usable_samples()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out, manifest.open("w", encoding="utf-8") as expected:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "scripts/make_warc.py"}))
        ordinal = 1
        for number in range(pages):
            article = samples[number % len(samples)]
            fields = page_fields(article, number, number // len(samples))
            when = (CRAWL_START + timedelta(seconds=number)).strftime("%Y-%m-%dT%H:%M:%SZ")
            payload = render_page(article, fields, number).encode("utf-8")
            request = StatusAndHeaders(f"GET {fields['url'].split('/', 3)[3]} HTTP/1.1",
                                       [("Host", f"www.{fields['outlet_domain']}")], is_http_request=True)
            response = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            for kind, headers, body in (("request", request, b""), ("response", response, payload)):
                record_id = f"<urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{number}')}>"
                writer.write_record(writer.create_warc_record(
                    fields["url"], kind, payload=io.BytesIO(body), http_headers=headers,
                    warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": record_id}))
                ordinal += 1
            expected.write(json.dumps({"record": f"{path.name}#{ordinal}", "fetched_at": when, **fields},
                                      ensure_ascii=False) + "\n")
    return len(samples)


def read_back(path: Path) -> None:
    """Read the WARC with the ingest readers and print what they found, how fast, and the process's peak RSS."""
    from articles.ingest.sources import SourceReader

    started = time.perf_counter()
    reader = SourceReader([path])
    pages = failed = 0
    for page in reader:
        pages += 1
        failed += bool(page.error)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"read back: {pages} pages ({failed} failed), skipped {dict(reader.counts)}, "
          f"{seconds:.2f} s ({pages / seconds:.0f} pages/s), peak RSS {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None, help="default var/crawl-N.warc.gz")
    parser.add_argument("--manifest", type=Path, default=None, help="default beside the WARC: .manifest.jsonl")
    parser.add_argument("--no-gzip", action="store_true", help="write an uncompressed .warc")
    parser.add_argument("--read-back", action="store_true", help="read the WARC again and print numbers")
    options = parser.parse_args()
    suffix = ".warc" if options.no_gzip else ".warc.gz"
    out = options.out or ROOT / "var" / f"crawl-{options.pages}{suffix}"
    manifest = options.manifest or out.with_name(out.name.removesuffix(suffix) + ".manifest.jsonl")
    started = time.perf_counter()
    samples = write_warc(out, manifest, options.pages, gzipped=not options.no_gzip)
    print(f"wrote {out} ({out.stat().st_size / 1_048_576:.1f} MB): {options.pages} pages from {samples} samples "
          f"in {time.perf_counter() - started:.1f} s; manifest {manifest}")
    if options.read_back:
        read_back(out)


if __name__ == "__main__":
    main()
