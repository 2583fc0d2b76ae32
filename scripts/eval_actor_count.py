"""Compare the actors of a database built from the shared evaluation articles
with the distinct real actors of their hand-made gold annotations.

    target/release/eventgraph --db /tmp/e25.db ingest ../shared/eval/articles/
    python3 scripts/eval_actor_count.py --db /tmp/e25.db

The gold files are read from $EVENTGRAPH_SHARED/eval/gold (default
../shared); tests/resolve_eval.rs counts the gold actors the same way.

The gold files list, per article, every actor with an id that is shared
across articles ("kerry" in five files is one person). Distinct ids, places
left out, are the real actors; the counted kinds are the ones the issue
names (person, organization, country). Groups are listed apart: most are
descriptions of unnamed sets ("reporters", "aides"), not one actor.
Each database actor is matched to the gold ids whose names or aliases it
carries (normalised: lowercase, no punctuation, no leading "the").
Data preparation and comparison only: the tool and its tests need no Python.
"""

import argparse
import collections
import glob
import json
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("person", "organization", "country")


def norm(s):
    s = s.lower().replace("\u2019", "'")
    s = re.sub(r"^the ", "", s)
    return re.sub(r"[^a-z0-9 ]", "", s).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    shared = os.environ.get("EVENTGRAPH_SHARED") or os.path.join(ROOT, "..", "shared")
    ap.add_argument("--gold", default=os.path.join(shared, "eval", "gold"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "eventgraph"))
    args = ap.parse_args()

    gold = {}
    for path in sorted(glob.glob(os.path.join(args.gold, "*.json"))):
        with open(path, encoding="utf-8") as f:
            for a in json.load(f)["actors"]:
                if a["kind"] == "place":
                    continue
                g = gold.setdefault(a["id"], {"name": a["name"], "kind": a["kind"], "names": set()})
                g["names"] |= {norm(x) for x in a["aliases"] + [a["name"]]}
    out = subprocess.run(
        [args.bin, "--db", args.db, "actors", "--format", "json"],
        check=True,
        capture_output=True,
    ).stdout
    ours = json.loads(out)

    by_kind = collections.Counter(g["kind"] for g in gold.values())
    real = sum(by_kind[k] for k in KINDS)
    ours_kind = collections.Counter(a["kind"] for a in ours)
    ours_real = sum(ours_kind[k] for k in KINDS)
    print(f"gold: {len(gold)} distinct actors: " + ", ".join(f"{k} {by_kind[k]}" for k in sorted(by_kind)))
    print(f"gold persons, organisations, countries: {real}")
    print(f"database: {len(ours)} actors: " + ", ".join(f"{k} {ours_kind[k]}" for k in sorted(ours_kind)))
    print(f"database persons, organisations, countries: {ours_real} ({100.0 * (ours_real - real) / real:+.1f}%)")

    matched = collections.defaultdict(list)
    unmatched = []
    for a in ours:
        names = {norm(a["name"])} | {norm(x) for x in a.get("aliases", [])}
        hits = [gid for gid, g in gold.items() if names & g["names"]]
        for h in hits:
            matched[h].append(a["name"])
        if not hits:
            unmatched.append(f"{a['name']} ({a['kind']})")
    print("database actors matching no gold actor:", "; ".join(unmatched) or "none")
    print("gold ids matched by two database actors:",
          "; ".join(f"{k}: {' / '.join(v)}" for k, v in sorted(matched.items()) if len(v) > 1) or "none")
    missing = [f"{g['name']} ({g['kind']})" for k, g in sorted(gold.items()) if k not in matched and g["kind"] in KINDS]
    print(f"gold persons, organisations, countries not found ({len(missing)}):", "; ".join(missing))


if __name__ == "__main__":
    main()
