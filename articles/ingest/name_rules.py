"""The rules that find the names a gazetteer lacks, from the cues around a run of capitalised words (``cues.py``).

A run's leading role, place and honorific words are read off ("Presiden Suriah Bashar al-Assad" -> "Bashar
al-Assad", with a role); what is left is a name only with a cue beside it, and only if it is not a body's, a place's
or a country's name, a word of the language, an outlet or a rejected name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .cues import (
    ACRONYM_AFTER,
    AFTER_CUE_WORDS,
    AGE_AFTER,
    APPOSITIVE_END,
    AS_ROLE_AFTER,
    BEFORE_CUE_TOKENS,
    BEFORE_CUE_WORDS,
    COMMA_NAME_AFTER,
    CONNECTOR,
    CUE_WINDOW,
    ENGLISH_ROLE_AFTER,
    HEAD_WORD,
    LOWER_ROLE_BEFORE,
    LOWER_WORDS,
    ORIGIN_AFTER,
    PLACE_AFTER,
    PLACE_CUE_BEFORE,
    PREPOSITION_BEFORE,
    ROLE_CONTINUES_AFTER,
    ROLE_CUE_CHARS,
    SINGLE_NOT_NAME_AFTER,
    SPEECH_AFTER_RE,
    SPEECH_BEFORE_RE,
    SPEECH_CUE_CHARS,
    after_last_body_word,
    capitalised_runs,
    has_particle,
    is_heading,
    named_before,
    split_pair,
    split_sentences,
)
from .lexicon import (
    ACRONYM,
    FUNCTION_WORDS,
    LEADING_CONJUNCTIONS,
    NOT_PEOPLE,
    ORG_WORDS,
    PLACE_FIRST_WORDS,
    PLACE_NAMES,
    PLACE_ROLES,
    PORTFOLIO_WORDS,
    REGIONS,
    ROLE_WORDS,
    has_body_word,
    is_affixed_word,
    is_common_word,
)
from .names import HONORIFIC_WORDS, NOT_NAME_WORDS, strip_honorifics
from .outlets import is_outlet_name

_STRIP_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Found:
    """A name the gazetteer or a rule found: where, in which sentence, and how sure."""

    name: str
    start: int
    sentence: str
    known: bool
    strong: bool
    # Found after a capitalised title ("Presiden Putin"): a lone surname may be linked to the gazetteer.
    titled: bool = False
    # Found by a speech verb ("kata Destry"): a lone name that vouches for a full name elsewhere in the story.
    speech: bool = False


class NameRules:
    """Read runs of capitalised words into people's names; the base of ``people.PeopleFinder``."""

    def __init__(
        self,
        *,
        canonical: dict[str, str],
        rejected: Iterable[str],
        country_words: frozenset[str],
        country_forms: Mapping[str, str | None],
    ):
        """``canonical``: every known form -> canonical name; ``country_words`` and ``country_forms``: the country
        matcher's single words ("Rusia", "Korea") and its forms (abbreviations as written, names case-folded)."""
        self._canonical = canonical
        self._rejected = {name.casefold() for name in rejected} | NOT_PEOPLE
        self._country_words = country_words
        self._country_code = country_forms
        self._strip_cache: dict[tuple[str, ...], tuple[list[str], bool, bool, bool]] = {}

    def _read_run(self, words: Sequence[str]) -> tuple[tuple[str, ...], bool, bool, bool]:
        """Return (name words, had a role, a role that takes a place, names only a body or a place) of a run.

        The role, place and honorific words that lead a run are dropped. Cached: runs recur across stories.
        """
        key = tuple(words)
        cached = self._strip_cache.get(key)
        if cached is None:
            cached = self._strip_cache[key] = (*self._strip_roles_uncached(key), self._is_body_run(key))
            if len(self._strip_cache) > _STRIP_CACHE_SIZE:
                self._strip_cache.clear()
        return cached

    def _strip_roles_uncached(self, words: list[str]) -> tuple[list[str], bool, bool]:
        had_role = False
        place_role = False
        place_named = False
        index = 0
        while index < len(words):
            word = words[index].rstrip(".,")
            plain = word.rstrip(".")
            if plain in ROLE_WORDS:
                had_role = True
                place_role = place_role or plain in PLACE_ROLES
            elif plain in FUNCTION_WORDS:
                had_role = had_role or plain in ("Menurut", "Kata", "Ujar", "Tutur")
            elif had_role and (plain in PORTFOLIO_WORDS or plain in REGIONS or ACRONYM.match(plain)
                               or plain in self._country_words):
                place_named = place_named or plain in REGIONS or plain in self._country_words
                place_role = place_role or plain in PLACE_ROLES  # "Kepala Desa ...": the village's name comes next
            elif word in HONORIFIC_WORDS or plain in HONORIFIC_WORDS:
                pass
            else:
                break
            index += 1
        # A role that takes a place ("Gubernur Jawa Barat") and got one needs no guess about an unknown place.
        return words[index:], had_role, place_role and not place_named

    def _is_body_run(self, words: list[str]) -> bool:
        """Return True for a run of only an institution's or a place's words: "Fraksi Partai Golkar", "Amerika Serikat"."""
        return all(
            (plain := word.rstrip(".,")) in PORTFOLIO_WORDS or plain in ORG_WORDS or plain in REGIONS
            or plain in self._country_words or plain in ROLE_WORDS or ACRONYM.match(plain)
            for word in words
        )

    def _candidate(self, words: list[str], *, place_role: bool) -> str:
        """Return the person's name in ``words`` (role words already stripped), or ''."""
        # Trailing words that end a name run without being part of it: "Jokowi Senin", "Putin WIB".
        while words and (words[-1].rstrip(".,") in NOT_NAME_WORDS or words[-1].rstrip(".,") in FUNCTION_WORDS):
            words = words[:-1]
        if place_role and len(words) >= 3 and words[0] not in self._canonical:
            words = words[1:]
        while words and words[0] in LEADING_CONJUNCTIONS:
            words = words[1:]  # "Yaitu Budi Santoso": a list opened by its word, the name follows
        # "Perikanan Sulsel Muhammad Ilyas", "Kekuatan Rakyat Han Dong-hoon": the end of a body's name before a person's.
        while len(words) >= 3 and (is_affixed_word(words[0]) or words[0] in REGIONS or words[0] in PORTFOLIO_WORDS):
            words = words[1:]
        if words and is_affixed_word(words[0]) or self._is_body_run(words):
            return ""  # "Penyelenggaraan Haji", "Perwakilan Rakyat": the rest of a body's name.
        if not words or len(words) > 5:
            return ""
        name = strip_honorifics(" ".join(words)).rstrip(".,")
        if "'s" in name:
            name = name[: name.index("'s")]  # "Prabowo Subianto's Cabinet": the owner.
        name = name.rstrip("'")
        if re.search(r"[A-Za-z]-[A-Z]", name.replace("al-", "").replace("Al-", "").replace("el-", "")):
            return ""  # "Prabowo-Hatta", "Sudirman-Thamrin": a ticket or a place, not one person.
        tokens = name.split()
        if not tokens or tokens[0] in ROLE_WORDS or any(t.rstrip(".,") in ORG_WORDS for t in tokens):
            return ""
        if all(ACRONYM.match(t) for t in tokens) or any(ch.isdigit() for ch in name):
            return ""
        if name.casefold() in self._rejected or name.casefold() in self._country_code or is_outlet_name(name):
            return ""
        if len(tokens) == 1 and (len(name) < 3 or name in self._country_words or name in REGIONS):
            return ""
        if tokens[0] in PLACE_NAMES or tokens[0] in self._country_words or tokens[0] in PLACE_FIRST_WORDS:
            return ""  # "Bali Nine", "Jakarta Selatan": a place leads the run.
        return name

    def _rule_names(self, text: str) -> list[Found]:
        found: list[Found] = []
        for offset, sentence in split_sentences(text):
            if is_heading(sentence):
                continue  # Subheadings are Title Case: every word would look like a name.
            found.extend(self._sentence_rule_names(offset, sentence))
        return found

    def _sentence_rule_names(self, offset: int, sentence: str) -> list[Found]:
        found: list[Found] = []
        runs = capitalised_runs(sentence)
        role_open_until = -1  # end of a run that opened a role whose name comes in a later run
        body_run_end = -1  # end of the last run made only of a body's or a place's words
        for index, (start, end, words) in enumerate(runs):
            # Cues stand right next to a name: look at a short window, not the whole sentence, on each side.
            window = max(0, start - CUE_WINDOW)
            after = sentence[end: end + CUE_WINDOW]
            name_words, had_role, place_role, body_run = self._read_run(words)
            # "anggota Fraksi Partai Golkar, Chairun Nisa, ..." / "pelari Amerika Serikat, Anthony Schwartz dan ...":
            # a name set off by commas right after a body's or a place's name is a person.
            appositive = (
                body_run_end >= 0 and len(words) >= 2 and sentence[body_run_end: start].strip() == ","
                and bool(APPOSITIVE_END.match(after))
            )
            body_run_end = end if body_run else -1
            gap = sentence[role_open_until: start] if role_open_until >= 0 else None
            role_continues = gap is not None and bool(CONNECTOR.match(gap))
            # The lowercase words just before the run: without a word of some cue among them, no cue can stand there.
            role_window = max(0, start - ROLE_CUE_CHARS)
            cue_before = not BEFORE_CUE_WORDS.isdisjoint(
                LOWER_WORDS.findall(sentence, role_window, start)[-BEFORE_CUE_TOKENS:]
            )
            # The word after the run opens every cue after it, or punctuation does: most words open none.
            cue_after = HEAD_WORD.match(after)[1] in AFTER_CUE_WORDS
            if not (had_role or role_continues or appositive or cue_before or cue_after or has_particle(name_words)):
                # No cue on either side and no particle of descent: no rule below can take the run (most runs; the
                # regexes below would all fail). It opens no role for the next run either.
                role_open_until = -1
                continue
            lower_role = cue_before and bool(LOWER_ROLE_BEFORE.search(sentence, role_window, start))
            # "Kepala Badan Geologi (PVMBG)" or "warga Skouw Mabo, Obet Kogoya": the run names a body or a place;
            # the person, if any, follows in the next run.
            place_then_name = lower_role and PLACE_CUE_BEFORE.search(sentence, window, start) \
                and COMMA_NAME_AFTER.match(after)
            if not name_words or ACRONYM_AFTER.match(after) or place_then_name:
                role_open_until = end if had_role or role_continues or lower_role else -1
                continue
            opened_at, role_open_until = role_open_until, -1
            role = had_role or lower_role or role_continues or appositive
            # Without a role, a run is a name only by a cue beside it; most runs have none (cheapest cues first).
            age_after = cue_after and bool(AGE_AFTER.match(after))
            speech_after = cue_after and bool(SPEECH_AFTER_RE.match(after))
            speech_before = cue_before and bool(
                SPEECH_BEFORE_RE.search(sentence, max(0, start - SPEECH_CUE_CHARS), start)
            )
            origin_after = cue_after and bool(
                ORIGIN_AFTER.match(after) or AS_ROLE_AFTER.match(after) or ENGLISH_ROLE_AFTER.match(after)
            )
            cued = role or age_after or speech_after or speech_before or origin_after
            if not (cued or has_particle(name_words)):
                continue
            if role_continues:
                name_words, _, _, _ = self._read_run(["Menteri", *name_words])
                # "... Haji dan Umrah Hilman Latief": after "X dan", the first word pairs with X in the role.
                previous_words = sentence[:opened_at].split()
                previous_word = previous_words[-1] if previous_words else ""
                if len(name_words) >= 3 and name_words[0] == words[0] and gap.strip() == "dan" \
                        and is_common_word(previous_word):
                    name_words = name_words[1:]
            name_words = after_last_body_word(name_words)
            if not (cued or has_particle(name_words)):
                continue
            before = sentence[window: start]
            if not role and PREPOSITION_BEFORE.search(sentence, window, start):
                continue  # "di Rio memastikan": after "di" or "ke" comes a place.
            if role and ROLE_CONTINUES_AFTER.match(after) and index + 1 < len(runs) and has_body_word(
                runs[index + 1][2]
            ):
                # "Kepala Bidang Mitigasi Gempa Bumi dan Tsunami BMKG Rahmat Triyono": still the role.
                role_open_until = end
                continue
            place_after = PLACE_AFTER.match(after)
            if place_after and (place_after["place"] in self._country_words or place_after["place"] in REGIONS):
                continue  # "Rio de Janeiro, Brasil": a city.
            emitted = len(found)
            named = named_before(before)
            for part in split_pair(name_words):
                name = self._candidate(part, place_role=place_role)
                if not name:
                    continue
                single = len(name.split()) == 1
                if single and (SINGLE_NOT_NAME_AFTER.match(after) or place_role):
                    continue  # "Bupati Bantaeng": after a role that takes a place, a lone word is the place.
                if single and not (age_after or named) and is_common_word(name):
                    continue  # "Kepala Divisi Profesi": a word of the language, not a name.
                if after.lstrip().startswith("/"):
                    role_open_until = end  # A doubles pair: "Chen Qingchen/Jia Yifan".
                strong = not single or had_role or age_after or named
                found.append(Found(name, offset + start, sentence, known=False, strong=strong,
                                    titled=had_role, speech=speech_before or speech_after))
            if len(found) == emitted and had_role:
                role_open_until = end  # "Direktur Jenderal Penyelenggaraan Haji dan Umrah Hilman Latief".
        return found
