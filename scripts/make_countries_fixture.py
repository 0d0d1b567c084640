"""Write fixtures/countries.json: every ISO 3166-1 country with its Indonesian and English names and aliases.

Names come from Babel (CLDR, Indonesian and English) and pycountry (ISO 3166-1); aliases add the press's forms
from articles/ingest/countries.py. Run again after changing those: python scripts/make_countries_fixture.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest.countries import country_names  # noqa: E402


def main() -> None:
    records = []
    table = country_names()
    for code in sorted(table):
        entry = table[code]
        records.append({"model": "articles.country", "fields": {
            "code": code, "name_id": entry["name_id"], "name_en": entry["name_en"],
        }})
        for alias in entry["aliases"]:
            records.append({"model": "articles.countryalias", "fields": {"country": [code], "name": alias}})
    target = ROOT / "fixtures" / "countries.json"
    target.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {len(table)} countries and {len(records) - len(table)} aliases to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
