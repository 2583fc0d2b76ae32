#!/usr/bin/env bash
# Runs one cargo-fuzz target for SECONDS seconds with a 1 GB memory limit
# and a 10-second limit per input, from seeds generated from the shared
# files (scripts/fuzz_seeds.sh) when its corpus is empty.
#   scripts/fuzz.sh TARGET SECONDS
# Targets: article_text html gdelt icews interchange_json conllu petrarch_dicts
# Needs `cargo install cargo-fuzz` and a nightly toolchain. On a shared
# machine run it as `nice -n 10 scripts/fuzz.sh ...`. A crash is written to
# fuzz/artifacts/TARGET/ and the script exits non-zero.
set -euo pipefail
target=${1:?usage: fuzz.sh TARGET SECONDS}
seconds=${2:?usage: fuzz.sh TARGET SECONDS}
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/$target
if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
    scripts/fuzz_seeds.sh "$target"
fi
cd fuzz
exec cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -rss_limit_mb=1024 -timeout=10 -max_total_time="$seconds" -print_final_stats=1
