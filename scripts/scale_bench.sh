#!/usr/bin/env bash
# Times `ingest` of a generated GDELT-shaped file and the query mix on the
# store it gives, under /usr/bin/time -v (wall clock, CPU, peak RSS):
#   scripts/scale_bench.sh ROWS [BINARY] [WORKDIR]
# Needs the release build of the gen_gdelt example
# (cargo build --release --example gen_gdelt) and the shared GDELT sample.
# The generated file (about 400 bytes a row) and the store (about the same)
# are left in WORKDIR (default /tmp/eventgraph-scale): delete them after.
set -euo pipefail
rows=${1:?usage: scale_bench.sh ROWS [BINARY] [WORKDIR]}
bin=$(realpath "${2:-target/release/eventgraph}")
work=${3:-/tmp/eventgraph-scale}
gen=$(realpath target/release/examples/gen_gdelt)
mkdir -p "$work"
data="$work/gdelt-$rows.tsv"
db="$work/gdelt-$rows.db"
[ -f "$data" ] || "$gen" --rows "$rows" --out "$data"
rm -f "$db" "$db-wal" "$db-shm"
timed() {
    local label=$1
    shift
    /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak RSS :: $label" "$@" \
        > "$work/out.txt" 2> "$work/err.txt" || true
    tail -1 "$work/err.txt"
}
echo "rows: $rows, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
timed "ingest" "$bin" --db "$db" -q ingest "$data"
timed "meetings --actor Obama, one month" "$bin" --db "$db" -q meetings --actor Obama --from 2016-03-01 --to 2016-03-31
timed "events, one day" "$bin" --db "$db" -q events --from 2016-03-15 --to 2016-03-15
timed "export json, one day" "$bin" --db "$db" -q export --format json --from 2016-03-15 --to 2016-03-15 -o -
timed "stats" "$bin" --db "$db" -q stats
timed "actor Obama" "$bin" --db "$db" -q actor Obama
ls -la "$data" "$db"
