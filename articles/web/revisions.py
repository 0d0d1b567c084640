"""Word differences between two versions of a story: how many words changed (the API's ``changed``) and the parts
to show on the article page. Plain values: the template escapes the text and marks the parts with <ins>/<del>.

>>> words_changed("Banjir di Jakarta Utara", "Banjir besar di Jakarta Timur")
2
>>> [(part.kind, part.text) for part in word_diff("Banjir di Jakarta Utara", "Banjir besar di Jakarta Timur")]
[('same', 'Banjir'), ('ins', 'besar'), ('same', 'di Jakarta'), ('del', 'Utara'), ('ins', 'Timur')]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# The most words of either version that difflib compares once the versions' common start and end are set aside; a
# longer changed middle is shown as replaced whole. Measured (tests/test_revisions.py): 5,000 words, about three long
# features, take difflib under 0.3 s even when built to be slow; the pages it saves are ~35 KB of text.
DIFF_WORDS_MAX = 5000

# Of the words both versions share, how many a run shown between two changes keeps at each end ("…" between).
CONTEXT_WORDS = 12


@dataclass(frozen=True)
class DiffPart:
    """A run of words: "same" in both versions, "del" only in the older, "ins" only in the newer, or "gap" (the
    middle of a long run of shared words, left out; its text is "…")."""

    kind: str
    text: str


def story_text(title: str, body: str) -> str:
    """Return the text two versions are compared on: the headline, then the story."""
    return f"{title}\n\n{body}"


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Return difflib's opcodes for two word lists, the work bounded by DIFF_WORDS_MAX."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_middle, new_middle = old[start:len(old) - end], new[start:len(new) - end]
    if len(old_middle) > DIFF_WORDS_MAX or len(new_middle) > DIFF_WORDS_MAX:
        middle = [("replace", 0, len(old_middle), 0, len(new_middle))]
    else:
        # difflib's "autojunk" (on by default) treats words in over 1% of a long text as noise, which bounds its work
        # on repetitive text; words such as "yang" are still matched next to rarer ones.
        middle = difflib.SequenceMatcher(None, old_middle, new_middle).get_opcodes()
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [(tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2 in middle
                if tag != "equal" or i2 > i1]
    if end:
        opcodes.append(("equal", len(old) - end, len(old), len(new) - end, len(new)))
    return opcodes


def words_changed(old: str, new: str) -> int:
    """Return how many words differ between two texts: of each changed run, the longer side."""
    old_words, new_words = old.split(), new.split()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in _opcodes(old_words, new_words) if tag != "equal")


def word_diff(old: str, new: str, *, context: int = CONTEXT_WORDS) -> list[DiffPart]:
    """Return the parts that show how ``new`` differs from ``old``, word by word; long shared runs keep only
    ``context`` words at each end next to a change."""
    old_words, new_words = old.split(), new.split()
    opcodes = _opcodes(old_words, new_words)
    parts: list[DiffPart] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old_words[i1:i2]
            head = words[:context] if index > 0 else []
            tail = words[-context:] if index < len(opcodes) - 1 else []
            if len(words) <= len(head) + len(tail) + 1 or (index == 0 == len(opcodes) - 1):
                parts.append(DiffPart("same", " ".join(words)))
                continue
            if head:
                parts.append(DiffPart("same", " ".join(head)))
            parts.append(DiffPart("gap", "…"))
            if tail:
                parts.append(DiffPart("same", " ".join(tail)))
            continue
        if i2 > i1:
            parts.append(DiffPart("del", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("ins", " ".join(new_words[j1:j2])))
    return parts
