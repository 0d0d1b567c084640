"""People and countries that a story mentions: the people rules (``people.py``) and the country matcher
(``countries.py``) over gazetteers given as data.

The two share the country words: a run like "Jakarta Selatan" or "Rusia" is a place, never a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .countries import CountryFinder
from .people import PeopleFinder
from .types import PersonMention


class EntityExtractor:
    """Find people and countries in a story, from gazetteers given as data (names in, names out; no ORM)."""

    def __init__(
        self,
        *,
        people: Mapping[str, Iterable[str]],
        countries: Mapping[str, Iterable[str]],
        rejected: Iterable[str] = (),
        blocked_country_phrases: Iterable[str] = (),
    ):
        """``people``: canonical name -> aliases; ``countries``: alpha-2 code -> names and aliases."""
        self._countries = CountryFinder(countries=countries, blocked_phrases=blocked_country_phrases)
        self._people = PeopleFinder(
            people=people, rejected=rejected, country_words=self._countries.words, country_forms=self._countries.forms
        )

    def countries_in(self, text: str) -> list[str]:
        """Return the alpha-2 codes of the countries ``text`` names, in order of first mention."""
        return self._countries.countries_in(text)

    def people_in(self, *, title: str = "", text: str) -> list[PersonMention]:
        """Return the people ``title`` and ``text`` mention, as canonical names in order of first mention."""
        return self._people.people_in(title=title, text=text)

    def extract(self, *, title: str, summary: str, body: str) -> tuple[list[PersonMention], list[str]]:
        """Return (people, country codes) of a story; captions and bylines are not sources."""
        text = "\n".join(part for part in (summary, body) if part)
        people = self.people_in(title=title, text=text)
        # Title and text apart: the text's words are already split for people, and are reused here.
        countries = self.countries_in(title)
        countries += [code for code in self.countries_in(text) if code not in countries]
        return people, countries
