"""Build data/lexicon/organizations.tsv: organisations news names.

Sources: the actor names of the ICEWS event data (../shared/data/icews, the
mmkb ICEWS14 and ICEWS05-15 splits; names that contain an organisation word
such as Council, Party, Agency, Front) and scripts/curated/organizations.tsv
(international organisations and government bodies with their acronyms).
ICEWS names get no generated acronyms: initials proved too ambiguous (NBA
for the Nigerian Bar Association); acronyms come from the curated list.
Run: python3 scripts/build_organizations.py
"""

import collections
import glob
import os
import re

from lexdata import ICEWS, join, read_curated, write_tsv

ORG_WORDS = {
    "Agency", "Alliance", "Army", "Assembly", "Association", "Authority", "Bank",
    "Brigade", "Brigades", "Bureau", "Cabinet", "Center", "Centre", "Coalition",
    "Commission", "Committee", "Community", "Conference", "Congress", "Council",
    "Court", "Department", "Federation", "Force", "Forces", "Foundation", "Front",
    "Fund", "Group", "Guard", "Institute", "League", "Ministry", "Movement",
    "Network", "Nations", "Office", "Organisation", "Organization", "Parliament",
    "Party", "Police", "Press", "Program", "Programme", "Service", "Society",
    "Tribunal", "Union", "University", "Watch",
}
TYPES = [
    ("party", {"Party"}),
    ("military", {"Army", "Forces", "Force", "Brigade", "Brigades", "Guard"}),
    ("police", {"Police"}),
    ("court", {"Court", "Tribunal"}),
    ("legislature", {"Parliament", "Assembly", "Congress"}),
    ("media", {"Press", "News", "Network", "Television"}),
    ("education", {"University", "Institute"}),
    ("government", {"Ministry", "Department", "Cabinet", "Office", "Bureau", "Authority", "Commission"}),
]


def org_type(name):
    words = set(name.replace(",", " ").split())
    for t, keys in TYPES:
        if words & keys:
            return t
    return ""




def icews_names():
    counts = collections.Counter()
    for path in sorted(glob.glob(os.path.join(ICEWS, "*.tsv"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cells = line.rstrip("\n").split("\t")
                if len(cells) != 4:
                    continue
                for actor in (cells[0], cells[2]):
                    m = re.fullmatch(r"(.*) \((.*)\)", actor)
                    if m:
                        # "Sector (Country)": the part in brackets may itself be a group
                        counts[m.group(2)] += 1
                    else:
                        counts[actor] += 1
    return counts


def main():
    rows = {}
    for r in read_curated("organizations.tsv"):
        rows[r["name"]] = [r["name"], r["country"], r["type"], set(filter(None, r["aliases"].split("|"))), "curated"]
    taken = {a for r in rows.values() for a in r[3]} | set(rows)
    icews = []
    for name, n in sorted(icews_names().items()):
        words = name.replace(",", " ").split()
        if name in taken or n < 2 or not any(w in ORG_WORDS for w in words):
            continue
        if not re.fullmatch(r"[A-Z][\w'’.\- ]+", name):
            continue
        icews.append((name, n))
    for name, n in icews:
        aliases = set()
        rows[name] = [name, "", org_type(name), aliases, "icews"]
    write_tsv(
        "organizations.tsv",
        ("name", "country", "type", "aliases", "source"),
        [(r[0], r[1], r[2], join(r[3]), r[4]) for r in rows.values()],
    )


if __name__ == "__main__":
    main()
