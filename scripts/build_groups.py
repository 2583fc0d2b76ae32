"""Build data/lexicon/groups.tsv: groups of people ICEWS names as actors.

Source: the actor names of the ICEWS event data (../shared/data/icews), bare
or in the brackets of "Sector (Group)": names of the form "<demonym> <plural
noun>" whose noun is not an ordinary English word ("Iraqi Kurds", not "Thai
Airways"), the country being the demonym's.
Run: python3 scripts/build_groups.py (after build_countries.py)
"""

import collections
import glob
import os
import re

from lexdata import ICEWS, OUT, dictionary_lowercase_words, read_tsv, write_tsv


def main():
    demonyms = {}
    for r in read_tsv(os.path.join(OUT, "countries.tsv")):
        for d in r["demonyms"].split("|"):
            if d:
                demonyms.setdefault(d, r["code"])
    counts = collections.Counter()
    for path in sorted(glob.glob(os.path.join(ICEWS, "*.tsv"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cells = line.rstrip("\n").split("\t")
                if len(cells) != 4:
                    continue
                for actor in (cells[0], cells[2]):
                    m = re.fullmatch(r"(.*) \((.*)\)", actor)
                    counts[m.group(2) if m else actor] += 1
    rows = []
    for name in sorted(counts):
        words = name.split()
        if (
            len(words) == 2
            and words[0] in demonyms
            and re.fullmatch(r"[A-Z][a-z]+s", words[1])
            # a people ("Kurds"), not a thing ("Railways", "Airways")
            and words[1].lower() not in dictionary_lowercase_words()
        ):
            rows.append((name, demonyms[words[0]], "", "icews"))
    write_tsv("groups.tsv", ("name", "country", "aliases", "source"), rows)


if __name__ == "__main__":
    main()
