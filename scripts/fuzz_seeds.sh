#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET with seed inputs generated at run time from the
# shared files (../shared, or $EVENTGRAPH_SHARED) and the repository's own
# fixtures. Nothing it writes is committed: fuzz/corpus is git-ignored.
#   scripts/fuzz_seeds.sh [TARGET...]     (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath "${EVENTGRAPH_SHARED:-../shared}")
[ -d "$shared" ] || { echo "fuzz_seeds.sh: no shared folder at $shared" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(article_text html gdelt icews interchange_json conllu petrarch_dicts)

# chunks FILE PREFIX DIR LINES [HEADER] [PICK]: FILE cut into pieces of LINES
# lines (the first HEADER lines repeated at the top of each), each piece
# preceded by the byte PICK when given (the dataset targets' layout byte).
chunks() {
    python3 - "$@" <<'PY'
import os, sys
path, prefix, out, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
header = int(sys.argv[5]) if len(sys.argv) > 5 else 0
pick = bytes([int(sys.argv[6])]) if len(sys.argv) > 6 else b""
lines = open(path, "rb").read().splitlines(keepends=True)
head, body = lines[:header], lines[header:]
for n, k in enumerate(range(0, min(len(body), size * 40), size)):
    with open(os.path.join(out, f"{prefix}-{n:03}"), "wb") as f:
        f.write(pick + b"".join(head + body[k:k + size]))
PY
}

for target in "${targets[@]}"; do
    dir=fuzz/corpus/$target
    mkdir -p "$dir"
    case $target in
    article_text)
        for a in "$shared"/eval/articles/*.txt; do cp "$a" "$dir/$(basename "$a")"; done ;;
    html)
        # each article's paragraphs as a page body, and an entity-rich line
        for a in "$shared"/eval/articles/*.txt; do
            python3 - "$a" "$dir/$(basename "$a" .txt).html" <<'PY'
import html, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
paras = [p.strip() for p in text.split("\n\n") if p.strip()]
body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
open(sys.argv[2], "w", encoding="utf-8").write(
    f"<head><title>t</title><meta property=\"article:published_time\" content=\"2015-04-10\"></head>"
    f"<nav>Home</nav><article>{body}</article><footer>&copy; &#8212; &amp;</footer></body></html>")
PY
        done ;;
    gdelt)
        for f in "$shared"/data/gdelt/*.tsv; do
            for pick in 0 1 2 3; do chunks "$f" "$(basename "$f" .tsv)-$pick" "$dir" 8 0 "$pick"; done
        done ;;
    icews)
        for f in "$shared"/data/icews/*.tsv; do chunks "$f" "$(basename "$f" .tsv)" "$dir" 12 0 2; done
        # the 20-column coded-event layout, made from the facts' rows
        python3 - "$shared/data/icews/icews14_test.tsv" "$dir" <<'PY'
import os, sys
header = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
          "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
          "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n")
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][:240]
for n in range(0, len(rows), 12):
    with open(os.path.join(sys.argv[2], f"events-{n:03}"), "w", encoding="utf-8") as f:
        f.write(chr(1) + header)
        for k, (src, text, tgt, day) in enumerate(rows[n:n + 12]):
            f.write(f"{900000 + n + k}\t{day}\t{src}\tGovernment\tAfghanistan\t{text}\t"
                    f"{40 + k % 20:03}\t{k % 10 - 5}.0\t{tgt}\tCivilian\tPakistan\t{700 + n}\t{k}\t"
                    f"Wire\tKabul\t\tKabul\tAfghanistan\t34.5{k}\t-69.2{k}\n")
PY
        ;;
    interchange_json)
        find tests/fixtures -name '*.json' -size -200k | while read -r f; do
            cp "$f" "$dir/$(echo "$f" | tr / _)"
        done ;;
    conllu)
        f="$shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu"
        python3 - "$f" "$dir" <<'PY'
import os, sys
sents = open(sys.argv[1], "rb").read().split(b"\n\n")
for n in range(0, min(len(sents), 400), 4):
    with open(os.path.join(sys.argv[2], f"ewt-dev-{n:04}"), "wb") as f:
        f.write(b"\n\n".join(sents[n:n + 4]) + b"\n\n")
PY
        ;;
    petrarch_dicts)
        # the suite's toy dictionaries whole, and 40-line pieces of the
        # Phoenix/CAMEO ones (the repository's data/petrarch copies)
        for f in "$shared"/data/petrarch/PETR.Validate.*.txt; do cp "$f" "$dir/$(basename "$f")"; done
        for f in data/petrarch/*.txt; do
            [ "$(basename "$f")" = LICENSE.petrarch2.txt ] && continue
            chunks "$f" "$(basename "$f" .txt)" "$dir" 40
        done ;;
    *) echo "fuzz_seeds.sh: unknown target $target" >&2; exit 2 ;;
    esac
    echo "fuzz_seeds.sh: $dir: $(ls "$dir" | wc -l) seeds"
done
