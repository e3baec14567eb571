#!/usr/bin/env bash
# Fuzz rapor's readers of untrusted files with cargo-fuzz (libFuzzer).
#
#   fuzz/run.sh                 # every target for 300 s each (csv xlsx xlsx_sheet
#                               # front_matter framework answers)
#   fuzz/run.sh 60 csv xlsx     # the named targets for 60 s each
#   fuzz/run.sh 0               # replay the committed corpus once (a quick regression run)
#
# Needs a nightly toolchain (`rustup toolchain list`) and `cargo install cargo-fuzz`.
# Inputs that crash land in fuzz/artifacts/<target>/; reproduce one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
# New corpus entries the fuzzer finds stay in fuzz/corpus/<target>/ (only seed-* files are
# committed; run `cargo +nightly fuzz cmin <target>` before keeping more).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv xlsx xlsx_sheet front_matter framework answers)
fi
command -v cargo-fuzz >/dev/null || { echo "fuzz/run.sh: cargo install cargo-fuzz" >&2; exit 2; }
# 2 GiB of memory per input: far above what rapor's limits allow a table to cost.
common=(-rss_limit_mb=2048 -timeout=20 -max_len=1048576 -print_final_stats=1)
failed=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  if [ "$seconds" = 0 ]; then
    echo "== $target: corpus replay" >&2
    cargo +nightly fuzz run "$target" "corpus/$target" -- -runs=0 "${common[@]}" || failed+=("$target")
  else
    echo "== $target: ${seconds}s" >&2
    # A crash stops this target only: the others still run.
    cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" \
      -artifact_prefix="artifacts/$target/" "${common[@]}" || failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: failed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
