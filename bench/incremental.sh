#!/usr/bin/env bash
# Edit-to-browser latency of `rapor serve` at province scale: how long after a narrative is
# saved does the served page show the new text, and after a data fix (a school renamed in
# sekolah.csv) the new name. Not a timed test: run by hand, read the figures.
#
#   bench/incremental.sh            # 10,000 schools in Jawa Barat's kab/kota; 20 edits
#   bench/incremental.sh 50000 40 5 # schools, narrative edits, data edits
set -euo pipefail
cd "$(dirname "$0")/.."
SCHOOLS=${1:-10000}
EDITS=${2:-20}
DATA_EDITS=${3:-5}
SITE=bench/data/serve-$SCHOOLS

cargo build --release --quiet --bin rapor --bin rapor-gen
mkdir -p bench/data
# A province's regions: Jawa Barat (32) and its kab/kota.
grep -E '^(kode|32)' ../shared/data/wilayah/wilayah.csv > bench/data/wilayah-32.csv
rm -rf "$SITE"
target/release/rapor-gen answers --schools "$SCHOOLS" --out "$SITE" --wilayah bench/data/wilayah-32.csv >/dev/null
NPSN=$(sed -n 2p "$SITE/content/data/sekolah.csv" | cut -d, -f1)
mkdir -p "$SITE/content/sekolah"
printf '+++\njudul = "Catatan"\n+++\nAwal.\n' > "$SITE/content/sekolah/$NPSN.md"

LOG=$(mktemp)
target/release/rapor serve "$SITE" --port 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "http://" "$LOG" && break; sleep 0.1; done
ADDR=$(grep -o 'http://[^/]*' "$LOG" | head -1)
echo "site: $SCHOOLS schools, $(grep -c . "$SITE/content/data/sekolah.csv") rows; first build: $(grep -o 'dalam [0-9.]* s' "$LOG" | head -1)"

python3 - "$ADDR" "$SITE/content/sekolah/$NPSN.md" "/sekolah/$NPSN.html" "$EDITS" "$LOG" <<'PY'
import sys, time, urllib.request, statistics
addr, narrative, page, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for i in range(edits):
    token = f"Perubahan nomor {i} {time.time_ns()}"
    start = time.perf_counter()
    with open(narrative, "w") as f:
        f.write(f'+++\njudul = "Catatan"\n+++\n{token}\n')
    while True:
        body = urllib.request.urlopen(addr + page).read().decode()
        if token in body:
            break
        if time.perf_counter() - start > 10:
            print(f"edit {i}: not served after 10 s"); print(open(sys.argv[5]).read()[-3000:]); sys.exit(1)
        time.sleep(0.002)
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.3)
times.sort()
print(f"edits: {edits}  median {statistics.median(times):.0f} ms  p90 {times[int(len(times)*0.9)-1]:.0f} ms  max {times[-1]:.0f} ms")
PY
echo "server log (last rebuilds):"; grep "halaman diperbarui" "$LOG" | tail -3

# A data fix: a school's name corrected in sekolah.csv. The site is reloaded and rescored,
# and only the files that changed are written (its page, its kab/kota's lists, the search
# index, downloads naming it).
python3 - "$ADDR" "$SITE/content/data/sekolah.csv" "/sekolah/$NPSN.html" "$DATA_EDITS" "$LOG" <<'PY'
import sys, time, urllib.request, statistics
addr, table, page, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
original = open(table, encoding="utf-8").read()
header, first, rest = original.split("\n", 2)
npsn, name, tail = first.split(",", 2)
times = []
for i in range(edits):
    fixed = f"{name} Ralat {i}"
    start = time.perf_counter()
    with open(table, "w", encoding="utf-8") as f:
        f.write(f"{header}\n{npsn},{fixed},{tail}\n{rest}")
    while True:
        body = urllib.request.urlopen(addr + page).read().decode()
        if fixed in body:
            break
        if time.perf_counter() - start > 60:
            print(f"data edit {i}: not served after 60 s"); print(open(sys.argv[5]).read()[-3000:]); sys.exit(1)
        time.sleep(0.01)
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.5)
with open(table, "w", encoding="utf-8") as f:
    f.write(original)
times.sort()
print(f"data edits: {edits}  median {statistics.median(times):.0f} ms  max {times[-1]:.0f} ms")
PY
sleep 3
echo "server log (last data updates):"; grep "data dimuat ulang" "$LOG" | tail -3
