//! The index files: term shards with record lists (and bigram positions), Latin-word shards by
//! prefix, one small JSON file per record for excerpts, a manifest.
//!
//! Binary files are sequences of unsigned LEB128 varints ("v") and UTF-8 bytes:
//!
//! - `c/<b>.bin` (b = FNV-1a 32 of the term's UTF-8, modulo the manifest's `buckets`, in hex):
//!   entries sorted by term bytes: `v(len) term v(n) v(len) docs`, where docs is n times
//!   `v(id - previous id) v(tf << 1 | heading)`. Terms are single chars and char bigrams.
//! - `p/<b>.bin`: positions of the bigrams of `c/<b>.bin`, same order:
//!   `v(len) term v(len) positions`, for each record of the term's docs (same order) its tf
//!   positions as `v(p - previous p)` (the first from 0). Headings take positions from 0,
//!   bodies from [`BODY`].
//! - `l/<key>.bin`: Latin words and numbers whose deepest shard key is `key` (a key ending in
//!   `_` holds only the word equal to the key without `_`): `v(len) word v(n) v(len) docs`.

use super::normalize::{Unit, normalize, units};
use super::records::Record;
use rayon::prelude::*;
use std::collections::HashMap;

/// First position of a record's body; the heading comes before.
pub const BODY: u32 = 1024;
/// Partitions the merge runs in (a power of two, dividing the bucket count).
const PARTS: usize = 8;
/// Target size of a char shard.
const SHARD_TARGET: usize = 8 * 1024;
/// Latin shards are split by a further character above this size.
const LATIN_LIMIT: usize = 16 * 1024;

/// FNV-1a, 32 bits, as in search.js.
pub fn fnv(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Appends an unsigned LEB128 varint.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads an unsigned LEB128 varint at `*i`.
pub fn get(bytes: &[u8], i: &mut usize) -> u64 {
    let (mut v, mut shift) = (0u64, 0);
    while let Some(&b) = bytes.get(*i) {
        *i += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// A char term: one char, or two (a bigram), packed.
fn key(a: char, b: Option<char>) -> u64 {
    match b {
        None => a as u64,
        Some(b) => (1 << 42) | ((a as u64) << 21) | b as u64,
    }
}

fn key_string(k: u64) -> String {
    let c = |v: u64| char::from_u32((v & 0x1f_ffff) as u32).unwrap_or('\u{fffd}');
    if k >> 42 == 1 { [c(k >> 21), c(k)].iter().collect() } else { c(k).to_string() }
}

fn is_bigram(k: u64) -> bool {
    k >> 42 == 1
}

/// The terms of one record, partitioned.
struct RecordTerms {
    id: u32,
    /// Per partition: (term, hash, tf, heading, positions (bigrams only)).
    parts: Vec<Vec<(u64, u32, u32, bool, Vec<u32>)>>,
    words: Vec<(String, u32, bool)>,
}

fn record_terms(r: &Record) -> RecordTerms {
    let mut occ: Vec<(u64, u32)> = Vec::with_capacity(r.text.len() / 2);
    let mut words: Vec<(String, u32, bool)> = Vec::new();
    let mut word_occ: Vec<(&str, bool)> = Vec::new();
    let head = normalize(&r.heading);
    let body = normalize(&r.text);
    for (text, start) in [(&head, 0u32), (&body, BODY)] {
        let mut prev: Option<(u32, char)> = None;
        units(text, start, |p, u| {
            if start == 0 && p >= BODY - 1 {
                return;
            }
            match u {
                Unit::Char(c) => {
                    occ.push((key(c, None), p));
                    if let Some((pp, pc)) = prev
                        && pp + 1 == p
                    {
                        occ.push((key(pc, Some(c)), pp));
                    }
                    prev = Some((p, c));
                }
                Unit::Word(w) => word_occ.push((w, start == 0)),
            }
        });
    }
    occ.sort_unstable();
    let mut parts: Vec<Vec<(u64, u32, u32, bool, Vec<u32>)>> = (0..PARTS).map(|_| Vec::new()).collect();
    let mut i = 0;
    let mut buf = [0u8; 8];
    while i < occ.len() {
        let k = occ[i].0;
        let mut j = i;
        while j < occ.len() && occ[j].0 == k {
            j += 1;
        }
        let s = key_string(k);
        let h = fnv(s.as_bytes());
        let _ = &mut buf;
        let heading = occ[i].1 < BODY;
        let positions = if is_bigram(k) { occ[i..j].iter().map(|o| o.1).collect() } else { Vec::new() };
        parts[h as usize & (PARTS - 1)].push((k, h, (j - i) as u32, heading, positions));
        i = j;
    }
    word_occ.sort_unstable();
    let mut i = 0;
    while i < word_occ.len() {
        let w = word_occ[i].0;
        let mut j = i;
        let mut heading = false;
        while j < word_occ.len() && word_occ[j].0 == w {
            heading |= word_occ[j].1;
            j += 1;
        }
        words.push((w.to_string(), (j - i) as u32, heading));
        i = j;
    }
    RecordTerms { id: r.id, parts, words }
}

#[derive(Default)]
struct Post {
    n: u32,
    last: u32,
    docs: Vec<u8>,
    pos: Vec<u8>,
    hash: u32,
}

impl Post {
    fn add(&mut self, id: u32, tf: u32, heading: bool) {
        let delta = if self.n == 0 { id } else { id - self.last };
        put(&mut self.docs, delta as u64);
        put(&mut self.docs, ((tf as u64) << 1) | heading as u64);
        self.n += 1;
        self.last = id;
    }
}

/// Builds the index of `records` (sorted by id). `chunk` records are tokenised at a time.
pub struct IndexBuilder {
    parts: Vec<HashMap<u64, Post>>,
    words: HashMap<String, Post>,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder { parts: (0..PARTS).map(|_| HashMap::new()).collect(), words: HashMap::new() }
    }
}

impl IndexBuilder {
    /// Adds records, which must come after every record added before, in id order.
    pub fn add(&mut self, records: &[Record]) {
        let terms: Vec<RecordTerms> = records.par_iter().map(record_terms).collect();
        let (parts, words) = (&mut self.parts, &mut self.words);
        rayon::join(
            || {
                parts.par_iter_mut().enumerate().for_each(|(p, map)| {
                    for rt in &terms {
                        for (k, h, tf, heading, positions) in &rt.parts[p] {
                            let post = map.entry(*k).or_insert_with(|| Post { hash: *h, ..Post::default() });
                            post.add(rt.id, *tf, *heading);
                            let mut prev = 0;
                            for &q in positions {
                                put(&mut post.pos, (q - prev) as u64);
                                prev = q;
                            }
                        }
                    }
                })
            },
            || {
                for rt in &terms {
                    for (w, tf, heading) in &rt.words {
                        match words.get_mut(w.as_str()) {
                            Some(p) => p.add(rt.id, *tf, *heading),
                            None => {
                                let mut p = Post::default();
                                p.add(rt.id, *tf, *heading);
                                words.insert(w.clone(), p);
                            }
                        }
                    }
                }
            },
        );
    }

    /// The shard files (path under `search/`, bytes), the bucket count and the Latin keys.
    pub fn finish(self) -> (Vec<(String, Vec<u8>)>, u32, Vec<String>) {
        let total: usize = self.parts.iter().flat_map(|m| m.values()).map(|p| p.docs.len() + 8).sum();
        let buckets = (total / SHARD_TARGET).next_power_of_two().clamp(PARTS * 2, 1 << 16) as u32;
        let mut files: Vec<(String, Vec<u8>)> = self
            .parts
            .into_par_iter()
            .flat_map_iter(|map| {
                let mut by_bucket: HashMap<u32, Vec<(String, Post)>> = HashMap::new();
                for (k, post) in map {
                    by_bucket.entry(post.hash % buckets).or_default().push((key_string(k), post));
                }
                let mut out = Vec::with_capacity(by_bucket.len() * 2);
                for (b, mut terms) in by_bucket {
                    terms.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                    let mut c = Vec::new();
                    let mut p = Vec::new();
                    for (t, post) in &terms {
                        put(&mut c, t.len() as u64);
                        c.extend_from_slice(t.as_bytes());
                        put(&mut c, post.n as u64);
                        put(&mut c, post.docs.len() as u64);
                        c.extend_from_slice(&post.docs);
                        if t.chars().count() == 2 {
                            put(&mut p, t.len() as u64);
                            p.extend_from_slice(t.as_bytes());
                            put(&mut p, post.pos.len() as u64);
                            p.extend_from_slice(&post.pos);
                        }
                    }
                    out.push((format!("c/{b:x}.bin"), c));
                    out.push((format!("p/{b:x}.bin"), p));
                }
                out
            })
            .collect();

        // Every bucket has its two files, so the script never asks for a missing one.
        let present: std::collections::HashSet<String> = files.iter().map(|f| f.0.clone()).collect();
        for b in 0..buckets {
            for dir in ["c", "p"] {
                let path = format!("{dir}/{b:x}.bin");
                if !present.contains(&path) {
                    files.push((path, Vec::new()));
                }
            }
        }
        let mut words: Vec<(String, Post)> = self.words.into_iter().collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        let entries: Vec<(String, Vec<u8>)> = words
            .into_iter()
            .map(|(w, post)| {
                let mut e = Vec::with_capacity(post.docs.len() + w.len() + 8);
                put(&mut e, w.len() as u64);
                e.extend_from_slice(w.as_bytes());
                put(&mut e, post.n as u64);
                put(&mut e, post.docs.len() as u64);
                e.extend_from_slice(&post.docs);
                (w, e)
            })
            .collect();
        let mut keys = Vec::new();
        latin_shards(&entries, 0, "", &mut keys, &mut files);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        (files, buckets, keys)
    }
}

/// Splits sorted word entries sharing a `prefix` into shards of at most [`LATIN_LIMIT`] bytes
/// where a longer prefix can split them.
fn latin_shards(entries: &[(String, Vec<u8>)], depth: usize, prefix: &str, keys: &mut Vec<String>, files: &mut Vec<(String, Vec<u8>)>) {
    if entries.is_empty() {
        return;
    }
    let size: usize = entries.iter().map(|e| e.1.len()).sum();
    let splittable = entries.iter().any(|e| e.0.len() > depth) && depth < 24;
    if depth > 0 && (size <= LATIN_LIMIT || !splittable) {
        keys.push(prefix.to_string());
        files.push((format!("l/{prefix}.bin"), entries.iter().flat_map(|e| e.1.iter().copied()).collect()));
        return;
    }
    // Entries equal to the prefix come first (sorted): they get the key `prefix_`.
    let exact = entries.iter().take_while(|e| e.0.len() == depth).count();
    if exact > 0 {
        let key = format!("{prefix}_");
        keys.push(key.clone());
        files.push((format!("l/{key}.bin"), entries[..exact].iter().flat_map(|e| e.1.iter().copied()).collect()));
    }
    let rest = &entries[exact..];
    let mut i = 0;
    while i < rest.len() {
        let b = rest[i].0.as_bytes()[depth];
        let mut j = i;
        while j < rest.len() && rest[j].0.as_bytes()[depth] == b {
            j += 1;
        }
        let child = format!("{prefix}{}", b as char);
        latin_shards(&rest[i..j], depth + 1, &child, keys, files);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut b = Vec::new();
        for v in [0u64, 1, 127, 128, 300, 1 << 20, u32::MAX as u64] {
            put(&mut b, v);
        }
        let mut i = 0;
        for v in [0u64, 1, 127, 128, 300, 1 << 20, u32::MAX as u64] {
            assert_eq!(get(&b, &mut i), v);
        }
        assert_eq!(i, b.len());
    }

    #[test]
    fn fnv_matches_reference() {
        assert_eq!(fnv(b""), 0x811c9dc5);
        assert_eq!(fnv(b"a"), 0xe40c292c);
        assert_eq!(fnv(b"foobar"), 0xbf9cf968);
    }

    #[test]
    fn keys_round_trip() {
        assert_eq!(key_string(key('网', Some('格'))), "网格");
        assert_eq!(key_string(key('网', None)), "网");
        assert!(is_bigram(key('a', Some('b'))));
    }
}
