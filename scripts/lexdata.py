"""Shared helpers for the lexicon build scripts (data preparation only).

Every script writes one TSV file in data/lexicon/ with a header row, UTF-8,
rows sorted, so that a rebuild with the same package versions gives the same
bytes.
"""

import csv
import json
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "lexicon")
CURATED = os.path.join(ROOT, "scripts", "curated")
# the shared data folder: $EVENTGRAPH_SHARED, else ../shared beside the repository
SHARED = os.environ.get("EVENTGRAPH_SHARED") or os.path.join(ROOT, "..", "shared")
ICEWS = os.path.join(SHARED, "data", "icews")
DICT_WORDS = "/usr/share/dict/american-english"


def pkg_dir(module):
    return os.path.dirname(module.__file__)


def write_tsv(name, header, rows):
    """Write rows (tuples of str) sorted, with a header; no tab/newline in cells."""
    os.makedirs(OUT, exist_ok=True)
    clean = []
    for r in rows:
        assert len(r) == len(header), (name, r)
        cells = []
        for c in r:
            c = "" if c is None else " ".join(str(c).split())
            if "\t" in c or "\n" in c:
                raise ValueError(f"{name}: tab or newline in cell {c!r}")
            cells.append(c)
        clean.append(tuple(cells))
    clean = sorted(set(clean))
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in clean:
            f.write("\t".join(r) + "\n")
    print(f"{path}: {len(clean)} rows")


def read_curated(name):
    """Rows of a hand-written TSV in scripts/curated (header row, '#' comments)."""
    path = os.path.join(CURATED, name)
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for l in lines[1:]:
        cells = l.split("\t")
        cells += [""] * (len(header) - len(cells))
        out.append(dict(zip(header, cells)))
    return out


def join(names):
    """Alias cells: '|'-separated, deduplicated, sorted."""
    return "|".join(sorted({" ".join(n.split()) for n in names if n and n.strip()}))


_dict_lower = None


def dictionary_lowercase_words():
    """Lowercase entries of the SCOWL word list (Debian wamerican): common words."""
    global _dict_lower
    if _dict_lower is None:
        with open(DICT_WORDS, encoding="utf-8") as f:
            _dict_lower = {w.strip() for w in f if w.strip() and w[0].islower()}
    return _dict_lower


def zipf(word):
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_common_word(name):
    """A name that is also an ordinary English word (Nice, Reading, Mobile, Of).

    True when every word of the name is a lowercase entry of the SCOWL word
    list and the name is frequent in English (wordfreq Zipf >= 3.0).
    """
    words = name.split()
    lower = dictionary_lowercase_words()
    if not all(w.lower() in lower for w in words):
        return False
    return zipf(name.lower()) >= 3.0


_first_names = None


def person_names():
    """Frequent US census first names (500 male, 500 female) and surnames
    (1,000) from the `names` package."""
    global _first_names
    if _first_names is None:
        import names

        d = pkg_dir(names)
        s = set()
        for fn, limit in (("dist.male.first", 500), ("dist.female.first", 500), ("dist.all.last", 1000)):
            with open(os.path.join(d, fn), encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i >= limit:
                        break
                    s.add(line.split()[0].capitalize())
        _first_names = s
    return _first_names


_icews_tokens = None


def icews_person_tokens():
    """Words of the people ICEWS names: bare actor names of 2-4 capitalised
    words, named at least twice, that are not countries and have no
    organisation word ("Barack Obama" gives Barack and Obama)."""
    global _icews_tokens
    if _icews_tokens is None:
        import collections
        import glob

        import pycountry

        country_names = set()
        for c in pycountry.countries:
            country_names.update({c.name, getattr(c, "common_name", c.name)})
        org_words = {
            "Agency", "Army", "Bank", "Council", "Court", "Forces", "Front", "Fund",
            "Ministry", "Movement", "Nations", "Organization", "Party", "Union", "Press",
        }
        counts = collections.Counter()
        for path in sorted(glob.glob(os.path.join(ICEWS, "*.tsv"))):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    cells = line.rstrip("\n").split("\t")
                    if len(cells) == 4:
                        counts[cells[0]] += 1
                        counts[cells[2]] += 1
        tokens = set()
        for name, n in counts.items():
            words = name.split()
            if (
                n >= 2
                and "(" not in name
                and 2 <= len(words) <= 4
                and name not in country_names
                and not any(w in org_words for w in words)
                and all(w[:1].isupper() for w in words)
            ):
                tokens.update(w for w in words if len(w) >= 2)
        _icews_tokens = tokens
    return _icews_tokens


def is_person_name(name):
    """A one-word name that is also a frequent first name or surname (US
    census lists) or a word of a person ICEWS names (Vladimir, Obama)."""
    return " " not in name and (name in person_names() or name in icews_person_tokens())


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def good_english_alias(alt, min_zipf=2.5):
    """An alternate place name worth matching in English news text."""
    if is_person_name(alt):
        return False
    if len(alt) < 4 or not re.fullmatch(r"[A-Z][A-Za-z'\-]*( [A-Z][A-Za-z'\-]*)*", alt):
        return False
    if is_common_word(alt):
        return False
    return zipf(alt.lower()) >= min_zipf


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
