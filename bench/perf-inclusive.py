#!/usr/bin/env python3
"""Seconds of CPU spent under each named function, from `perf script` output.

Used to split what comparisons and charts add to a build (bench/README.md, "Summary,
2026-12-02 ~16:20 UTC"). A sample counts for a name when any frame of its call chain contains
that name, so the figures overlap (a write under `Staging::add_parts` also counts for
`__GI___libc_write`). Record with frame pointers and a fixed frequency:

    CARGO_TARGET_DIR=/work/fp RUSTFLAGS="-C force-frame-pointers=yes" cargo build --release --bin jixiao
    perf record -g -F 999 -o full.data /work/fp/release/jixiao build --root ... --output ...
    perf script -i full.data -F tid,ip,sym > full.script
    python3 bench/perf-inclusive.py full.script 999 Env::render_into Staging::add_parts ...
"""
import collections
import sys


def call_chains(path):
    """Yields each sample's call chain (leaf first) as a list of symbol names."""
    chain = []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if chain:
                    yield chain
                chain = []
            elif line.startswith(("\t", "    ")):
                parts = line.strip().split(" ", 1)
                chain.append(parts[1] if len(parts) > 1 else "?")
    if chain:
        yield chain


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: perf-inclusive.py SCRIPT FREQUENCY NAME [NAME ...]")
    path, frequency, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    under = collections.Counter()
    total = 0
    for chain in call_chains(path):
        total += 1
        for name in names:
            if any(name in frame for frame in chain):
                under[name] += 1
    print(f"{path}: {total / frequency:.2f} s of CPU sampled")
    for name in names:
        print(f"  {under[name] / frequency:6.2f} s  {name}")


if __name__ == "__main__":
    main()
