"""Build data/lexicon/people.tsv: political actors named in ICEWS.

Source: the actor names of the ICEWS event data (../shared/data/icews, the
mmkb ICEWS14 and ICEWS05-15 splits). A name is taken as a person when it has
2 to 5 capitalised words, is named at least twice, and is neither an
organisation (no word such as Party, Council, Army), nor a country, city or
region of the other lexicon files.

Country: ICEWS gives none for people; it is inferred when at least
MIN_DOMESTIC events link the person with domestic actors of one country
("Citizen (Ukraine)", "Police (Ukraine)", "Protester (Ukraine)", ...) and that
country has at least DOMESTIC_SHARE of them; otherwise it stays empty.
Variants: the name without an East Slavic patronymic (Sergey Viktorovich
Lavrov -> Sergey Lavrov), the Sergey/Sergei spelling of such first names,
first and last word of other three-word names (Uhuru Muigai Kenyatta ->
Uhuru Kenyatta), the names without diacritics (François -> Francois), "al-"
for "Al-". A variant that is also another person's name, or that two
people share, is dropped.
Title: a leading royal or papal title in the name ("Emperor Akihito");
others and terms are not in the source and stay empty.
Run: python3 scripts/build_people.py (after build_countries/cities/regions/organizations)
"""

import collections
import glob
import os
import re

from build_organizations import ORG_WORDS
from lexdata import ICEWS, OUT, ascii_fold, join, read_tsv, write_tsv

MIN_MENTIONS = 2
MIN_DOMESTIC = 5
DOMESTIC_SHARE = 0.75
# ICEWS sectors whose members act inside their own country
DOMESTIC_SECTORS = {
    "Police", "Citizen", "Criminal", "Lawyer/Attorney", "Media Personnel", "Legislature",
    "Employee", "Women", "Men", "Party Member", "Children", "Protester",
    "Member of the Judiciary", "City Mayor", "Activist", "Member of Parliament", "Student",
    "Member of Legislative", "Lawmaker", "Political Parties", "Court Judge", "Education",
    "Labor Union", "Justice Department/Ministery", "Domestic Affairs", "Population",
    "People Associated with the Opposition", "Governor", "Detainee", "Medical Personnel",
    "Healthcare Facility", "Voter", "Farm Worker", "Villager", "Journalist",
}
PARTICLES = {"al", "bin", "ibn", "de", "del", "da", "dos", "van", "von", "der", "la", "le", "el", "y", "of"}
# words that make a name a role or a group, not a person
ROLE_WORDS = {
    "Minister", "Ministers", "Defense", "Defence", "Affairs", "Secretary", "Officials",
    "Leaders", "Members", "Government", "State", "Republic", "Islands", "Kingdom",
}
# a leading title kept as the person's title ("Emperor Akihito")
TITLES = {"Emperor", "Empress", "King", "Queen", "Pope", "Prince", "Princess", "Crown Prince"}
PATRONYMIC = re.compile(r"^[A-Z][a-z]+(ovich|evich|yevich|ich|ovna|evna|yevna|ichna)$")


def read_icews():
    rows = []
    for path in sorted(glob.glob(os.path.join(ICEWS, "*.tsv"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cells = line.rstrip("\n").split("\t")
                if len(cells) == 4:
                    rows.append(cells)
    return rows


def known_places_and_orgs():
    names = set()
    for fn, cols in (
        ("countries.tsv", ("name", "aliases", "demonyms", "capital")),
        ("cities.tsv", ("name", "aliases")),
        ("regions.tsv", ("name", "aliases")),
        ("organizations.tsv", ("name", "aliases")),
    ):
        for r in read_tsv(os.path.join(OUT, fn)):
            for c in cols:
                names.update(x for x in r[c].split("|") if x)
    return names


def is_person(name, known):
    if name in known or "(" in name:
        return False
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    if any(w in ORG_WORDS or w in ROLE_WORDS for w in words):
        return False
    if any(len(w) >= 3 and w.isupper() and w.isalpha() for w in words):
        return False  # an acronym: "ASEAN Defense Ministers"
    for w in words:
        if w.lower() in PARTICLES or w.lower().startswith(("al-", "el-")):
            continue
        if not (w[0].isupper() and re.fullmatch(r"[^\W\d_][\w'’.\-]*", w)):
            return False
    return True


def slavic_variants(first):
    """Sergey/Sergei, Dmitry/Dmitri, Yuriy/Yuri: common romanisations of one name."""
    out = set()
    if first.endswith("ey"):
        out.add(first[:-2] + "ei")
    if first.endswith("iy"):
        out.update({first[:-2] + "y", first[:-2] + "i"})
    elif first.endswith("y") and not first.endswith("ey"):
        out.add(first[:-1] + "i")
    return out


def variants(name):
    out = set()
    words = name.split()
    if len(words) == 3 and PATRONYMIC.match(words[1]):
        first, last = words[0], words[2]
        out.add(f"{first} {last}")
        for v in slavic_variants(first):
            out.add(f"{v} {last}")
            out.add(f"{v} {words[1]} {last}")
    elif len(words) == 3 and words[1].lower() not in PARTICLES and not words[1].endswith("."):
        # "Uhuru Muigai Kenyatta" -> "Uhuru Kenyatta"
        out.add(f"{words[0]} {words[2]}")
    for v in list(out | {name}):
        folded = ascii_fold(v)
        if folded != v and len(folded.split()) == len(v.split()):
            out.add(folded)
    for v in list(out | {name}):
        if "Al-" in v:
            out.add(v.replace("Al-", "al-"))
    out.discard(name)
    return out


def main():
    rows = read_icews()
    known = known_places_and_orgs()
    mentions = collections.Counter()
    domestic = collections.defaultdict(collections.Counter)
    for s, _, t, _ in rows:
        mentions[s] += 1
        mentions[t] += 1
        for a, b in ((s, t), (t, s)):
            m = re.fullmatch(r"(.*) \((.*)\)", b)
            if m and m.group(1) in DOMESTIC_SECTORS:
                domestic[a][m.group(2)] += 1
    countries = {}
    for r in read_tsv(os.path.join(OUT, "countries.tsv")):
        for n in [r["name"]] + r["aliases"].split("|"):
            if n:
                countries.setdefault(n, r["code"])
    # ICEWS spellings of countries that differ from ours
    for r in read_tsv(os.path.join(OUT, "countries.tsv")):
        countries.setdefault(r["alpha3"], r["code"])
    out = []
    taken = set()
    for name, n in sorted(mentions.items()):
        if n < MIN_MENTIONS or not is_person(name, known):
            continue
        country = ""
        d = domestic.get(name)
        if d:
            top, k = sorted(d.items(), key=lambda x: (-x[1], x[0]))[0]
            if k >= MIN_DOMESTIC and k >= DOMESTIC_SHARE * sum(d.values()):
                country = countries.get(top, "")
        aliases = {v for v in variants(name) if v not in known and v not in mentions}
        title = name.split()[0] if name.split()[0] in TITLES else ""
        taken.add(name)
        out.append([name, country, title, aliases, "", "", "icews"])
    # a variant shared by two people names neither
    counts = collections.Counter(a for r in out for a in r[3])
    write_tsv(
        "people.tsv",
        ("name", "country", "title", "aliases", "start", "end", "source"),
        [(r[0], r[1], r[2], join(a for a in r[3] if counts[a] == 1 and a not in taken), r[4], r[5], r[6]) for r in out],
    )


if __name__ == "__main__":
    main()
