//! Queries over the index files, as search.js runs them (the same algorithm, for tests and
//! measurements), and the oracle that scans the records' normalised texts.

use super::index::{BODY, fnv, get};
use super::normalize::{Segment, Unit, normalize, query_segments, units};
use super::records::Record;
use std::collections::BTreeMap;

/// What search needs of the manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Char shard count.
    pub buckets: u32,
    /// Latin shard keys.
    pub latin: Vec<String>,
    /// (year, first slot, end slot) of the reports.
    pub years: Vec<(u16, u32, u32)>,
}

impl Manifest {
    /// The year of a record (0 for department and free pages).
    pub fn year(&self, id: u32) -> u16 {
        let slot = id / super::records::SLOT;
        self.years.iter().find(|y| slot >= y.1 && slot < y.2).map_or(0, |y| y.0)
    }
}

/// A matching record and what ranks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Record id.
    pub id: u32,
    /// Segments found in the heading.
    pub heading: u32,
    /// Occurrences of all segments.
    pub tf: u32,
}

/// Files a query read (path, bytes).
pub type Fetched = Vec<(String, usize)>;

type Docs = BTreeMap<u32, (u32, bool)>;
type Ranked = BTreeMap<u32, (u32, u32)>;

fn find_entry<'b>(file: &'b [u8], term: &str, with_n: bool) -> Option<(u64, &'b [u8])> {
    let mut i = 0;
    while i < file.len() {
        let len = get(file, &mut i) as usize;
        let t = &file[i..i + len];
        i += len;
        let n = if with_n { get(file, &mut i) } else { 0 };
        let blen = get(file, &mut i) as usize;
        let block = &file[i..i + blen];
        i += blen;
        if t == term.as_bytes() {
            return Some((n, block));
        }
    }
    None
}

fn decode_docs(n: u64, block: &[u8]) -> Vec<(u32, u32, bool)> {
    let mut out = Vec::with_capacity(n as usize);
    let (mut i, mut id) = (0, 0u32);
    for k in 0..n {
        let d = get(block, &mut i) as u32;
        id = if k == 0 { d } else { id + d };
        let v = get(block, &mut i);
        out.push((id, (v >> 1) as u32, v & 1 == 1));
    }
    out
}

/// Runs `query` against index files read through `read` (path under `search/`), returning the
/// ranked hits and the files read.
pub fn run(manifest: &Manifest, read: &dyn Fn(&str) -> Option<Vec<u8>>, query: &str) -> (Vec<Hit>, Fetched) {
    let mut fetched: Fetched = Vec::new();
    let mut cache: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
    let mut file = |path: String| -> Option<Vec<u8>> {
        cache
            .entry(path.clone())
            .or_insert_with(|| {
                let f = read(&path);
                if let Some(b) = &f {
                    fetched.push((path, b.len()));
                }
                f
            })
            .clone()
    };
    let segs = query_segments(query);
    if segs.is_empty() {
        return (Vec::new(), fetched);
    }
    let mut result: Option<Ranked> = None;
    for seg in &segs {
        let docs: Docs = match seg {
            Segment::Word(w) => {
                let mut d = Docs::new();
                let leaf = manifest.latin.iter().filter(|k| !k.ends_with('_') && w.starts_with(k.as_str())).max_by_key(|k| k.len());
                let keys: Vec<&String> = manifest
                    .latin
                    .iter()
                    .filter(|k| k.trim_end_matches('_').starts_with(w.as_str()) || Some(*k) == leaf)
                    .collect();
                for k in keys {
                    let Some(f) = file(format!("l/{k}.bin")) else { continue };
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
            Segment::Chars(run) => {
                let n = run.len();
                let term = |o: usize, len: usize| run[o..o + len].iter().collect::<String>();
                let shard = |t: &str| format!("{:x}", fnv(t.as_bytes()) % manifest.buckets);
                if n <= 2 {
                    let t = term(0, n);
                    let f = file(format!("c/{}.bin", shard(&t)));
                    f.as_deref()
                        .and_then(|f| find_entry(f, &t, true))
                        .map(|(n, b)| decode_docs(n, b).into_iter().map(|(id, tf, h)| (id, (tf, h))).collect())
                        .unwrap_or_default()
                } else {
                    let mut offsets: Vec<usize> = (0..n - 1).step_by(2).collect();
                    if !offsets.contains(&(n - 2)) {
                        offsets.push(n - 2);
                    }
                    let mut lists = Vec::new();
                    for &o in &offsets {
                        let t = term(o, 2);
                        let f = file(format!("c/{}.bin", shard(&t)));
                        let docs = f.as_deref().and_then(|f| find_entry(f, &t, true)).map(|(n, b)| decode_docs(n, b)).unwrap_or_default();
                        lists.push((t, docs));
                    }
                    let mut cand: Option<Vec<u32>> = None;
                    for (_, docs) in &lists {
                        let ids: Vec<u32> = docs.iter().map(|d| d.0).filter(|id| cand.as_ref().is_none_or(|c| c.binary_search(id).is_ok())).collect();
                        cand = Some(ids);
                    }
                    let cand = cand.unwrap_or_default();
                    let mut d = Docs::new();
                    if !cand.is_empty() {
                        let mut pos: Vec<BTreeMap<u32, Vec<u32>>> = Vec::new();
                        for (t, docs) in &lists {
                            let f = file(format!("p/{}.bin", shard(t))).unwrap_or_default();
                            let block = find_entry(&f, t, false).map(|e| e.1).unwrap_or(&[]);
                            let mut m = BTreeMap::new();
                            let mut i = 0;
                            for &(id, tf, _) in docs {
                                let mut p = 0u32;
                                let mut v = Vec::with_capacity(tf as usize);
                                for _ in 0..tf {
                                    p += get(block, &mut i) as u32;
                                    v.push(p);
                                }
                                if cand.binary_search(&id).is_ok() {
                                    m.insert(id, v);
                                }
                            }
                            pos.push(m);
                        }
                        for id in cand {
                            let (mut tf, mut h) = (0, false);
                            for &p in &pos[0][&id] {
                                if offsets.iter().zip(&pos).all(|(&o, m)| m[&id].binary_search(&(p + o as u32)).is_ok()) {
                                    tf += 1;
                                    h |= p < BODY;
                                }
                            }
                            if tf > 0 {
                                d.insert(id, (tf, h));
                            }
                        }
                    }
                    d
                }
            }
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
    (hits, fetched)
}

/// The records that match `query`, found by scanning their normalised texts: the definition
/// the index must agree with.
pub fn oracle(records: &[Record], query: &str) -> Vec<u32> {
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
