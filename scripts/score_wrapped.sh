#!/usr/bin/env bash
# Scores the extraction of the shared evaluation articles hard-wrapped at
# WIDTH columns (body lines broken at spaces, the key: value header kept;
# the same wrapping as tests/extract_wrapped.rs), to compare with the score
# of the unwrapped articles. Prints score.py's last line.
#   scripts/score_wrapped.sh WIDTH [BINARY]
set -euo pipefail
width=${1:?usage: score_wrapped.sh WIDTH [BINARY]}
bin=$(realpath "${2:-target/release/eventgraph}")
shared=$(realpath "${EVENTGRAPH_SHARED:-../shared}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for article in "$shared"/eval/articles/*.txt; do
    python3 - "$article" "$width" > "$tmp/$(basename "$article")" <<'PY'
import sys
text, width = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2])
out, header = [], True
for line in text.split("\n"):
    if header:
        header = line.strip() != ""
        out.append(line + "\n")
        continue
    current, parts = 0, []
    for k, word in enumerate(line.split(" ")):
        if k > 0:
            if current + 1 + len(word.encode()) > width and current > 0:
                parts.append("\n"); current = 0
            else:
                parts.append(" "); current += 1
        parts.append(word); current += len(word.encode())
    out.append("".join(parts) + "\n")
sys.stdout.write("".join(out))
PY
done
python3 "$shared/eval/score.py" --cmd "$bin extract {} --format json" \
    --articles "$tmp" --gold-dir "$shared/eval/gold" | ${SCORE_TAIL:-tail -1}
