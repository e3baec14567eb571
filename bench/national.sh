#!/usr/bin/env bash
# National-scale build benchmark: rapor against Hugo, one table from one run.
#
#   bench/national.sh                      # 10,000, 50,000 and 226,000 schools
#   bench/national.sh 10000 50000          # other sizes
#   KEEP=1 bench/national.sh               # keep bench/data/ (generated sites, outputs)
#   HUGO=0 bench/national.sh               # rapor only
#   RUNS=5 bench/national.sh               # runs per tool below 100,000 schools (default 3)
#   HUGO_UGLY=1 bench/national.sh          # Hugo writes a file per page, not a folder
#
# For each size it writes a synthetic national site with `rapor-gen national --schools N`
# into bench/data/national-N/ (reused if its .done marker is there), builds it with the
# release `rapor build` under /usr/bin/time -v and, taking turns with it run for run, builds
# with Hugo (Debian's `hugo`, installed here if missing) a site of exactly as many plain
# markdown pages: one per school (its sekolah.csv fields and its 2020 indicator scores as
# tables, a minimal template), the rest plain pages of the same kind, counting the home page and two section lists Hugo adds.
# It prints wall time, peak RSS, pages per second, output size and bytes per school page for
# both, and the per-page time ratio Hugo/rapor. Sizes below 100,000 schools run each tool RUNS
# times (this virtual machine's speed varies by a fifth from run to run) and report the run of
# median wall time with the range; the national size runs once (10 GB of output a run).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000 226000)
data=bench/data
mkdir -p "$data"

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
if [ "${HUGO:-1}" != 0 ] && ! command -v hugo >/dev/null; then
  echo "bench: installing Debian's hugo" >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q hugo >&2
fi
[ -x /usr/bin/time ] || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2

# About 20 KB of input and 30 KB of output a school, and the outputs of both tools.
RUNS=${RUNS:-3}
runs_for() { if [ "$1" -lt 100000 ]; then echo "$RUNS"; else echo 1; fi; }
need_kb=0
for n in "${sizes[@]}"; do need_kb=$((need_kb + n * 80 * $(runs_for "$n"))); done
free_kb=$(df -Pk "$data" | awk 'NR==2 {print $4}')
if [ "$free_kb" -lt "$need_kb" ]; then
  echo "bench: needs about $((need_kb / 1048576)) GiB free in $data, has $((free_kb / 1048576)) GiB" >&2
  exit 1
fi

# ext4 without a journal (this machine's disk) skips inodes deleted in the last 60 s, or 360 s
# while their inode table block is dirty, scanning past each one: creating files within minutes
# of deleting the last run's 300,000 took up to ten times the kernel time. Wait that out.
cleaned="$data/.cleaned-at"
if [ -f "$cleaned" ]; then
  wait_s=$(( $(stat -c %Y "$cleaned") + 400 - $(date +%s) ))
  if [ "$wait_s" -gt 0 ]; then
    echo "bench: the last run deleted its outputs $((400 - wait_s)) s ago; waiting $wait_s s for the file system" >&2
    sleep "$wait_s"
  fi
fi

cargo build --release --locked --quiet --bin rapor --bin rapor-gen
RAPOR=target/release/rapor
GEN=target/release/rapor-gen

# Runs a command under /usr/bin/time -v; sets WALL (s), RSS (KiB), CPU and STATUS (`ok`, or
# how it ended: `Command terminated by signal 9` when the kernel's out-of-memory killer took it).
timed() {
  local log
  log=$(mktemp)
  STATUS=ok
  if ! /usr/bin/time -v "$@" > "$log.out" 2> "$log"; then
    STATUS=$(grep -oE 'Command (terminated by signal [0-9]+|exited with non-zero status [0-9]+)' "$log" | head -1)
    STATUS=${STATUS:-failed}
  fi
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
  RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  CPU=$(awk -F': ' '/Percent of CPU/ {print $2}' "$log")
  OUT_TEXT=$(cat "$log.out" "$log")
  rm -f "$log" "$log.out"
}

# Before each timed build: the earlier runs' output written out to disk (`sync`, not timed).
# Otherwise a build starts with gigabytes of dirty pages from the one before, and the kernel
# throttles its writes to the disk's speed: each run would pay for the last (three 50,000-school
# builds in a row, each 2.4 GB, took 15.6, 14.0 and 17.0 s).
settle() {
  sync
}

# Hugo's site: one page per school with the same fields, then plain pages up to $2 in all.
# Kept like the rapor sites and reused when made for the same pages: deleting the last one's
# files between timed runs would slow the runs after it (see the ext4 note above).
hugo_site() {
  local site=$1 pages=$2 dir=$3
  local marker="$pages ${HUGO_UGLY:-0}"
  if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$marker" ]; then return; fi
  rm -rf "$dir"
  mkdir -p "$dir/content/sekolah" "$dir/content/halaman" "$dir/layouts/_default"
  cat > "$dir/config.toml" <<'EOF'
baseURL = "/"
languageCode = "id"
title = "Rapor Mutu Nasional (Hugo)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
relativeURLs = true
[markup.goldmark.renderer]
unsafe = false
EOF
  # Hugo's default is a folder per page; HUGO_UGLY=1 writes `sekolah/<npsn>.html` files, as
  # rapor does.
  if [ "${HUGO_UGLY:-0}" = 1 ]; then sed -i 's/^relativeURLs = true$/&\nuglyURLs = true/' "$dir/config.toml"; fi
  cat > "$dir/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
  cat > "$dir/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
EOF
  cat > "$dir/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ len .Pages }} halaman</p>{{ end }}
EOF
  # One markdown page per school: its fields and its 2020 indicator scores as two tables.
  awk -F, -v out="$dir/content/sekolah" '
    FNR == 1 { if (NR == 1) { nh = split($0, ih, ","); } else { split($0, sh, ","); } next }
    NR == FNR { scores[$1] = $0; next }
    {
      f = out "/" $1 ".md"
      printf "---\ntitle: \"%s\"\n---\n\n| kolom | nilai |\n|---|---|\n", $2 > f
      for (i = 1; i <= 7; i++) printf "| %s | %s |\n", sh[i], $i > f
      if ($1 in scores) {
        split(scores[$1], v, ",")
        printf "\n| indikator | nilai 2020 |\n|---|---|\n" > f
        for (i = 2; i <= nh; i++) printf "| %s | %s |\n", ih[i], v[i] > f
      }
      close(f)
    }' "$site/content/data/nilai/2020.csv" "$site/content/data/sekolah.csv"
  echo "$marker" > "$dir/.done.tmp"
  local schools
  schools=$(($(wc -l < "$site/content/data/sekolah.csv") - 1))
  awk -v n=$((pages - schools - 3)) -v out="$dir/content/halaman" 'BEGIN {
    for (i = 1; i <= n; i++) {
      f = out "/h" i ".md"
      printf "---\ntitle: \"Halaman %d\"\n---\n\n| kolom | nilai |\n|---|---|\n| nomor | %d |\n", i, i > f
      close(f)
    }
  }'
  mv "$dir/.done.tmp" "$dir/.done"
}

rows=()
outputs=()
for n in "${sizes[@]}"; do
  site="$data/national-$n"
  if [ ! -f "$site/.done" ]; then
    rm -rf "$site"
    echo "bench: generating $n schools into $site" >&2
    "$GEN" national --schools "$n" --out "$site" >&2
    touch "$site/.done"
  fi
  # Fresh output folders, all deleted at the end: on ext4 without a journal (this machine's
  # disk) creating files right after deleting hundreds of thousands costs several times more
  # kernel time (new inodes skip recently deleted ones), which would blame rapor or Hugo for
  # the previous run's clean-up.
  runs=$(runs_for "$n")
  # A warm page cache for the input, as for a second build: both tools read the same way.
  cat "$site"/content/data/jawaban/*.csv > /dev/null
  # The tools take turns (rapor, Hugo, rapor, Hugo...): this machine's speed drifts from minute
  # to minute, and runs of one tool after the other's would measure the drift in the ratio.
  r_runs=$(mktemp)
  h_runs=$(mktemp)
  failed=""
  hugo_on=${HUGO:-1}
  for run in $(seq "$runs"); do
    out="$data/out-rapor-$n-$$-$run"
    settle
    timed "$RAPOR" build "$site" -o "$out" -q --timings
    [ "$STATUS" = ok ] || { echo "$OUT_TEXT" >&2; echo "bench: rapor failed at $n schools" >&2; exit 1; }
    grep -E '^  ' <<< "$OUT_TEXT" >&2 || true
    echo "rapor $n, run $run: $WALL s, $((RSS / 1024)) MiB, CPU $CPU" >&2
    echo "$WALL $RSS $CPU $out" >> "$r_runs"
    outputs+=("$out")
    if [ "$run" = 1 ]; then
      pages=$(grep -o 'rapor: [0-9]* halaman' <<< "$OUT_TEXT" | grep -o '[0-9]*')
      if [ "$hugo_on" != 0 ]; then
        hsite="$data/hugo-$n"
        hugo_site "$site" "$pages" "$hsite"
      fi
    fi
    [ "$hugo_on" != 0 ] && [ -z "$failed" ] || continue
    hout="$data/out-hugo-$n-$$-$run"
    outputs+=("$hout")
    settle
    timed hugo --quiet -s "$hsite" -d "$(realpath -m "$hout")"
    if [ "$STATUS" != ok ]; then
      echo "hugo  $n: $STATUS after $WALL s at $((RSS / 1024)) MiB" >&2
      failed=$(awk -v w="$WALL" -v rss="$RSS" -v st="$STATUS" \
        'BEGIN {sub(/Command /, "", st); printf "| failed after %.1f s: %s | %d MiB | – | – | – | – |", w, st, rss / 1024}')
      continue
    fi
    echo "hugo  $n, run $run: $WALL s, $((RSS / 1024)) MiB, CPU $CPU" >&2
    echo "$WALL $RSS $CPU $hout" >> "$h_runs"
  done
  # The run of median wall time, and the range of all runs.
  median() { sort -n "$1" | sed -n "$(((runs + 1) / 2))p"; }
  range() { sort -n "$1" | awk 'NR == 1 {lo = $1} {hi = $1} END {if (NR > 1) printf " (%d runs: %.1f–%.1f)", NR, lo, hi}'; }
  read -r r_wall r_rss r_cpu out < <(median "$r_runs")
  r_range=$(range "$r_runs")
  bytes=$(du -sb "$out" | cut -f1)
  school_bytes=$(find "$out/sekolah" -name "*.html" -printf '%s\n' | awk '{s += $1} END {printf "%d", s / NR}')
  r_pages=$pages r_bytes=$bytes r_school=$school_bytes
  h_cols="| – | – | – | – | – | – |"
  if [ -n "$failed" ]; then
    h_cols=$failed
  elif [ "$hugo_on" != 0 ]; then
    read -r h_wall h_rss h_cpu hout < <(median "$h_runs")
    h_range=$(range "$h_runs")
    h_pages=$(find "$hout" -name '*.html' | wc -l)
    h_bytes=$(du -sb "$hout" | cut -f1)
    h_school=$(find "$hout/sekolah" -name "*.html" -printf '%s\n' | awk '{s += $1} END {printf "%d", s / NR}')
    ratio=$(awk -v rw="$r_wall" -v rp="$r_pages" -v hw="$h_wall" -v hp="$h_pages" 'BEGIN {printf "%.1f×", (hw / hp) / (rw / rp)}')
    h_cols=$(awk -v w="$h_wall" -v range="$h_range" -v rss="$h_rss" -v p="$h_pages" -v b="$h_bytes" -v sb="$h_school" -v c="$h_cpu" -v ratio="$ratio" \
      'BEGIN {printf "| %.1f s (%s)%s | %d MiB | %d | %.0f | %.1f MB, %d B | %s |", w, c, range, rss / 1024, p, p / w, b / 1e6, sb, ratio}')
  fi
  rm -f "$r_runs" "$h_runs"
  rows+=("$(awk -v n="$n" -v w="$r_wall" -v range="$r_range" -v rss="$r_rss" -v p="$r_pages" -v b="$r_bytes" -v sb="$r_school" -v c="$r_cpu" \
    'BEGIN {printf "| %d | %.1f s (%s)%s | %d MiB | %d | %.0f | %.1f MB, %d B |", n, w, c, range, rss / 1024, p, p / w, b / 1e6, sb}') ${h_cols#| }")
done
[ "${KEEP:-0}" = 1 ] || { rm -rf "${outputs[@]}"; touch "$cleaned"; }
# rapor's lock file beside each output folder (`.out-rapor-N-PID.lock`): one per run otherwise.
rm -f "$data"/.out-rapor-*-$$-*.lock
[ "${KEEP:-0}" = 1 ] || [ "${KEEP_SITES:-0}" = 1 ] || rm -rf "$data"/national-* "$data"/hugo-*

echo
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uptime | sed 's/.*load average/load average/'), $(date -u +%F)"
echo "rapor: release build, --schools N of rapor-gen national; below 100,000 schools each tool's run of median wall time of RUNS=$RUNS; Hugo $(hugo version 2>/dev/null | grep -o 'v[0-9.]*' | head -1): the same number of plain markdown pages"
echo
echo "| schools | rapor wall (CPU) | rapor peak RSS | rapor pages | rapor pages/s | rapor output, per school page | Hugo wall (CPU) | Hugo peak RSS | Hugo pages | Hugo pages/s | Hugo output, per school page | per page: Hugo time / rapor time |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
