"""The search's query strings: links that add, remove or replace one filter, and the parameters an article carries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict

from articles.web.filters import ArticleSearchFilter


def edited_url(path: str, params: QueryDict, *, add=None, remove=None, replace=None, drop=(),
               keep_page=False) -> str:
    """Return ``path`` with ``params`` changed: add/remove one (param, value), replace a param's values, drop params."""
    # A plain dict of lists, not params.copy() (a deepcopy): a page builds a link for every facet value it shows.
    data = {name: values for name, values in params.lists() if name in ArticleSearchFilter.base_filters}
    if not keep_page:
        data.pop("page", None)
    for name in drop:
        data.pop(name, None)
    if replace:
        for name, values in replace.items():
            data[name] = [values] if isinstance(values, str) else list(values)
    if add:
        name, value = add
        if value not in data.get(name, ()):
            data[name] = [*data.get(name, ()), value]
    if remove:
        name, value = remove
        data[name] = [item for item in data.get(name, ()) if item.strip().lower() != value.lower()]
    # Only the search's own parameters: a thousand unknown ones in a request are not copied into its every link.
    items = [(name, value) for name, values in data.items() if name in ArticleSearchFilter.base_filters
             for value in values if value != ""]
    return path + ("?" + urlencode(items) if items else "")


def without_nul(query: QueryDict) -> tuple[QueryDict, bool]:
    """Return the parameters with NUL characters made spaces (Django's form fields refuse them outright)."""
    cleaned = QueryDict(mutable=True)
    found = False
    for name, values in query.lists():
        found = found or any("\x00" in value for value in values)
        cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", " ") for value in values])
    return cleaned, found


def search_query(params: QueryDict, *, fixed: dict[str, str] | None = None, also: tuple[tuple[str, str], ...] = (),
                 sort: str = "") -> str:
    """Return the search parameters among ``params`` as a query string ("" when there are none): what an article's
    link carries, and what its way back to the results keeps (a campaign's utm_source makes no search to go back to).
    An entity page adds its own entity as a filter and its order, so that the way back is filtered and sorted alike."""
    pairs = [(name, value) for name in ArticleSearchFilter.base_filters for value in params.getlist(name)]
    pairs += [(param, value) for param, value in (fixed or {}).items() if value not in params.getlist(param)]
    # A pair page's second person: the search of both is theirs together (match=all), wherever the link leads.
    pairs += [(param, value) for param, value in also if value not in params.getlist(param)]
    if also and "match" not in params:
        pairs.append(("match", "all"))
    if fixed and "sort" not in params:
        pairs.append(("sort", sort))
    return urlencode(pairs)
