#!/usr/bin/env bash
# Writes what the release binary prints for the shared evaluation articles and
# datasets into OUT, so that a refactor can be checked byte for byte:
#   scripts/behaviour_snapshot.sh OUT [BINARY]
#   diff -r OUT_BEFORE OUT_AFTER
# Reads $EVENTGRAPH_SHARED (default ../shared). Needs python3 for score.py.
set -euo pipefail
out=${1:?usage: behaviour_snapshot.sh OUT [BINARY]}
bin=$(realpath "${2:-target/release/eventgraph}")
shared=$(realpath "${EVENTGRAPH_SHARED:-../shared}")
mkdir -p "$out/extract"
out=$(realpath "$out")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for article in "$shared"/eval/articles/*.txt; do
    name=$(basename "$article" .txt)
    "$bin" extract "$article" --format json > "$out/extract/$name.json" 2> "$out/extract/$name.stderr" || true
done
"$bin" --db "$tmp/articles.db" ingest "$shared/eval/articles/" > "$out/ingest-articles.txt" 2>&1 || true
"$bin" --db "$tmp/articles.db" export --format json -o - > "$out/export-articles.json" 2>/dev/null || true
for data in "$shared"/data/gdelt/*.tsv "$shared"/data/icews/*.tsv; do
    name=$(basename "$data" .tsv)
    "$bin" --db "$tmp/$name.db" ingest --format dataset "$data" > "$out/ingest-$name.txt" 2>&1 || true
    "$bin" --db "$tmp/$name.db" export --format json -o - > "$out/export-$name.json" 2>/dev/null || true
done
python3 "$shared/eval/score.py" --cmd "$bin extract {} --format json" --articles "$shared/eval/articles" --gold-dir "$shared/eval/gold" > "$out/score.txt" 2>&1 || true
tail -1 "$out/score.txt"
