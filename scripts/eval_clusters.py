"""Print the precision and recall of story clustering on a labelled set of pairs built from the sample archive.

Positives: each sample story (fixtures/sample_articles, our own texts) against a near copy of itself made by one edit:
words replaced, deleted or inserted at random places (1% to 40% of the words: scattered edits are the hardest case
for shingles, a real rewrite bunches its changes), a sentence added, paragraphs reordered, the end truncated, another
outlet's dateline put before it, boilerplate added. Negatives: every pair of distinct sample stories, among them the
same-event pairs from different outlets (BI rate decisions, the G20 declaration, "MK tolak gugatan", the Palu quake,
Putin's meeting...), which share names and quotes but are not copies: these must not cluster; except the pairs of
SAMPLE_COPIES, the sample archive's own wire copy run by another outlet, which are positives.

A pair is predicted one story when its two texts share a band key and their signatures agree at the threshold, as
ingest decides. Recall is given per edit, since a single number would hide which edits are lost.
Usage: .venv/bin/python scripts/eval_clusters.py [--seed S]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest import fingerprint as fp  # noqa: E402
from articles.ingest import parse_article  # noqa: E402

THRESHOLDS = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
# Pairs of the sample archive that ARE one story: an outlet's run of a wire story (labelled by hand, both ways).
SAMPLE_COPIES = {("antara_2018_gempa-tsunami-palu", "republika_2018_korban-gempa-tsunami-palu")}
BOILERPLATE = ("Baca juga: Harga emas hari ini naik tipis", "Simak berita dan artikel lainnya di Google News.",
               "Ikuti kanal WhatsApp kami untuk kabar terbaru.", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT")


def sample_bodies() -> dict[str, str]:
    paths = sorted((ROOT / "fixtures" / "sample_articles").glob("*.txt"))
    return {path.stem: parse_article(path.read_text(encoding="utf-8"), source_name=path.name).body for path in paths}


def _word_edit(kind: str, share: float):
    def edit(body: str, rng: random.Random, pool: list[str]) -> str:
        tokens = body.split()
        count = max(1, round(len(tokens) * share))
        for position in sorted(rng.sample(range(len(tokens)), min(count, len(tokens))), reverse=True):
            if kind == "replace":
                tokens[position] = rng.choice(pool)
            elif kind == "delete":
                del tokens[position]
            else:
                tokens.insert(position, rng.choice(pool))
        return " ".join(tokens)
    return edit


def _sentence_added(body, rng, pool):
    paragraphs = body.split("\n\n")
    paragraphs.insert(rng.randrange(len(paragraphs) + 1), " ".join(rng.choice(pool) for _ in range(25)) + ".")
    return "\n\n".join(paragraphs)


def _reordered(body, rng, pool):
    paragraphs = body.split("\n\n")
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def _truncated(share):
    def edit(body, rng, pool):
        tokens = body.split()
        return " ".join(tokens[:round(len(tokens) * share)])
    return edit


def _dateline(body, rng, pool):
    return rng.choice(("JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ", "TEMPO.CO, Jakarta - ",
                       "Liputan6.com, Jakarta - ", "SURABAYA, suara.com - ")) + body


def _boilerplate(body, rng, pool):
    paragraphs = body.split("\n\n")
    for line in BOILERPLATE:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), line)
    return "\n\n".join(paragraphs)


EDITS = {
    **{f"replace {round(s * 100)}%": _word_edit("replace", s) for s in (0.01, 0.05, 0.1, 0.2, 0.3, 0.4)},
    **{f"delete {round(s * 100)}%": _word_edit("delete", s) for s in (0.05, 0.1, 0.2)},
    **{f"insert {round(s * 100)}%": _word_edit("insert", s) for s in (0.05, 0.1, 0.2)},
    "sentence added": _sentence_added,
    "paragraphs reordered": _reordered,
    "truncated to 60%": _truncated(0.6),
    "truncated to 40%": _truncated(0.4),
    "dateline swapped": _dateline,
    "boilerplate added": _boilerplate,
}


def predicted(first: fp.Fingerprint, second: fp.Fingerprint, threshold: float) -> bool:
    shared = set(first.bands) & set(second.bands)
    return bool(shared) and fp.resemblance(first.signature, second.signature) >= threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bodies = sample_bodies()
    pool = sorted({word for body in bodies.values() for word in body.split()})
    prints = {name: fp.fingerprint(body) for name, body in bodies.items()}
    positives: dict[str, list[tuple[fp.Fingerprint, fp.Fingerprint]]] = {edit: [] for edit in EDITS}
    for name, body in bodies.items():
        for edit, make in EDITS.items():
            positives[edit].append((prints[name], fp.fingerprint(make(body, rng, pool))))
    positives["sample archive copy"] = [(prints[a], prints[b]) for a, b in sorted(SAMPLE_COPIES)]
    negatives = [(a, b, prints[a], prints[b]) for a, b in itertools.combinations(bodies, 2)
                 if (a, b) not in SAMPLE_COPIES and (b, a) not in SAMPLE_COPIES]
    print(f"{len(bodies)} sample stories, {sum(map(len, positives.values()))} positive pairs "
          f"({len(EDITS)} edits), {len(negatives)} negative pairs; shingles of {fp.SHINGLE_WORDS} words, "
          f"{fp.NUM_PERM} permutations, {fp.BANDS} bands x {fp.ROWS} rows")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'false merges':>12}")
    for threshold in THRESHOLDS:
        found = sum(predicted(a, b, threshold) for pairs in positives.values() for a, b in pairs)
        false = sum(predicted(pa, pb, threshold) for _, _, pa, pb in negatives)
        total = sum(map(len, positives.values()))
        precision = found / (found + false) if found + false else 1.0
        mark = "  <- chosen" if threshold == fp.CLUSTER_THRESHOLD else ""
        print(f"{threshold:>9.2f} {precision:>9.3f} {found / total:>7.3f} {false:>12}{mark}")
    print(f"\nRecall per edit at the chosen threshold {fp.CLUSTER_THRESHOLD} (estimated resemblance, mean):")
    for edit, pairs in positives.items():
        found = sum(predicted(a, b, fp.CLUSTER_THRESHOLD) for a, b in pairs)
        mean = sum(fp.resemblance(a.signature, b.signature) for a, b in pairs) / len(pairs)
        print(f"  {edit:<22} {found:>3}/{len(pairs)}  recall {found / len(pairs):.2f}  resemblance {mean:.2f}")
    closest = sorted(negatives, key=lambda n: -fp.resemblance(n[2].signature, n[3].signature))[:8]
    print("\nMost alike negative pairs (same event, other outlet):")
    for a, b, pa, pb in closest:
        print(f"  {fp.resemblance(pa.signature, pb.signature):.2f}  {a}  {b}")


if __name__ == "__main__":
    main()
