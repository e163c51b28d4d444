//! Queries over the search index's files as search.js runs them (the same algorithm, in Rust),
//! and the oracle that scans the records' normalised texts: what tests/search.rs checks the
//! index and the script against. Test code, not part of jixiao: `tests/search.rs` includes it
//! with `#[path = "common/query.rs"] mod query;`.

use jixiao::search::index::{BODY, INLINE, TABLE, after_magic, fnv, get, hex, inflate};
use jixiao::search::normalize::{Segment, Unit, normalize, query_segments, units};
use jixiao::search::records::{Record, SLOT};
use std::collections::BTreeMap;

/// What search needs of the manifest.
#[derive(Debug, Clone)]
pub(crate) struct Manifest {
    /// Dictionary shard count.
    pub(crate) buckets: u32,
    /// Tags of the dictionary's name tables.
    pub(crate) tables: Vec<String>,
    /// Latin shard keys, with their tags.
    pub(crate) latin: Vec<(String, String)>,
    /// (year, first slot, end slot) of the reports.
    pub(crate) years: Vec<(u16, u32, u32)>,
}

impl Manifest {
    /// The year of a record (0 for department and free pages).
    pub(crate) fn year(&self, id: u32) -> u16 {
        let slot = id / SLOT;
        self.years.iter().find(|y| slot >= y.1 && slot < y.2).map_or(0, |y| y.0)
    }
}

/// A matching record and what ranks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Record id.
    pub(crate) id: u32,
    /// Segments found in the heading.
    pub(crate) heading: u32,
    /// Occurrences of all segments.
    pub(crate) tf: u32,
}

/// Files a query read (path, bytes).
pub(crate) type Fetched = Vec<(String, usize)>;

type Docs = BTreeMap<u32, (u32, bool)>;
type Ranked = BTreeMap<u32, (u32, u32)>;

/// A term's dictionary entry: record count, sizes, and the postings when inlined, else where
/// they are packed: (pack, tag, offset, compressed length).
struct Entry {
    n: u64,
    dlen: usize,
    plen: usize,
    inline: Option<(Vec<u8>, Vec<u8>)>,
    packed: Option<(u64, String, usize, usize)>,
    /// Where the positions are when compressed apart from the docs (large terms).
    positions: Option<(u64, String, usize, usize)>,
}

impl Entry {
    /// Bytes the term's postings cost a query: what the cover minimises.
    fn cost(&self) -> usize {
        self.dlen + self.plen
    }
}

/// The entry of `term` in a dictionary shard (after its magic).
fn find_entry(file: &[u8], term: &str) -> Option<Entry> {
    let mut i = 0;
    while i < file.len() {
        let len = get(file, &mut i) as usize;
        let found = &file[i..i + len] == term.as_bytes();
        i += len;
        let n = get(file, &mut i);
        let dlen = get(file, &mut i) as usize;
        let plen = get(file, &mut i) as usize;
        if dlen + plen <= INLINE {
            if found {
                return Some(Entry { n, dlen, plen, inline: Some((file[i..i + dlen].to_vec(), file[i + dlen..i + dlen + plen].to_vec())), packed: None, positions: None });
            }
            i += dlen + plen;
        } else {
            let first = get(file, &mut i);
            let loc = |pack: u64, i: &mut usize| {
                let tag = hex(&file[*i..*i + 4].try_into().unwrap());
                *i += 4;
                let offset = get(file, i) as usize;
                (pack, tag, offset, get(file, i) as usize)
            };
            let packed = loc(first >> 1, &mut i);
            let positions = (first & 1 == 1).then(|| {
                let pack = get(file, &mut i);
                loc(pack, &mut i)
            });
            if found {
                return Some(Entry { n, dlen, plen, inline: None, packed: Some(packed), positions });
            }
        }
    }
    None
}

/// Decodes a record list: (id, tf, in heading) per record.
pub(crate) fn decode_docs(n: u64, block: &[u8]) -> Vec<(u32, u32, bool)> {
    let mut out = Vec::with_capacity(n as usize);
    let (mut i, mut id) = (0, 0u32);
    for _ in 0..n {
        let v = get(block, &mut i);
        id += (v >> 1) as u32;
        let (tf, h) = if v & 1 == 1 {
            let w = get(block, &mut i);
            ((w >> 1) as u32 + 1, w & 1 == 1)
        } else {
            (1, false)
        };
        out.push((id, tf, h));
    }
    out
}

/// The offsets of the trigrams that verify a run of chars: the first and last are always in, no
/// char is left uncovered (consecutive offsets at most 3 apart), and the sum of `costs` is least
/// (ties: the smaller previous offset). search.js has the same function.
pub(crate) fn cover(costs: &[usize]) -> Vec<usize> {
    let n = costs.len();
    let mut best = vec![0usize; n];
    let mut from = vec![0usize; n];
    for o in 0..n {
        best[o] = costs[o];
        if o > 0 {
            let prev = (o.saturating_sub(3)..o).min_by_key(|&q| (best[q], q)).expect("o > 0");
            best[o] += best[prev];
            from[o] = prev;
        }
    }
    let mut out = vec![n - 1];
    while let Some(&o) = out.last().filter(|&&o| o > 0) {
        out.push(from[o]);
    }
    out.reverse();
    out
}

/// Reads index files through a cache, recording what was fetched.
struct Reader<'a> {
    read: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    buckets: u32,
    tables: Vec<String>,
    cache: BTreeMap<String, Option<Vec<u8>>>,
    fetched: Fetched,
}

impl Reader<'_> {
    fn file(&mut self, path: String) -> Option<Vec<u8>> {
        if !self.cache.contains_key(&path) {
            let f = (self.read)(&path);
            if let Some(b) = &f {
                self.fetched.push((path.clone(), b.len()));
            }
            self.cache.insert(path.clone(), f);
        }
        self.cache[&path].clone()
    }

    /// A binary file's bytes after its magic (panics, naming it, on a wrong magic).
    fn binary(&mut self, path: String) -> Option<Vec<u8>> {
        self.file(path.clone()).map(|b| after_magic(&path, &b).unwrap_or_else(|e| panic!("{e}")).to_vec())
    }

    fn entry(&mut self, term: &str) -> Option<Entry> {
        let b = fnv(term.as_bytes()) % self.buckets;
        let k = b as usize / TABLE;
        let table = self.binary(format!("n/d{k}.{}.bin", self.tables[k])).expect("the dictionary's name table exists");
        let at = (b as usize % TABLE) * 4;
        let tag = hex(&table[at..at + 4].try_into().unwrap());
        self.binary(format!("d/{b:x}.{tag}.bin")).and_then(|f| find_entry(&f, term))
    }

    /// A member of a posting pack, inflated: `want` bytes.
    fn member(&mut self, (pack, tag, offset, clen): &(u64, String, usize, usize), want: usize) -> Vec<u8> {
        let f = self.file(format!("p/{pack}.{tag}.bin")).expect("the posting pack exists");
        let all = inflate(&f[*offset..*offset + *clen]).expect("postings inflate");
        assert_eq!(all.len(), want);
        all
    }

    fn docs(&mut self, _term: &str, e: &Entry) -> Vec<(u32, u32, bool)> {
        match (&e.inline, &e.packed, &e.positions) {
            (Some((d, _)), _, _) => decode_docs(e.n, d),
            (None, Some(loc), Some(_)) => decode_docs(e.n, &self.member(loc, e.dlen)),
            (None, Some(loc), None) => decode_docs(e.n, &self.member(loc, e.dlen + e.plen)[..e.dlen]),
            (None, None, _) => unreachable!("an entry is inline or packed"),
        }
    }

    fn positions(&mut self, _term: &str, e: &Entry) -> Vec<u8> {
        match (&e.inline, &e.packed, &e.positions) {
            (Some((_, p)), _, _) => p.clone(),
            (None, _, Some(loc)) => self.member(loc, e.plen),
            (None, Some(loc), None) => self.member(loc, e.dlen + e.plen)[e.dlen..].to_vec(),
            (None, None, None) => unreachable!("an entry is inline or packed"),
        }
    }

    /// Records holding a Latin word or number prefix `w`.
    fn word(&mut self, latin: &[(String, String)], w: &str) -> Docs {
        let mut d = Docs::new();
        let leaf = latin.iter().map(|k| &k.0).filter(|k| !k.ends_with('_') && w.starts_with(k.as_str())).max_by_key(|k| k.len());
        let keys: Vec<&(String, String)> = latin.iter().filter(|k| k.0.trim_end_matches('_').starts_with(w) || Some(&k.0) == leaf).collect();
        for (k, tag) in keys {
            let Some(f) = self.binary(format!("l/{k}.{tag}.bin")) else { continue };
            let mut i = 0;
            while i < f.len() {
                let len = get(&f, &mut i) as usize;
                let t = &f[i..i + len];
                i += len;
                let n = get(&f, &mut i);
                let blen = get(&f, &mut i) as usize;
                if t.starts_with(w.as_bytes()) {
                    for (id, tf, h) in decode_docs(n, &f[i..i + blen]) {
                        let e = d.entry(id).or_insert((0, false));
                        e.0 += tf;
                        e.1 |= h;
                    }
                }
                i += blen;
            }
        }
        d
    }

    /// Records holding the run of chars as a substring.
    fn chars(&mut self, run: &[char]) -> Docs {
        let term = |o: usize, len: usize| run[o..o + len].iter().collect::<String>();
        if run.len() <= 3 {
            let t = term(0, run.len());
            let Some(e) = self.entry(&t) else { return Docs::new() };
            return self.docs(&t, &e).into_iter().map(|(id, tf, h)| (id, (tf, h))).collect();
        }
        let trigrams: Vec<String> = (0..=run.len() - 3).map(|o| term(o, 3)).collect();
        let mut entries = Vec::new();
        for t in &trigrams {
            match self.entry(t) {
                Some(e) => entries.push(e),
                None => return Docs::new(),
            }
        }
        let chosen = cover(&entries.iter().map(Entry::cost).collect::<Vec<_>>());
        let lists: Vec<Vec<(u32, u32, bool)>> = chosen.iter().map(|&o| self.docs(&trigrams[o], &entries[o])).collect();
        let mut cand: Vec<u32> = lists[0].iter().map(|d| d.0).collect();
        for l in &lists[1..] {
            cand.retain(|id| l.binary_search_by_key(id, |d| d.0).is_ok());
        }
        if cand.is_empty() {
            return Docs::new();
        }
        // Positions of each chosen trigram in the candidates.
        let pos: Vec<BTreeMap<u32, Vec<u32>>> = chosen
            .iter()
            .zip(&lists)
            .map(|(&o, docs)| {
                let block = self.positions(&trigrams[o], &entries[o]);
                let mut m = BTreeMap::new();
                let mut i = 0;
                for &(id, tf, _) in docs {
                    let mut p = 0u32;
                    let v: Vec<u32> = (0..tf).map(|_| {
                        p += get(&block, &mut i) as u32;
                        p
                    }).collect();
                    if cand.binary_search(&id).is_ok() {
                        m.insert(id, v);
                    }
                }
                m
            })
            .collect();
        let mut d = Docs::new();
        for id in cand {
            let (mut tf, mut h) = (0, false);
            for &p in &pos[0][&id] {
                if chosen.iter().zip(&pos).all(|(&o, m)| m[&id].binary_search(&(p + o as u32)).is_ok()) {
                    tf += 1;
                    h |= p < BODY;
                }
            }
            if tf > 0 {
                d.insert(id, (tf, h));
            }
        }
        d
    }
}

/// Runs `query` against index files read through `read` (path under `search/`), returning the
/// ranked hits and the files read.
pub(crate) fn run(manifest: &Manifest, read: &dyn Fn(&str) -> Option<Vec<u8>>, query: &str) -> (Vec<Hit>, Fetched) {
    let mut reader = Reader { read, buckets: manifest.buckets, tables: manifest.tables.clone(), cache: BTreeMap::new(), fetched: Vec::new() };
    let segs = query_segments(query);
    if segs.is_empty() {
        return (Vec::new(), reader.fetched);
    }
    let mut result: Option<Ranked> = None;
    for seg in &segs {
        let docs = match seg {
            Segment::Word(w) => reader.word(&manifest.latin, w),
            Segment::Chars(run) => reader.chars(run),
        };
        result = Some(match result {
            None => docs.into_iter().map(|(id, (tf, h))| (id, (tf, h as u32))).collect(),
            Some(prev) => prev.into_iter().filter_map(|(id, (tf, h))| docs.get(&id).map(|&(t2, h2)| (id, (tf + t2, h + h2 as u32)))).collect(),
        });
        if result.as_ref().is_some_and(|r| r.is_empty()) {
            break;
        }
    }
    let mut hits: Vec<Hit> = result.unwrap_or_default().into_iter().map(|(id, (tf, h))| Hit { id, heading: h, tf }).collect();
    hits.sort_by(|a, b| {
        b.heading.cmp(&a.heading).then(b.tf.cmp(&a.tf)).then(manifest.year(b.id).cmp(&manifest.year(a.id))).then(a.id.cmp(&b.id))
    });
    (hits, reader.fetched)
}

/// The records that match `query`, found by scanning their normalised texts: the definition
/// the index must agree with.
pub(crate) fn oracle(records: &[Record], query: &str) -> Vec<u32> {
    let segs = query_segments(query);
    if segs.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in records {
        let mut chars: Vec<(u32, char)> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for (text, start) in [(normalize(&r.heading), 0u32), (normalize(&r.text), BODY)] {
            units(&text, start, |p, u| {
                if start == 0 && p >= BODY - 1 {
                    return;
                }
                match u {
                    Unit::Char(c) => chars.push((p, c)),
                    Unit::Word(w) => words.push(w.to_string()),
                }
            });
        }
        let ok = segs.iter().all(|s| match s {
            Segment::Word(w) => words.iter().any(|x| x.starts_with(w.as_str())),
            Segment::Chars(run) => chars.windows(run.len()).any(|win| {
                win.iter().zip(run).all(|(a, b)| a.1 == *b) && win.last().unwrap().0 - win[0].0 == run.len() as u32 - 1
            }),
        });
        if ok {
            out.push(r.id);
        }
    }
    out
}
