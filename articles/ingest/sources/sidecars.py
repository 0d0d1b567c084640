"""Sidecar files: a ``NAME.url`` or ``NAME.json`` beside ``NAME.txt`` or ``NAME.html`` that says where the page came
from. Browsers save a link as an InternetShortcut ``.url`` file; scrapers write a ``.json`` of the fetch.

>>> hints_from_sidecar("a.url", b"[InternetShortcut]\\r\\nURL=https://www.tempo.co/read/1\\r\\n").url
'https://www.tempo.co/read/1'
>>> hints_from_sidecar("a.url", b"https://www.tempo.co/read/1\\n").source
'sidecar'
"""

from __future__ import annotations

import json

from ..types import PageHints
from .fields import FieldError, hints_from_object, parse_url

# The sidecar suffixes, in the order they are looked for: a .json sidecar says more than a .url one, so it wins.
SIDECAR_SUFFIXES = (".json", ".url")
# A sidecar is a few hundred bytes; anything past this is not one, and is not read.
MAX_SIDECAR_BYTES = 64 * 1024


class SidecarError(ValueError):
    """A sidecar that exists but cannot be read as one; the page it describes is reported with this reason."""


def sidecar_stems(name: str) -> list[str]:
    """Return the sidecar names to look for beside a page, best first: 'a/b.html' -> ['a/b.json', 'a/b.url']."""
    stem = name.rsplit(".", 1)[0]
    return [stem + suffix for suffix in SIDECAR_SUFFIXES]


def _url_file(data: str) -> str:
    """Return the URL of a .url file: an InternetShortcut's ``URL=`` line, or else its first non-blank line."""
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    if lines and lines[0].lower() == "[internetshortcut]":
        for line in lines[1:]:
            if line.lower().startswith("url="):
                return line[4:]
        raise FieldError("InternetShortcut without a URL= line")
    if not lines:
        raise FieldError("empty")
    return lines[0]


def hints_from_sidecar(name: str, data: bytes) -> PageHints:
    """Return the hints of one sidecar file's bytes, or raise SidecarError saying what is wrong with it."""
    if len(data) > MAX_SIDECAR_BYTES:
        raise SidecarError(f"sidecar {name}: larger than {MAX_SIDECAR_BYTES // 1024} KB, not a sidecar")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SidecarError(f"sidecar {name}: not UTF-8 (byte {error.start})") from None
    try:
        if name.lower().endswith(".url"):
            return PageHints(url=parse_url(_url_file(text)), source="sidecar")
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise FieldError(f"not JSON ({error.msg} at line {error.lineno})") from None
        if not isinstance(record, dict):
            raise FieldError(f"not a JSON object but {type(record).__name__}")
        return hints_from_object(record, source="sidecar")
    except FieldError as error:
        raise SidecarError(f"sidecar {name}: {error}") from None
