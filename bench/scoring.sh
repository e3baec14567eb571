#!/usr/bin/env bash
# Benchmark: scoring one national-size year of raw PMP questionnaire answers.
#
#   bench/scoring.sh [SCHOOLS]        # default 220000 schools (about 190 million answers, 4.5 GB)
#
# Builds release, generates a synthetic national site into bench/data/ (git-ignored; reused
# when it is already there), times `rapor-gen bench-score` (the library's read_answer_years
# alone: instrument, answers file, scores of every school) under /usr/bin/time -v, and prints
# answers, seconds, answers/s, peak RSS and the file size. The generated data is deleted
# afterwards unless KEEP=1. RUNS=n repeats the timed run (default 1).
# WILAYAH=path chooses the regions (default: the shared national list, else the repo's copy).
set -euo pipefail
cd "$(dirname "$0")/.."

schools=${1:-220000}
seed=${SEED:-1}
runs=${RUNS:-1}
site=bench/data/nasional-$schools
answers=$site/content/data/jawaban/2020.csv
wilayah=${WILAYAH:-/work/shared/data/wilayah/wilayah.csv}
[ -f "$wilayah" ] || wilayah=content/data/wilayah.csv

cargo build --release --quiet --bin rapor-gen
gen=target/release/rapor-gen

if [ ! -f "$answers" ]; then
    need_kb=$((schools * 24))
    free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
    if [ "$free_kb" -lt $((need_kb + 1048576)) ]; then
        echo "bench: need about $((need_kb / 1048576 + 1)) GB free, have $((free_kb / 1048576)) GB" >&2
        exit 1
    fi
    echo "== generating $schools schools into $site"
    rm -rf "$site"
    "$gen" answers --schools "$schools" --seed "$seed" --out "$site" --wilayah "$wilayah"
fi

size=$(stat -c %s "$answers")
echo "== scoring (${runs} run(s); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
for run in $(seq "$runs"); do
    /usr/bin/time -v "$gen" bench-score "$site" --year 2020 \
        >"$site/score.out" 2>"$site/score.err"
    answers_read=$(awk -F': *' '/^answers:/ { print $2 }' "$site/score.out")
    seconds=$(awk -F': *' '/^seconds:/ { print $2 }' "$site/score.out")
    rate=$(awk -F': *' '/^answers\/s:/ { print $2 }' "$site/score.out")
    rss_kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$site/score.err")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$site/score.err")
    cpu=$(awk -F': *' '/Percent of CPU/ { print $2 }' "$site/score.err")
    printf 'run %s: answers %s | scoring %s s | %s answers/s | process wall %s, CPU %s | peak RSS %.0f MiB | file %.2f GB\n' \
        "$run" "$answers_read" "$seconds" "$rate" "$wall" "$cpu" \
        "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$(awk -v b="$size" 'BEGIN { print b / 1e9 }')"
done
grep -E '^(schools|problems|peak)' "$site/score.out"

if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$site"
    rmdir bench/data 2>/dev/null || true
fi
