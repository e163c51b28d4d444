#!/usr/bin/env bash
# Builds the `dist` profile users download (.github/workflows/release.yml builds the same for
# every platform) and checks the binary: it runs, prints its version, and is at most 15 MB.
# Run by .ci/run; by hand: bash tests/dist-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit=$((15 * 1024 * 1024))
cargo build --locked --profile dist --bin jixiao
bin=target/dist/jixiao
version=$("$bin" --version)
size=$(stat -c %s "$bin")
echo "dist-check: $version, $size bytes (limit $limit)"
case "$version" in jixiao\ *) ;; *) echo "dist-check: unexpected --version output: $version" >&2; exit 1 ;; esac
[ "$size" -le "$limit" ] || { echo "dist-check: the dist binary is $size bytes, over 15 MB" >&2; exit 1; }
