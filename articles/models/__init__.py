"""The archive's records: outlets, countries, people, rejected names, articles and their entity links.

One module per concern (reference records, the archive, the records of its running); every model is imported here,
where Django and the callers find it (``from articles.models import Article``).
"""

from .archive import (
    URL_MAX_LENGTH,
    Article,
    ArticleCountry,
    ArticlePerson,
    ArticleRevision,
    LinkOrigin,
    LinkQuerySet,
    StoryBand,
    UndatedArticle,
    text_sha256,
)
from .operations import LoginFailure, PendingIndex
from .reference import (
    Country,
    CountryAlias,
    CountryAliasManager,
    CountryManager,
    DiscoveredPerson,
    Outlet,
    Person,
    PersonAlias,
    PersonAliasManager,
    PersonRedirect,
    RejectedName,
    RejectedNameManager,
    SlugNaturalKeyManager,
)
from .search import SearchDocument, SearchWord

__all__ = [
    "Article",
    "ArticleCountry",
    "ArticlePerson",
    "ArticleRevision",
    "Country",
    "CountryAlias",
    "CountryAliasManager",
    "CountryManager",
    "DiscoveredPerson",
    "LinkOrigin",
    "LinkQuerySet",
    "LoginFailure",
    "Outlet",
    "PendingIndex",
    "Person",
    "PersonAlias",
    "PersonAliasManager",
    "PersonRedirect",
    "SearchDocument",
    "SearchWord",
    "RejectedName",
    "RejectedNameManager",
    "SlugNaturalKeyManager",
    "URL_MAX_LENGTH",
    "StoryBand",
    "UndatedArticle",
    "text_sha256",
]
