#!/usr/bin/env python3
"""Where a build leaves a core idle: CPU use over time from a perf recording.

    perf record -F 1000 -o build.perf target/release/rapor build SITE -o OUT -q
    perf script -i build.perf -F tid,time,ip,sym > build.txt
    bench/timeline.py build.txt [BUCKET_SECONDS] [CORES]

Prints every time bucket (default 0.05 s) in which fewer than about CORES (default: this
machine's) cores were busy, with its busiest functions, then the core-seconds left idle over
the whole build. At 1000 samples a second per busy core, a bucket's samples divided by
1000 * BUCKET_SECONDS is the number of cores at work in it. Serial stretches show up as rows
near 1.0: that is where joining independent work (rayon::join) pays.
"""
import collections
import os
import re
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bucket = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    cores = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    samples = []
    line_re = re.compile(r"\s*(\d+)\s+([\d.]+):\s+\S+\s+(.*)")
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for line in f:
            m = line_re.match(line)
            if m:
                samples.append((float(m.group(2)), m.group(3).strip()))
    if not samples:
        sys.exit("no samples: record with -F 1000, print with -F tid,time,ip,sym")
    start = samples[0][0]
    busy = collections.Counter()
    functions = collections.defaultdict(collections.Counter)
    for t, symbol in samples:
        b = int((t - start) / bucket)
        busy[b] += 1
        functions[b][re.sub(r"\+0x.*", "", symbol)[:45]] += 1
    idle = 0.0
    for b in range(max(busy) + 1):
        used = busy[b] / (1000 * bucket)
        idle += max(0.0, cores - used) * bucket
        if used < cores - 0.2:
            top = "; ".join(f"{k} ({v})" for k, v in functions[b].most_common(3))
            print(f"{b * bucket:6.2f} s  {used:4.2f} cores  {top}")
    print(f"{samples[-1][0] - start:.2f} s in all, {idle:.2f} core-seconds idle")


if __name__ == "__main__":
    main()
