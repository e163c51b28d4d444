#!/usr/bin/env python3
"""What the search postings would weigh if a record were a report rather than a section.

Reads a built index (`public/search/`, format 4: dictionary shards `d/`, posting packs `p/`),
decodes every term's postings and encodes them again three ways, each term's docs then
positions deflated on their own at level 4 (Python's zlib, within 0.1 % of what the index
holds; postings of at most 96 bytes, which the index inlines, count raw):

- `section`: format 4 as written, one record per section: per (section, term) pair
  `v(id delta << 1 | more)` and, when more, `v((tf - 1) << 1 | heading)`.
- `report_mask`: one entry per (report, term) keeping every section's figures, so that search
  keeps its semantics with nothing else to fetch: `v(slot delta << 1 | more) v(section mask)`
  and, when more, each section's `v((tf - 1) << 1 | heading)`; positions as in `section`.
- `report`: one record per report, sections dropped from the postings (which sections match
  would come from the report's fragment): `v(slot delta << 1 | more)` and, when more,
  `v((tf - 1) << 1 | heading)` with tf summed over the sections and heading set when any is.
  Positions: deltas restarting at each section (no section table or gaps counted), so a lower
  bound for positions running through the report.

    python3 bench/search-pairs.py /dev/shm/c1k/public/search [src/search/bench-queries.json]

Prints, by term length and in all, the pairs (records or reports a term is listed for) and the
docs, positions and deflated bytes of each way, in millions.

With a query set, also what its two-char queries would fetch if two-char terms were not indexed
and a query were answered from the trigrams that begin with it: for each, its own term's
postings (as fetched: inline bytes or the compressed member) against the count, the postings
(docs and positions, as format 4 stores a trigram's: one member below 112 KB) and the
dictionary shards of those trigrams. A lower bound: a pair at the end of a run of chars (before
white space, a Latin word or the end) is in no such trigram.
"""
import glob
import sys
import zlib


def varint(b, i):
    x = s = 0
    while True:
        c = b[i]
        i += 1
        x |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return x, i


def put(out, x):
    while x >= 0x80:
        out.append(x & 0x7F | 0x80)
        x >>= 7
    out.append(x)


def inflate(b):
    d = zlib.decompressobj(-15)
    return d.decompress(b) + d.flush()


def deflated(docs, pos):
    raw = bytes(docs) + bytes(pos)
    if len(raw) <= 96:
        return len(raw)
    c = zlib.compressobj(4, zlib.DEFLATED, -15)
    return len(c.compress(raw) + c.flush())


def dictionary(root):
    """Yields (shard file, term, n, dlen, plen, where) of every dictionary entry of the index at
    `root`; `where` is the inline bytes, or the locators (pack, tag, offset, clen) of the docs
    member and, when split, of the positions member."""
    for f in sorted(glob.glob(f"{root}/d/*.bin")):
        b = open(f, "rb").read()
        i = 4
        while i < len(b):
            n, i = varint(b, i)
            term = b[i:i + n].decode()
            i += n
            n, i = varint(b, i)
            dlen, i = varint(b, i)
            plen, i = varint(b, i)
            if dlen + plen <= 96:
                yield f, term, n, dlen, plen, b[i:i + dlen + plen]
                i += dlen + plen
                continue
            p, i = varint(b, i)
            tag = b[i:i + 4].hex()
            offset, i = varint(b, i + 4)
            clen, i = varint(b, i)
            at = [(p >> 1, tag, offset, clen)]
            if p & 1:
                q, i = varint(b, i)
                tag = b[i:i + 4].hex()
                offset, i = varint(b, i + 4)
                clen, i = varint(b, i)
                at.append((q, tag, offset, clen))
            yield f, term, n, dlen, plen, at


def entries(root):
    """Yields (term, n, docs, positions) of every term of the index at `root`."""
    packs = {}

    def member(number, tag, offset, clen):
        if (number, tag) not in packs:
            packs[number, tag] = open(f"{root}/p/{number}.{tag}.bin", "rb").read()
        return inflate(packs[number, tag][offset:offset + clen])

    for _, term, n, dlen, plen, where in dictionary(root):
        if isinstance(where, bytes):
            docs, pos = where[:dlen], where[dlen:]
        elif len(where) == 2:
            docs, pos = member(*where[0]), member(*where[1])
        else:
            m = member(*where[0])
            docs, pos = m[:dlen], m[dlen:]
        yield term, n, docs, pos


def fetched(root):
    """{term: (bytes a query fetches for its docs, all its posting bytes, its shard)}."""
    out = {}
    for f, term, _, dlen, plen, where in dictionary(root):
        if isinstance(where, bytes):
            out[term] = (dlen + plen, dlen + plen, f)
        else:
            docs = where[0][3]
            out[term] = (docs, sum(w[3] for w in where), f)
    return out


def two_char_queries(root, queries):
    import json
    import statistics
    terms = fetched(root)
    rows = []
    for q in json.load(open(queries))["queries"]:
        if len(q) != 2 or q.isascii():
            continue
        tri = [e for t, e in terms.items() if len(t) == 3 and t.startswith(q)]
        rows.append((q, terms.get(q, (0, 0, None))[0], len(tri), sum(e[1] for e in tri), len({e[2] for e in tri})))
    print(f"two-char queries of {queries}: {len(rows)}")
    print("  query  own bytes  trigrams  their bytes  their shards")
    for q, own, n, b, shards in rows:
        print(f"  {q}  {own:9}  {n:8}  {b:11}  {shards:12}")
    for name, k in (("own bytes", 1), ("trigrams", 2), ("their bytes", 3), ("their shards", 4)):
        print(f"  median {name}: {statistics.median(r[k] for r in rows)}, max {max(r[k] for r in rows)}")


def decode(n, docs, pos, trigram):
    """[(id, tf, heading, positions)] of a term."""
    out, i, j, rid = [], 0, 0, 0
    for _ in range(n):
        v, i = varint(docs, i)
        rid += v >> 1
        tf, heading = 1, 0
        if v & 1:
            w, i = varint(docs, i)
            tf, heading = (w >> 1) + 1, w & 1
        ps, p = [], 0
        for _ in range(tf if trigram else 0):
            d, j = varint(pos, j)
            p += d
            ps.append(p)
        out.append((rid, tf, heading, ps))
    return out


def main(root):
    ways = ("section", "report_mask", "report")
    totals = {}
    for term, n, docs, pos in entries(root):
        occ = decode(n, docs, pos, len(term) == 3)
        reports = []
        for o in occ:
            if reports and reports[-1][0] == o[0] >> 4:
                reports[-1][1].append(o)
            else:
                reports.append((o[0] >> 4, [o]))
        mask_docs, report_docs, report_pos, last = bytearray(), bytearray(), bytearray(), 0
        for slot, group in reports:
            more = any(tf > 1 or h for _, tf, h, _ in group)
            put(mask_docs, (slot - last) << 1 | more)
            put(mask_docs, sum(1 << (rid & 15) for rid, *_ in group))
            if more:
                for _, tf, h, _ in group:
                    put(mask_docs, (tf - 1) << 1 | h)
            tf, h = sum(o[1] for o in group), any(o[2] for o in group)
            put(report_docs, (slot - last) << 1 | (tf > 1 or h))
            if tf > 1 or h:
                put(report_docs, (tf - 1) << 1 | h)
            for o in group:
                p = 0
                for q in o[3]:
                    put(report_pos, q - p)
                    p = q
            last = slot
        row = totals.setdefault(len(term), {})
        for way, pairs, d, p in (("section", n, docs, pos), ("report_mask", len(reports), mask_docs, pos), ("report", len(reports), report_docs, report_pos)):
            for key, value in (("pairs", pairs), ("docs", len(d)), ("positions", len(p)), ("deflated", deflated(d, p))):
                row[f"{way}_{key}"] = row.get(f"{way}_{key}", 0) + value
    every = {}
    for length in sorted(totals):
        for k, v in totals[length].items():
            every[k] = every.get(k, 0) + v
    for name, row in [*((f"{k}-char terms", totals[k]) for k in sorted(totals)), ("all terms", every)]:
        print(name)
        for way in ways:
            print(f"  {way:12} " + "  ".join(f"{key} {row[f'{way}_{key}'] / 1e6:6.2f} M" for key in ("pairs", "docs", "positions", "deflated")))


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        two_char_queries(sys.argv[1], sys.argv[2])
