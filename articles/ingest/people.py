"""People that a story mentions.

First the gazetteer (canonical names and aliases, as data). Then rules find names it lacks, from cues that
Indonesian news style puts around a name (``cues.py``):
- a role or title before it: "Presiden Suriah Bashar al-Assad", "Emir Qatar Sheikh Tamim bin Hamad al-Thani",
  "juru bicara BNPB Abdul Muhari", "warga bernama Siti Aminah";
- a speech verb: "kata Sri Mulyani", "ujar Kapolri Listyo Sigit Prabowo", "Retno mengatakan";
- an age after it: "Budi Santoso (45)"; name particles: "bin", "binti", "al-".
Honorifics are stripped ("Sheikh", "Bapak", "Dr."). A short later mention ("Putin", "Retno") is linked to the
full name the same story gave. The headline is read for gazetteer names only: headlines are Title Case, where
every word looks like a name.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping

from .cues import (
    AGE_AFTER,
    LIST_GAP,
    NOT_A_PERSON_BEFORE,
    after_last_body_word,
    capitalised_runs,
    contains_run,
    is_heading,
    split_sentences,
)
from .lexicon import PLACE_PREFIXES, is_common_word
from .name_rules import Found, NameRules
from .names import name_variant_key
from .phrases import PhraseIndex
from .types import PersonMention


class PeopleFinder(NameRules):
    """Find the people a story mentions, from a gazetteer given as data (names in, names out; no ORM)."""

    def __init__(
        self,
        *,
        people: Mapping[str, Iterable[str]],
        rejected: Iterable[str] = (),
        country_words: frozenset[str] = frozenset(),
        country_forms: Mapping[str, str | None] | None = None,
    ):
        """``people``: canonical name -> aliases; ``country_words`` and ``country_forms``: the country matcher's
        single words ("Rusia", "Korea") and its forms (abbreviations as written, names case-folded), never names."""
        canonical: dict[str, str] = {}
        for name, aliases in people.items():
            for form in (name, *aliases):
                canonical.setdefault(form, name)
                canonical.setdefault(form.replace("'", ""), name)
        super().__init__(
            canonical=canonical, rejected=rejected, country_words=country_words,
            country_forms={} if country_forms is None else country_forms,
        )
        # Transliterations and diacritics of a known name: "Sergei Lavrov" is "Sergey Lavrov", "Erdogan" "Erdoğan".
        self._variants: dict[str, str] = {}
        for form, name in self._canonical.items():
            self._variants.setdefault(name_variant_key(form), name)
        # Rejected names join the pattern so that the longest match wins: "Gelora Bung Karno" over "Bung Karno".
        self._people_index = PhraseIndex(
            [*((form, name) for form, name in self._canonical.items()), *((name, None) for name in rejected)],
            fold=False,
        )
        last_tokens: dict[str, set[str]] = {}
        for name in people:
            tokens = name.split()
            if len(tokens) >= 2 and len(tokens[-1]) >= 4:
                last_tokens.setdefault(tokens[-1], set()).add(name)
        self._unique_last = {token: next(iter(names)) for token, names in last_tokens.items() if len(names) == 1}

    def _gazetteer_names(self, text: str) -> list[Found]:
        sentences = split_sentences(text)
        starts = [offset for offset, _ in sentences]
        found = []
        for start, end, canonical in self._people_index.finditer(text):
            if canonical is None:
                continue  # A rejected name that contains a person's name: "Gelora Bung Karno".
            before = text[max(0, start - 40): start].split()
            if before and before[-1].rstrip(".") in PLACE_PREFIXES:
                continue  # "Bandara Fransiskus Xaverius Seda", "Jalan Sudirman": named after a person.
            if text[start:end].isupper() and AGE_AFTER.match(text[end: end + 20]):
                continue  # "JK (34)": the initials of someone else, not the alias.
            sentence = sentences[bisect_right(starts, start) - 1][1] if sentences else text
            found.append(Found(canonical, start, sentence, known=True, strong=True))
        return found

    def _vouched_names(self, text: str, candidates: list[Found]) -> list[Found]:
        """Return full names without a cue that a later lone mention with a speech verb vouches for.

        "Ibunda Brigadir J, Rosti Simanjuntak, yang ..." and later "... kata Rosti": Rosti Simanjuntak is a person.
        Names listed beside a person already found are people too: "Sri Wahyuni Agustiani dan Eko Yuli Irawan".
        """
        lone = {c.name for c in candidates if not c.known and c.speech and len(c.name.split()) == 1}
        found_names = {c.name for c in candidates}
        # Only sentences with a person already found, or with a vouching lone name, can hold such a name.
        with_people = {c.sentence for c in candidates}
        vouched: list[Found] = []
        for offset, sentence in split_sentences(text):
            if is_heading(sentence) or sentence not in with_people and not any(t in sentence for t in lone):
                continue
            runs = capitalised_runs(sentence)
            for index, (start, end, run_words) in enumerate(runs):
                words = after_last_body_word(self._read_run(run_words)[0])
                if not 2 <= len(words) <= 4:
                    continue
                listed = any(
                    LIST_GAP.match(sentence[other_end: start] if other_end <= start else sentence[end: other_start])
                    and " ".join(self._read_run(other_words)[0]).rstrip(".,") in found_names
                    for other_start, other_end, other_words in runs[max(index - 1, 0): index + 2]
                    if other_start != start
                )
                if not listed and not any(word.rstrip(".,") in lone for word in words):
                    continue
                name = self._candidate(words, place_role=False)
                if name:
                    vouched.append(Found(name, offset + start, sentence, known=False, strong=True))
        return vouched

    def people_in(self, *, title: str = "", text: str) -> list[PersonMention]:
        """Return the people ``title`` and ``text`` mention, as canonical names in order of first mention."""
        candidates = self._gazetteer_names(title) + self._gazetteer_names(text)
        candidates += self._rule_names(text)
        candidates += self._vouched_names(text, candidates)
        full_names = {c.name for c in candidates if len(c.name.split()) >= 2}
        mentions: dict[str, PersonMention] = {}
        order: dict[str, int] = {}
        variants: dict[str, str] = {}
        for candidate in sorted(candidates, key=lambda c: (not c.known, c.start)):
            # "Siklon Tropis Seroja", "serial Squid Game", "kota General Santos"; but a name that speaks or holds a
            # title is a person's: "Sutradara film Joko Anwar mengatakan".
            if not (candidate.known or candidate.speech or candidate.titled) and NOT_A_PERSON_BEFORE.search(
                text[max(candidate.start - 30, 0): candidate.start]
            ):
                continue
            name, known = self._resolve(candidate, full_names)
            if not name or name.casefold() in self._rejected:
                continue
            name = variants.setdefault(name_variant_key(name), name)  # "Zelenskyy" after "Zelensky": one person
            if name not in mentions:
                mentions[name] = PersonMention(name=name, known=known, context=candidate.sentence.strip()[:300])
                order[name] = candidate.start
            else:
                order[name] = min(order[name], candidate.start)
        return sorted(mentions.values(), key=lambda mention: order[mention.name])

    def _resolve(self, candidate: Found, full_names: set[str]) -> tuple[str, bool]:
        """Return the canonical name a candidate stands for, linking short mentions to full names."""
        name = candidate.name
        if candidate.known:
            return name, True
        if name in self._canonical:
            return self._canonical[name], True
        if (variant := self._variants.get(name_variant_key(name))) is not None:
            return variant, True
        tokens = name.split()
        # "Gerindra Prabowo Subianto": a known name at the end of a longer run is that person.
        for cut in range(1, len(tokens) - 1):
            tail = " ".join(tokens[cut:])
            if tail in self._canonical:
                return self._canonical[tail], True
            if (variant := self._variants.get(name_variant_key(tail))) is not None:
                return variant, True
        tokens = [t.rstrip(".") for t in tokens]
        bare = [t[3:] if t.startswith(("al-", "Al-", "el-")) else t for t in tokens]
        longer = [
            full for full in full_names
            if len(full.split()) >= len(tokens) and full != name and (
                contains_run([t.rstrip(".") for t in full.split()], tokens)
                or len(tokens) == 1 and bare[0] in [t[3:] if t[2:3] == "-" else t for t in full.split()]
            )
        ]
        if len(longer) == 1:
            if longer[0] in self._canonical:
                return self._canonical[longer[0]], True
            return longer[0], False
        if len(longer) > 1:
            return "", False
        # (The dictionary test last: stemming a word it does not know is the slowest step of extraction.)
        if len(tokens) == 2 and (tokens[-1] in self._canonical or any(
            tokens[-1] in [t.rstrip(".") for t in full.split()] for full in full_names if full != name
        )) and is_common_word(tokens[0]):
            return "", False  # "Lawatan Retno", "Kunjungan Putin": a word before someone's short name.
        if len(tokens) == 1:
            if candidate.titled and name in self._unique_last:
                return self._unique_last[name], True
            if not candidate.strong:
                return "", False
        return name, False
