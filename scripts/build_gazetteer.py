"""Build ``nlp_pipeline/data/countries.json`` from pycountry and countryinfo.

ISO 3166-1 (pycountry) gives ids and official names; countryinfo gives short forms,
capitals and demonyms. ``nlp_pipeline/data/countries_extra.json`` holds the hand
additions a news reader needs (``U.S.``, ``DPRK``, ``NKorea``, Kosovo) with a reason each.

Run: ``python scripts/build_gazetteer.py`` (needs the ``gazetteer`` extra).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

DATA = Path(__file__).resolve().parents[1] / "nlp_pipeline" / "data"


def _latin(text: str) -> bool:
    """Keep ASCII-ish names; native-script spellings never occur in English news."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return len(folded) >= len(text) * 0.9


def _clean(name: str) -> str:
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", name).strip())


def _inverted(name: str) -> bool:
    """ISO list names such as ``Korea, Republic of`` are not how news writes them."""
    return "," in name or "(" in name


def _demonyms(value: str | list[str] | None) -> list[str]:
    """countryinfo lists a two-part country's demonyms in one string
    (``Bosnian,Herzegovinian``, ``Kittian and Nevisian``): one entry each, so that
    ``Bosnian`` matches. ``Heard and McDonald Islander`` names one people and stays."""
    out = []
    for entry in [value] if isinstance(value, str) else value or []:
        for part in re.split(r"\s*[,/]\s*", entry):
            words = part.split(" and ")
            one_word = len(words) == 2 and all(" " not in w for w in words)
            out += [w.strip() for w in words] if one_word else [part.strip()]
    return [d for d in dict.fromkeys(out) if d]


def build() -> list[dict]:
    info_by_iso: dict[str, dict] = {}
    for entry in CountryInfo.all().values():
        iso = (entry.get("ISO") or {}).get("alpha3")
        if iso and iso not in info_by_iso:
            info_by_iso[iso] = entry
    extra = json.loads((DATA / "countries_extra.json").read_text(encoding="utf-8"))
    countries = []
    for country in pycountry.countries:
        iso = country.alpha_3
        info = info_by_iso.get(iso, {})
        name = getattr(country, "common_name", None) or info.get("name") or country.name
        names = [
            name,
            country.name,
            getattr(country, "official_name", ""),
            info.get("name", ""),
        ]
        names += [s for s in info.get("altSpellings", []) if len(s) > 3]
        aliases = []
        for alias in map(_clean, names):
            if alias and _latin(alias) and not _inverted(alias) and alias not in aliases:
                aliases.append(alias)
        capitals = info.get("capital") or []
        demonyms = _demonyms(info.get("demonym"))
        countries.append(
            {
                "id": iso,
                "name": name,
                "aliases": aliases,
                "capitals": [capitals] if isinstance(capitals, str) else capitals,
                "demonyms": demonyms,
            }
        )
    by_id = {c["id"]: c for c in countries}
    for add in extra["countries"]:
        if add["id"] in by_id:
            continue
        by_id[add["id"]] = {k: add.get(k, []) for k in ("aliases", "capitals", "demonyms")} | {
            "id": add["id"],
            "name": add["name"],
        }
    for iso, fields in extra["additions"].items():
        entry = by_id[iso]
        if "name" in fields:
            entry["name"] = fields["name"]
        for key in ("aliases", "capitals", "demonyms"):
            entry[key] = list(dict.fromkeys(entry[key] + fields.get(key, [])))
    for iso, values in extra["drop_aliases"].items():
        entry = by_id[iso]
        for key in ("aliases", "capitals", "demonyms"):
            entry[key] = [v for v in entry[key] if v not in values]
    for entry in by_id.values():
        entry["ambiguous"] = sorted(set(extra["ambiguous"]) & set(entry["aliases"]))
        if entry["name"] not in entry["aliases"]:
            entry["aliases"].insert(0, entry["name"])
    _resolve_collisions(by_id, set(extra["preferred"]))
    return sorted(by_id.values(), key=lambda c: c["id"])


def _resolve_collisions(by_id: dict[str, dict], preferred: set[str]) -> None:
    """A term naming several entries goes to the preferred one, or to none."""
    owners: dict[str, set[str]] = {}
    for iso, entry in by_id.items():
        for key in ("aliases", "capitals", "demonyms"):
            for term in entry[key]:
                owners.setdefault(term, set()).add(iso)
    for term, isos in owners.items():
        if len(isos) < 2:
            continue
        keep = isos & preferred
        for iso in isos - keep if len(keep) == 1 else isos:
            entry = by_id[iso]
            for key in ("aliases", "capitals", "demonyms"):
                entry[key] = [t for t in entry[key] if t != term]


def main() -> None:
    countries = build()
    out = DATA / "countries.json"
    out.write_text(json.dumps(countries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(countries)} countries to {out}")


if __name__ == "__main__":
    main()
