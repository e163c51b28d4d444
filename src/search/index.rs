//! The index files: a term dictionary in hash shards, posting packs, Latin-word shards by
//! prefix, and the name tables of the dictionary shards (fragment packs and the manifest are
//! written by `mod.rs`).
//!
//! Terms are char n-grams of one, two and three chars. One- and two-char terms answer queries
//! of that length from their record lists alone; three-char terms also carry positions, so a
//! longer query is verified as a substring with the few rarest trigrams that cover it (the
//! dictionary gives every term's sizes before anything big is fetched).
//!
//! Postings are built in memory until they pass [`RUN_BYTES`], then written to unnamed
//! temporary files beside the output folder, one per partition of the terms; the last step
//! reads each partition back, joins its runs and writes its posting packs before the next.
//!
//! Every binary file starts with [`MAGIC`]; after it, sequences of unsigned LEB128 varints
//! ("v") and UTF-8 bytes. Every file is named `<name>.<tag>.bin`, the tag being [`tag`] of its
//! bytes in hex:
//!
//! - `d/<b>.<tag>.bin` (b = FNV-1a 32 of the term's UTF-8, modulo the manifest's `buckets`, in
//!   hex): entries sorted by term bytes: `v(len) term v(n) v(dlen) v(plen)`, then, when
//!   `dlen + plen <= INLINE`, the docs (dlen bytes) and positions (plen bytes) themselves;
//!   otherwise `v(pack << 1 | split) tag(4 bytes) v(offset) v(clen)`: the term's docs then
//!   positions, raw-deflated, are the `clen` bytes at `offset` of `p/<pack>.<tag>.bin`; when
//!   `split` is set (terms above [`SPLIT`]), those bytes are the docs alone and
//!   `v(pack) tag(4 bytes) v(offset) v(clen)` follows for the positions.
//! - `p/<pack>.<tag>.bin`: the magic, then compressed members. A member above [`SOLO`] bytes
//!   and every split-off position list is a file of its own, numbered [`solo_number`] (from
//!   its term's hash, at least [`SOLO_BASE`]); the others fill the small packs `0..P` (P from
//!   [`small_packs`]), a term's being its FNV-1a modulo P, members in term order. Nothing
//!   depends on the order terms were met in, so an edit rewrites only the files of the terms
//!   it touches ([`super::patch`]).
//! - `n/d<k>.<tag>.bin`: the tags (4 bytes each) of dictionary shards `k * TABLE ..`; the
//!   manifest lists these tables' tags (`d`).
//! - docs: for each of the n records, `v(id delta << 1 | more)` (the first delta from 0), and
//!   when `more` is set `v((tf - 1) << 1 | heading)`; without it tf is 1 and not in the heading.
//! - positions (trigrams only): for each record of the docs (same order) its tf positions as
//!   `v(p - previous p)` (the first from 0). Headings take positions from 0, bodies from [`BODY`].
//! - `l/<key>.<tag>.bin`: Latin words and numbers whose deepest shard key is `key` (a key ending
//!   in `_` holds only the word equal to the key without `_`): `v(len) word v(n) v(dlen) docs`.

use super::normalize::{is_space, normalize};
use super::records::Record;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A merged partition: its dictionary entries and its posting packs.
type MergedPartition = PartitionPostings;

/// A partition's dictionary entries, its solo posting files `(number, tag, member bytes)` and
/// its small members `(entry, kind, bytes)` ([`posting_packs`]).
type PartitionPostings = (Vec<DictEntry>, Vec<(u64, Tag, Vec<u8>)>, Vec<(usize, Member, Vec<u8>)>);

/// First position of a record's body; the heading comes before.
pub const BODY: u32 = 1024;
/// Partitions the merge runs in (a power of two). Each is merged back from the spill files on
/// its own, so more partitions hold less at once at the end.
const PARTS: usize = 16;
/// Target size of a dictionary shard: a query of six chars reads four shards, so they are kept
/// small (1,024 shards at 10,000 reports).
const DICT_TARGET: usize = 2 * 1024;
/// Docs and positions of a term up to this many bytes stay in its dictionary entry. 512 was
/// tried: 27,721 fewer files at 10k and the same downloads, but no measurable time, and the
/// example site then had no posting files for the browser test to fetch (figures:
/// bench/results/2026-12-02T140000Z-4b477eb.json).
pub const INLINE: usize = 96;
/// Latin shards are split by a further character above this size.
const LATIN_LIMIT: usize = 32 * 1024;
/// A term whose compressed postings pass this many bytes has a posting file of its own, so a
/// query pays exactly its bytes for it (the terms a typical query fetches are of this kind).
pub const SOLO: usize = 12 * 1024;
/// The smaller members share packs, a term's chosen by its hash: as many packs (a power of
/// two) as make them this many compressed bytes on average or up to twice that
/// ([`small_packs`]; 1,024 packs of about 19 KB at 1,000 reports), so that a query that needs
/// one small term pays little more than the median query's postings, and an edit rewrites
/// only the packs of the terms it touches.
pub const PACK: usize = 12 * 1024;
/// A term of more than this many bytes of docs and positions (uncompressed) has them
/// compressed apart, so that a query of three chars, which needs only the docs, does not
/// download the positions (about 64 KB compressed: the largest few hundred terms at 10,000
/// reports); the positions are then a file of their own.
pub const SPLIT: usize = 112 * 1024;
/// Solo posting files are numbered from here on ([`solo_number`]); the small packs below.
pub const SOLO_BASE: u64 = 1 << 16;
/// Tags per name table (`n/d<k>`, `n/f<k>`): 132 bytes each; a query reads one per dictionary
/// shard and fragment pack it needs (64 saved 165 files at 10,000 reports but cost a first
/// page of results 1.3 KB more).
pub const TABLE: usize = 32;
/// The first four bytes of every binary search file (format 4): a file that does not start
/// with them was changed on the way (a host that compressed it without saying so, an error
/// page) and is refused with a message, never decoded into garbage.
pub const MAGIC: &[u8; 4] = b"JXS4";

/// A file's tag: the first four bytes of the SHA-256 of its bytes, in its name as eight hex
/// digits. A file's name changes whenever its bytes do, so a browser or CDN never serves a
/// file of another build under a name this build's manifest leads to.
pub type Tag = [u8; 4];

/// The [`Tag`] of `bytes`.
pub fn tag(bytes: &[u8]) -> Tag {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)[..4].try_into().expect("four bytes")
}

/// A tag as it appears in names: eight lower-case hex digits.
pub fn hex(t: &Tag) -> String {
    t.iter().map(|b| format!("{b:02x}")).collect()
}

/// libdeflate level of the posting members ([`members`], [`deflate`]). Postings are varints,
/// where deflate finds few matches and gains mostly by its Huffman codes. On the generated
/// 1,000-report corpus (12,514 members, 32.35 MB raw, compressed alone under callgrind)
/// libdeflate at 6 writes 0.8 % fewer bytes than zlib-rs at 4 did (19.41 against 19.57 MB) in
/// 48 % of its instructions; at 4 it wrote 0.4 % fewer than zlib-rs at 4 in 42 %, at 7 0.07 %
/// fewer than at 6 for 3 % more instructions. (zlib-rs at 4 wrote 0.2 % more than its 6, at 2
/// 1.4 % more, at 1, static codes only, 25 % more.)
pub const POSTING_LEVEL: u32 = 6;
/// libdeflate level of the fragment dictionary's file (`z`, 24 KB raw): one file, which every
/// query that shows texts fetches, so the slowest and smallest level (1,000-report corpus:
/// 7,106 bytes, where zlib-rs at 5 wrote 7,674).
pub const DICTIONARY_LEVEL: u32 = 12;
/// zlib-rs level of the fragment packs ([`deflate_with`]): level 5 searches a quarter of level
/// 6's match chain and writes 1.3 % more bytes (1,000-report corpus, with the dictionary: 0.148
/// against 0.146 of the raw bytes) in about four fifths of the time; level 4 writes 4.8 % more.
pub const FRAGMENT_LEVEL: u32 = 5;

thread_local! {
    /// Each thread's libdeflate compressor for [`deflate`], with its level: a new one allocates
    /// its match finder's tables, a cost paid once per thread rather than once per posting
    /// member (2.6 KB on average). libdeflate keeps nothing from one call to the next, so a
    /// reused one writes the bytes a new one writes (a test checks it).
    static COMPRESSOR: std::cell::RefCell<Option<(u32, libdeflater::Compressor)>> = const { std::cell::RefCell::new(None) };
}

/// Raw deflate (RFC 1951, no header) at libdeflate's `level` (0 to 12), what the browser's
/// `DecompressionStream("deflate-raw")` and search.js's own inflate read. libdeflate compresses
/// a whole buffer at once, which suits the many small posting members: its Huffman setup and
/// match finder cost less per call than zlib's streaming ones, and it writes fewer bytes at a
/// given speed. Its output depends on its version and level only: the crate's version is
/// pinned in Cargo.toml, since a patch compares these bytes with the published ones.
pub fn deflate(bytes: &[u8], level: u32) -> Vec<u8> {
    COMPRESSOR.with_borrow_mut(|held| {
        let c = match held {
            Some((l, c)) if *l == level => c,
            _ => {
                let lvl = i32::try_from(level).ok().and_then(|l| libdeflater::CompressionLvl::new(l).ok()).expect("a libdeflate level, 0 to 12");
                &mut held.insert((level, libdeflater::Compressor::new(lvl))).1
            }
        };
        let mut out = vec![0; c.deflate_compress_bound(bytes.len())];
        let n = c.deflate_compress(bytes, &mut out).expect("the bound holds the output");
        out.truncate(n);
        out.shrink_to_fit();
        out
    })
}

/// Raw deflate at zlib-rs's `level` with a preset dictionary (RFC 1951 allows back-references
/// into bytes that come before the data; zlib's `deflateSetDictionary`, which libdeflate does
/// not have): the fragment packs share one, built from the texts reports have in common
/// ([`super::fragment_dictionary`]). A new compressor each time: one reset and given the
/// dictionary again wrote a few bytes otherwise.
pub fn deflate_with(bytes: &[u8], dictionary: &[u8], level: u32) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::new(level), false);
    c.set_dictionary(dictionary).expect("a dictionary is set before any data");
    compress(&mut c, bytes)
}

/// All of `bytes` through a new compressor, to the end of the stream.
fn compress(c: &mut flate2::Compress, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    loop {
        let done = c.total_in() as usize;
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.capacity().max(4096));
        }
        match c.compress_vec(&bytes[done..], &mut out, flate2::FlushCompress::Finish).expect("deflating in memory") {
            flate2::Status::StreamEnd => return out,
            flate2::Status::Ok | flate2::Status::BufError => {}
        }
    }
}

/// Inflates raw deflate bytes ([`deflate`]).
pub fn inflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    inflate_with(bytes, &[])
}

/// Inflates raw deflate bytes made with a preset dictionary ([`deflate_with`]).
pub fn inflate_with(bytes: &[u8], dictionary: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut d = flate2::Decompress::new(false);
    if !dictionary.is_empty() {
        d.set_dictionary(dictionary).map_err(std::io::Error::other)?;
    }
    let mut out = Vec::with_capacity(bytes.len() * 4 + 64);
    loop {
        let done = d.total_in() as usize;
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.capacity().max(4096));
        }
        let before = (d.total_in(), d.total_out());
        match d.decompress_vec(&bytes[done..], &mut out, flate2::FlushDecompress::Finish).map_err(std::io::Error::other)? {
            flate2::Status::StreamEnd => return Ok(out),
            _ if (d.total_in(), d.total_out()) == before && out.capacity() > out.len() => {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "deflate data ends early"));
            }
            _ => {}
        }
    }
}

/// The bytes of a search file after its [`MAGIC`], or what is wrong with it.
pub fn after_magic<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a [u8], String> {
    match bytes.strip_prefix(MAGIC) {
        Some(rest) => Ok(rest),
        None => Err(format!("{path}: not a jixiao search file of this version (it starts with {:02x?}, not {:02x?})", &bytes[..bytes.len().min(4)], MAGIC)),
    }
}

/// FNV-1a, 32 bits, as in search.js.
pub fn fnv(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Appends an unsigned LEB128 varint; returns its length.
pub fn put(out: &mut Vec<u8>, mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
        n += 1;
    }
    out.push(v as u8);
    n
}

/// Reads an unsigned LEB128 varint at `*i`.
pub fn get(bytes: &[u8], i: &mut usize) -> u64 {
    let (mut v, mut shift) = (0u64, 0);
    while let Some(&b) = bytes.get(*i) {
        *i += 1;
        v |= ((b as u64) & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// File name of a term's own posting files: its code points in hex, joined by `-`.
pub fn term_name(term: &str) -> String {
    term.chars().map(|c| format!("{:x}", c as u32)).collect::<Vec<_>>().join("-")
}

/// A multiplicative hasher for the packed `u64` terms (SipHash was a tenth of the index time).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        // The product's low bits depend only on the key's low bits, which are zero for every
        // one- and two-char term; hash tables index by the low bits, so fold the high ones in.
        self.0 ^ (self.0 >> 32)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A char n-gram of one to three chars packed into a `u64`: each char plus one in 21 bits,
/// the first char highest, missing chars zero. Hashing and comparing these needs no `String`.
/// ([`occurrences`] packs its n-grams the same way, from code points.)
#[cfg(test)]
fn pack(a: char, b: Option<char>, c: Option<char>) -> u64 {
    let f = |c: Option<char>| c.map_or(0, |c| c as u64 + 1);
    (f(Some(a)) << 42) | (f(b) << 21) | f(c)
}

/// The chars of a packed term, as UTF-8.
pub(super) fn unpack(k: u64) -> String {
    [k >> 42, k >> 21, k]
        .iter()
        .map(|v| v & 0x1f_ffff)
        .filter(|&v| v != 0)
        .map(|v| char::from_u32(v as u32 - 1).unwrap_or('\u{fffd}'))
        .collect()
}

/// Whether a packed term is a trigram (the only terms with positions).
pub(super) fn is_trigram(k: u64) -> bool {
    k & 0x1f_ffff != 0
}

/// The partition a term is merged in.
fn part(k: u64) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - PARTS.trailing_zeros())) as usize
}

/// One term of one record: 16 bytes (a batch of records holds tens of millions of bytes of
/// them at 10,000 reports).
struct TermOcc {
    key: u64,
    /// Occurrences, shifted left by one, the low bit set when one is in the heading.
    tf_heading: u32,
    /// Where its positions start in [`RecordTerms::positions`] (trigrams only: `tf` of them).
    from: u32,
}

impl TermOcc {
    fn tf(&self) -> u32 {
        self.tf_heading >> 1
    }

    fn heading(&self) -> bool {
        self.tf_heading & 1 == 1
    }

    /// Its positions, out of its record's.
    fn positions<'a>(&self, all: &'a [u32]) -> &'a [u32] {
        if is_trigram(self.key) { &all[self.from as usize..(self.from + self.tf()) as usize] } else { &[] }
    }
}

/// The terms of one record, by partition.
struct RecordTerms {
    id: u32,
    parts: Vec<Vec<TermOcc>>,
    positions: Vec<u32>,
    words: Vec<(String, u32, bool)>,
}

/// Calls `term(key, position)` for every n-gram occurrence of a record, in text order, and
/// collects its Latin words `(word, in heading)`.
///
/// The units and positions are those of [`units`](super::normalize::units) (a test checks it
/// against a version built on it), read straight from the UTF-8 bytes: this loop runs for
/// every char the site holds.
fn occurrences<'a>(head: &'a str, body: &'a str, mut term: impl FnMut(u64, u32), words: &mut Vec<(&'a str, bool)>) {
    for (text, start) in [(head, 0u32), (body, BODY)] {
        let b = text.as_bytes();
        // Units of the heading from this position on would overlap the body's.
        let end = if start == 0 { BODY - 1 } else { u32::MAX };
        // The previous two chars, plus one, when they are the adjacent units just before
        // (0 otherwise): they form the bigram and trigram ending at the current char.
        let (mut c1, mut c2) = (0u64, 0u64);
        let (mut i, mut pos) = (0usize, start);
        while i < b.len() && pos < end {
            let x = b[i];
            let c = if x < 0x80 {
                if x.is_ascii_lowercase() || x.is_ascii_digit() {
                    // A word: letters and digits, and a `.` between two digits.
                    let from = i;
                    i += 1;
                    while i < b.len() {
                        if b[i].is_ascii_lowercase() || b[i].is_ascii_digit() {
                            i += 1;
                        } else if b[i] == b'.' && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                            i += 2;
                        } else {
                            break;
                        }
                    }
                    words.push((&text[from..i], start == 0));
                    (c1, c2) = (0, 0);
                    pos += 1;
                    continue;
                }
                i += 1;
                x as u32
            } else {
                let (cp, len) = match x {
                    0xC0..=0xDF => (((x as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2),
                    0xE0..=0xEF => (((x as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F), 3),
                    _ => (
                        ((x as u32 & 0x07) << 18) | ((b[i + 1] as u32 & 0x3F) << 12) | ((b[i + 2] as u32 & 0x3F) << 6) | (b[i + 3] as u32 & 0x3F),
                        4,
                    ),
                };
                i += len;
                cp
            };
            if char::from_u32(c).is_some_and(is_space) {
                (c1, c2) = (0, 0);
                pos += 1;
                continue;
            }
            // Packed as `pack` does: each char plus one in 21 bits, the first highest.
            let k = c as u64 + 1;
            term(k << 42, pos);
            if c1 != 0 {
                term((c1 << 42) | (k << 21), pos - 1);
                if c2 != 0 {
                    term((c2 << 42) | (c1 << 21) | k, pos - 2);
                }
            }
            (c2, c1) = (c1, k);
            pos += 1;
        }
    }
}

/// One slot of a [`TermIndex`].
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    /// The record the slot was filled for: any other stamp means empty.
    stamp: u32,
    term: u32,
}

/// Term → its index in [`Scratch::terms`], for the record at hand: open addressing with
/// linear probing, sized to the record. A slot filled for an earlier record counts as empty,
/// so nothing is cleared between records. Three lookups per char make this the index stage's
/// hottest loop: a general hash map spent about 86 instructions per lookup.
#[derive(Default)]
struct TermIndex {
    slots: Vec<Slot>,
    /// The table in use is `slots[..1 << bits]`.
    bits: u32,
    stamp: u32,
    len: usize,
}

impl TermIndex {
    /// Empties the index for a record of about `expected` distinct terms.
    fn start(&mut self, expected: usize) {
        self.empty((expected.max(256) * 2).next_power_of_two().trailing_zeros());
    }

    /// Empties the index, with a table of `1 << bits` slots.
    fn empty(&mut self, bits: u32) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Stamps wrapped around: old slots could pass for new ones.
            self.slots.iter_mut().for_each(|s| s.stamp = 0);
            self.stamp = 1;
        }
        self.bits = bits;
        if self.slots.len() < 1 << bits {
            self.slots.resize(1 << bits, Slot::default());
        }
        self.len = 0;
    }

    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        // Fibonacci hashing: the product's high bits depend on every bit of the key.
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize
    }

    /// The term index of `key`, or `new()`'s, stored for it, when the record has no `key` yet.
    #[inline(always)]
    fn get_or_insert(&mut self, key: u64, new: impl FnOnce() -> u32) -> u32 {
        if self.len * 4 >= 3 << self.bits {
            self.grow();
        }
        let mask = (1 << self.bits) - 1;
        let mut h = self.home(key);
        loop {
            let slot = &mut self.slots[h];
            if slot.stamp != self.stamp {
                let term = new();
                *slot = Slot { key, stamp: self.stamp, term };
                self.len += 1;
                return term;
            }
            if slot.key == key {
                return slot.term;
            }
            h = (h + 1) & mask;
        }
    }

    /// Doubles the table, keeping its entries (a record with more distinct terms than expected).
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old: Vec<Slot> = self.slots[..1 << self.bits].iter().filter(|s| s.stamp == self.stamp).copied().collect();
        self.empty(self.bits + 1);
        for s in old {
            self.get_or_insert(s.key, || s.term);
        }
    }
}

/// Per-thread buffers of [`record_terms`], reused from record to record.
#[derive(Default)]
struct Scratch {
    /// Term → its index in `terms`, for the record at hand.
    index: TermIndex,
    /// `(key, tf, heading)` of each distinct term, in order of first occurrence.
    terms: Vec<(u64, u32, bool)>,
    /// `(term index, position)` of every trigram occurrence, in text order.
    trigrams: Vec<(u32, u32)>,
    /// Where each term's next position goes in the grouped positions (after the fill: where
    /// they end).
    ends: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// A record's terms with their frequencies and trigram positions. Occurrences are grouped with
/// a small per-record hash map (it stays in cache) and the positions by a counting sort, both
/// linear: sorting every occurrence was the largest part of the index stage.
fn record_terms(r: &Record) -> RecordTerms {
    let head = normalize(&r.heading);
    let body = normalize(&r.text);
    SCRATCH.with_borrow_mut(|sc| {
        let Scratch { index, terms, trigrams, ends } = sc;
        // Distinct terms are at most three per char; about one per byte of Chinese text.
        index.start(head.len() + body.len());
        terms.clear();
        trigrams.clear();
        let mut word_occ: Vec<(&str, bool)> = Vec::new();
        occurrences(
            &head,
            &body,
            |key, p| {
                // One hash and probe per occurrence, found or new (most of a record's
                // n-grams are new to it).
                let i = index.get_or_insert(key, || {
                    terms.push((key, 0, false));
                    terms.len() as u32 - 1
                });
                let t = &mut terms[i as usize];
                t.1 += 1;
                t.2 |= p < BODY;
                if is_trigram(key) {
                    trigrams.push((i, p));
                }
            },
            &mut word_occ,
        );
        // Counting sort of the trigram positions by term; text order is kept within a term.
        ends.clear();
        let mut total = 0u32;
        for &(key, tf, _) in terms.iter() {
            ends.push(total);
            if is_trigram(key) {
                total += tf;
            }
        }
        let mut positions = vec![0u32; total as usize];
        for &(i, p) in trigrams.iter() {
            positions[ends[i as usize] as usize] = p;
            ends[i as usize] += 1;
        }
        // Each partition's list sized exactly first: growing eight lists term by term was
        // dozens of reallocations per record.
        let mut counts = [0usize; PARTS];
        for &(key, _, _) in terms.iter() {
            counts[part(key)] += 1;
        }
        let mut parts: Vec<Vec<TermOcc>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
        for (&(key, tf, heading), &end) in terms.iter().zip(ends.iter()) {
            // Only trigrams have positions: they end where the fill stopped.
            parts[part(key)].push(TermOcc { key, tf_heading: tf << 1 | heading as u32, from: if is_trigram(key) { end - tf } else { end } });
        }
        word_occ.sort_unstable();
        let words = word_occ
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0.to_string(), run.len() as u32, run.iter().any(|w| w.1)))
            .collect();
        RecordTerms { id: r.id, parts, positions, words }
    })
}

/// Posting bytes in chunks of at most [`CHUNK_BYTES`] that stay where they are once full.
/// A list grows by doubling only up to that size: doubling whole lists left a third of their
/// memory unused and freed every smaller copy on the way (at 10k, 312 MB of postings took
/// 477 MB as doubling `Vec`s, 350 MB in chunks). The files are written from the chunks.
#[derive(Debug, Default)]
pub struct Chunked {
    full: Vec<Vec<u8>>,
    tail: Vec<u8>,
}

/// See [`Chunked`].
const CHUNK_BYTES: usize = 4096;

impl Chunked {
    /// The chunk to append one varint to (at most ten bytes).
    #[inline(always)]
    fn room(&mut self) -> &mut Vec<u8> {
        if self.tail.capacity() - self.tail.len() < 10 && self.tail.capacity() >= CHUNK_BYTES {
            self.seal();
        }
        &mut self.tail
    }

    #[cold]
    #[inline(never)]
    fn seal(&mut self) {
        let tail = std::mem::replace(&mut self.tail, Vec::with_capacity(CHUNK_BYTES));
        self.full.push(tail);
    }

    /// Appends bytes, filling the last chunk first.
    pub fn extend_from_slice(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let free = self.tail.capacity() - self.tail.len();
            if free == 0 && self.tail.capacity() >= CHUNK_BYTES {
                self.seal();
                continue;
            }
            if free < bytes.len() && self.tail.capacity() < CHUNK_BYTES {
                // Grown as `room` grows it, by doubling up to a chunk.
                let want = (self.tail.capacity() * 2).max(self.tail.len() + bytes.len()).min(CHUNK_BYTES);
                self.tail.reserve_exact(want - self.tail.len());
            }
            let n = (self.tail.capacity() - self.tail.len()).min(bytes.len());
            self.tail.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
        }
    }

    /// Bytes held.
    pub fn len(&self) -> usize {
        self.full.iter().map(Vec::len).sum::<usize>() + self.tail.len()
    }

    /// Whether it holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.tail.is_empty() && self.full.is_empty()
    }

    /// The bytes, in order.
    pub fn parts(&self) -> impl Iterator<Item = &[u8]> {
        self.full.iter().chain(std::iter::once(&self.tail)).map(Vec::as_slice).filter(|p| !p.is_empty())
    }

    /// A copy of the bytes in one `Vec`.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        self.parts().for_each(|p| out.extend_from_slice(p));
        out
    }

    /// The bytes in one `Vec`.
    pub fn into_vec(self) -> Vec<u8> {
        if self.full.is_empty() {
            return self.tail;
        }
        let mut out = Vec::with_capacity(self.len());
        self.parts().for_each(|p| out.extend_from_slice(p));
        out
    }
}

impl From<Vec<u8>> for Chunked {
    fn from(tail: Vec<u8>) -> Chunked {
        Chunked { full: Vec::new(), tail }
    }
}

/// A term's postings as they grow.
#[derive(Default)]
struct Post {
    n: u32,
    last: u32,
    docs: Chunked,
    pos: Chunked,
}

impl Post {
    /// Adds one record; returns the bytes it took.
    fn add(&mut self, id: u32, tf: u32, heading: bool) -> usize {
        let delta = if self.n == 0 { id } else { id - self.last };
        let more = tf > 1 || heading;
        let mut bytes = put(self.docs.room(), ((delta as u64) << 1) | more as u64);
        if more {
            bytes += put(self.docs.room(), (((tf - 1) as u64) << 1) | heading as u64);
        }
        self.n += 1;
        self.last = id;
        bytes
    }

    /// Adds a record's positions; returns the bytes they took.
    fn add_positions(&mut self, positions: &[u32]) -> usize {
        let (mut prev, mut bytes) = (0, 0);
        for &q in positions {
            bytes += put(self.pos.room(), (q - prev) as u64);
            prev = q;
        }
        bytes
    }

    /// Appends the postings of later records, as encoded by a `Post` of their own: `n` records,
    /// the last `last`, docs and positions in parts (a varint is never split between parts).
    /// Their docs' first delta counts from 0 and is made to count from `self.last` here.
    fn append<'a>(&mut self, n: u32, last: u32, mut docs: impl Iterator<Item = &'a [u8]>, pos: impl Iterator<Item = &'a [u8]>) {
        if self.n > 0 {
            let first = docs.next().unwrap_or_default();
            let mut i = 0;
            let v = get(first, &mut i);
            put(self.docs.room(), ((((v >> 1) as u32 - self.last) as u64) << 1) | (v & 1));
            self.docs.extend_from_slice(&first[i..]);
        }
        docs.for_each(|p| self.docs.extend_from_slice(p));
        pos.for_each(|p| self.pos.extend_from_slice(p));
        self.n += n;
        self.last = last;
    }

    /// [`append`](Post::append)s another `Post`, taking it over whole when this one is empty.
    fn append_post(&mut self, other: Post) {
        if self.n == 0 {
            *self = other;
        } else {
            self.append(other.n, other.last, other.docs.parts(), other.pos.parts());
        }
    }
}

/// Posting bytes held in memory before they are written to the spill files: the postings of a
/// large site (312 MB at 10,000 reports) would otherwise all sit in memory until the end.
const RUN_BYTES: usize = 24 << 20;

/// One partition's terms: the postings of the current run in memory, the earlier runs in a
/// temporary file (unnamed, removed by the system when closed, even after a crash).
#[derive(Default)]
struct Partition {
    run: FxMap<u64, Post>,
    spill: Option<std::io::BufWriter<std::fs::File>>,
}

/// Size of a spilled term's header: key, record count, last record, docs and positions bytes.
const SPILL_HEADER: usize = 8 + 4 * 4;

impl Partition {
    /// Writes the run's postings to the spill file and empties the run.
    fn spill(&mut self, dir: &std::path::Path) -> std::io::Result<()> {
        use std::io::Write;
        if self.spill.is_none() {
            std::fs::create_dir_all(dir)?;
            self.spill = Some(std::io::BufWriter::with_capacity(256 * 1024, tempfile::tempfile_in(dir)?));
        }
        let file = self.spill.as_mut().expect("just opened");
        for (key, post) in self.run.drain() {
            let mut header = [0u8; SPILL_HEADER];
            header[..8].copy_from_slice(&key.to_le_bytes());
            for (i, v) in [post.n, post.last, post.docs.len() as u32, post.pos.len() as u32].into_iter().enumerate() {
                header[8 + 4 * i..12 + 4 * i].copy_from_slice(&v.to_le_bytes());
            }
            file.write_all(&header)?;
            for p in post.docs.parts().chain(post.pos.parts()) {
                file.write_all(p)?;
            }
        }
        Ok(())
    }

    /// Every term's whole postings: the spilled runs in order, then the run in memory.
    fn merge(self) -> std::io::Result<FxMap<u64, Post>> {
        use std::io::{Read, Seek};
        let Partition { run, spill } = self;
        let Some(spill) = spill else { return Ok(run) };
        let mut file = spill.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        file.seek(std::io::SeekFrom::Start(0))?;
        let mut reader = std::io::BufReader::with_capacity(256 * 1024, file);
        let mut merged: FxMap<u64, Post> = FxMap::default();
        let (mut header, mut docs, mut pos) = ([0u8; SPILL_HEADER], Vec::new(), Vec::new());
        loop {
            match reader.read_exact(&mut header) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(e) => return Err(e),
            }
            let word = |i: usize| u32::from_le_bytes(header[8 + 4 * i..12 + 4 * i].try_into().expect("four bytes"));
            let key = u64::from_le_bytes(header[..8].try_into().expect("eight bytes"));
            let (n, last) = (word(0), word(1));
            docs.resize(word(2) as usize, 0);
            pos.resize(word(3) as usize, 0);
            reader.read_exact(&mut docs)?;
            reader.read_exact(&mut pos)?;
            merged.entry(key).or_default().append(n, last, std::iter::once(&docs[..]), std::iter::once(&pos[..]));
        }
        for (key, post) in run {
            merged.entry(key).or_default().append_post(post);
        }
        Ok(merged)
    }
}

/// Reading or writing a spill file in `dir` failed.
#[derive(Debug)]
pub struct SpillError {
    /// The folder of the spill files.
    pub dir: std::path::PathBuf,
    /// "write" or "read".
    pub action: &'static str,
    /// What the system said.
    pub error: std::io::Error,
}

impl From<SpillError> for std::io::Error {
    fn from(e: SpillError) -> std::io::Error {
        std::io::Error::new(e.error.kind(), format!("{}: {}", e.dir.display(), e.error))
    }
}

/// Files the small posting members are spread over while the partitions are merged, by their
/// term's hash modulo this: the small-pack count is a multiple of it (at least the dictionary
/// shard count, itself at least 16), so each file holds whole packs.
const SMALL_FILES: usize = 16;

/// The small posting members of the partitions merged so far, waiting in unnamed temporary
/// files for the small-pack count, which depends on all of them ([`small_packs`]): held in
/// memory they were the largest part of the stage's peak (about 120 MB at 10,000 reports).
/// Each member is `entry (u32 LE), kind (u8), length (u32 LE), bytes`.
#[derive(Default)]
struct SmallMembers {
    files: Vec<Option<std::io::BufWriter<std::fs::File>>>,
    /// Compressed bytes of the members put.
    bytes: usize,
}

impl SmallMembers {
    /// Adds the member of entry `entry` (its term's hash `hash`).
    fn put(&mut self, dir: &std::path::Path, entry: usize, hash: u32, kind: Member, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        if self.files.is_empty() {
            self.files.resize_with(SMALL_FILES, || None);
        }
        let slot = &mut self.files[hash as usize % SMALL_FILES];
        if slot.is_none() {
            std::fs::create_dir_all(dir)?;
            *slot = Some(std::io::BufWriter::with_capacity(64 * 1024, tempfile::tempfile_in(dir)?));
        }
        let file = slot.as_mut().expect("just opened");
        file.write_all(&(entry as u32).to_le_bytes())?;
        file.write_all(&[kind as u8])?;
        file.write_all(&(bytes.len() as u32).to_le_bytes())?;
        file.write_all(bytes)?;
        self.bytes += bytes.len();
        Ok(())
    }

    /// The members of one file, in the order they were put.
    fn read_back(file: std::io::BufWriter<std::fs::File>) -> std::io::Result<Vec<(usize, Member, Vec<u8>)>> {
        use std::io::{Read, Seek};
        let mut file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        file.seek(std::io::SeekFrom::Start(0))?;
        let mut all = Vec::new();
        file.read_to_end(&mut all)?;
        let mut out = Vec::new();
        let mut i = 0;
        while i + 9 <= all.len() {
            let entry = u32::from_le_bytes(all[i..i + 4].try_into().expect("four bytes")) as usize;
            let kind = [Member::Both, Member::Docs, Member::Positions][all[i + 4] as usize];
            let len = u32::from_le_bytes(all[i + 5..i + 9].try_into().expect("four bytes")) as usize;
            out.push((entry, kind, all[i + 9..i + 9 + len].to_vec()));
            i += 9 + len;
        }
        Ok(out)
    }
}

/// A term's entry in its dictionary shard, with its postings when they are inlined, else where
/// its compressed postings lie in a posting pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DictEntry {
    pub(super) hash: u32,
    pub(super) term: String,
    pub(super) n: u32,
    pub(super) dlen: usize,
    pub(super) plen: usize,
    pub(super) inline: Vec<u8>,
    /// Where its compressed postings are: docs and positions together, or, for a term of more
    /// than [`SPLIT`] bytes, the docs alone.
    pub(super) packed: Option<Loc>,
    /// Where the positions are when they are compressed apart from the docs ([`SPLIT`]).
    pub(super) positions: Option<Loc>,
}

/// Where a compressed member is: (pack number, the pack's tag, offset in the pack, compressed
/// length).
pub(super) type Loc = (u64, Tag, u32, u32);

/// Builds the index of records added in id order, chunk by chunk. Postings go to temporary
/// files in `spill_dir` whenever those in memory pass [`RUN_BYTES`]; [`finish`]
/// (IndexBuilder::finish) merges them back one partition at a time.
pub struct IndexBuilder {
    parts: Vec<Partition>,
    words: FxMap<String, Post>,
    spill_dir: std::path::PathBuf,
    run_bytes: usize,
    /// Posting bytes in memory now, and written to the spill files so far.
    held: usize,
    spilled: usize,
}

/// The postings an [`IndexBuilder`] holds before [`IndexBuilder::finish`] merges them back.
#[derive(Debug, Clone, Copy, Default)]
pub struct PostingBytes {
    /// Posting bytes added, in memory and spilled.
    pub total: usize,
    /// Of them, written to spill files.
    pub spilled: usize,
    /// Postings in memory past this many bytes are spilled.
    pub run: usize,
    /// Resident memory of the process when counted, in kB (Linux; 0 elsewhere).
    pub rss_kb: u64,
}

/// The index files (path under `search/`, bytes) and what the manifest says of them.
pub type Finished = (Vec<(String, Chunked)>, IndexNames, Vec<(String, String)>);

/// What the manifest needs of the index files [`IndexBuilder::finish`] wrote.
#[derive(Debug, Clone, Default)]
pub struct IndexNames {
    /// Dictionary shard count.
    pub buckets: u32,
    /// Tags of the name tables of the dictionary shards (`n/d<k>.<tag>.bin`, [`TABLE`] shards each).
    pub tables: Vec<String>,
    /// The dictionary's weight ([`DictEntry::weight`] summed), which gives `buckets`.
    pub total: usize,
    /// Compressed bytes of the small members, which give the small packs' count ([`small_packs`]).
    pub small: usize,
}

/// The dictionary shard count for entries of `total` weight: about [`DICT_TARGET`] bytes each,
/// a power of two.
pub(super) fn shard_count(total: usize) -> u32 {
    (total / DICT_TARGET).next_power_of_two().clamp(16, 1 << 16) as u32
}

/// The path of dictionary shard `b` under `search/`.
pub(super) fn shard_name(b: usize, t: &Tag) -> String {
    format!("d/{b:x}.{}.bin", hex(t))
}

impl DictEntry {
    /// About the bytes the entry takes in its shard (what the shard count is made from).
    pub(super) fn weight(&self) -> usize {
        self.term.len() + 8 + self.inline.len() + 12 * (self.packed.is_some() as usize + self.positions.is_some() as usize)
    }
}

/// A Latin word's entry: `v(len) word v(n) v(dlen) docs`.
pub(super) fn latin_entry(word: &str, n: u32, docs: &[u8]) -> Vec<u8> {
    let mut e = Vec::with_capacity(docs.len() + word.len() + 8);
    put(&mut e, word.len() as u64);
    e.extend_from_slice(word.as_bytes());
    put(&mut e, n as u64);
    put(&mut e, docs.len() as u64);
    e.extend_from_slice(docs);
    e
}

/// Index files `(path under search/, bytes)`.
pub(super) type Files = Vec<(String, Chunked)>;

/// The Latin shard keys with their tags (`latin.<tag>.json`).
pub(super) type LatinKeys = Vec<(String, String)>;

/// The Latin shard files of word entries sorted by word, and their keys with their tags.
pub(super) fn latin_files(entries: &[(String, Vec<u8>)]) -> (Files, LatinKeys) {
    let mut latin = Vec::new();
    latin_shards(entries, 0, "", &mut latin);
    let mut files = Vec::with_capacity(latin.len());
    let mut keys = Vec::with_capacity(latin.len());
    for (key, bytes) in latin {
        let t = hex(&tag(&bytes));
        files.push((format!("l/{key}.{t}.bin"), bytes.into()));
        keys.push((key, t));
    }
    (files, keys)
}

impl IndexBuilder {
    /// A builder whose spill files go to `spill_dir` (created when needed).
    pub fn new(spill_dir: &std::path::Path) -> IndexBuilder {
        IndexBuilder::with_run_bytes(spill_dir, RUN_BYTES)
    }

    /// A builder that spills whenever more than `run_bytes` of postings are in memory (tests
    /// make it spill often).
    pub fn with_run_bytes(spill_dir: &std::path::Path, run_bytes: usize) -> IndexBuilder {
        IndexBuilder {
            parts: (0..PARTS).map(|_| Partition::default()).collect(),
            words: FxMap::default(),
            spill_dir: spill_dir.to_path_buf(),
            run_bytes,
            held: 0,
            spilled: 0,
        }
    }

    /// The postings added so far (and the process's memory now).
    pub fn posting_bytes(&self) -> PostingBytes {
        PostingBytes { total: self.held + self.spilled, spilled: self.spilled, run: self.run_bytes, rss_kb: crate::memory_kb("VmRSS:") }
    }

    /// Adds records, which must come after every record added before, in id order.
    pub fn add(&mut self, records: &[Record]) -> Result<(), SpillError> {
        let terms: Vec<RecordTerms> = records.par_iter().map(record_terms).collect();
        let (parts, words) = (&mut self.parts, &mut self.words);
        // Each partition walks the batch record by record: a hash probe and an append per
        // (record, term) pair, the stage's largest cost with deflate (12.3 M pairs at 1,000
        // reports; the loads of the terms, their positions and the table's entries miss the
        // cache). Grouping a partition's pairs by term first (a counting sort, so that each
        // term's postings are reached once per batch) made it slower, and handing the merge
        // each record's positions already encoded in partition order no faster (1,000
        // reports, `jixiao-bench probe index`, add step's CPU: 1.9–2.1 → 2.7–3.9 s in 3 runs;
        // median of 10 alternating runs 1.71 → 1.82 s; machine at load 10).
        let (added, ()) = rayon::join(
            || {
                parts
                    .par_iter_mut()
                    .enumerate()
                    .map(|(p, part)| {
                        let mut bytes = 0;
                        for rt in &terms {
                            for t in &rt.parts[p] {
                                let post = part.run.entry(t.key).or_default();
                                bytes += post.add(rt.id, t.tf(), t.heading());
                                bytes += post.add_positions(t.positions(&rt.positions));
                            }
                        }
                        bytes
                    })
                    .sum::<usize>()
            },
            || {
                for rt in &terms {
                    for (w, tf, heading) in &rt.words {
                        match words.get_mut(w.as_str()) {
                            Some(p) => {
                                p.add(rt.id, *tf, *heading);
                            }
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
        self.held += added;
        if self.held > self.run_bytes {
            let dir = &self.spill_dir;
            self.parts.par_iter_mut().try_for_each(|part| part.spill(dir)).map_err(|error| SpillError { dir: dir.clone(), action: "write", error })?;
            self.spilled += self.held;
            self.held = 0;
        }
        Ok(())
    }

    /// Writes the index: `emit` gets the posting packs a few partitions at a time (so that only
    /// those are in memory), then the dictionary shards, their name tables and the Latin
    /// shards. Returns the dictionary's names and the Latin keys with their tags.
    pub fn finish<E: From<SpillError>>(self, emit: &mut dyn FnMut(Vec<(String, Chunked)>) -> Result<(), E>) -> Result<(IndexNames, Vec<(String, String)>), E> {
        let IndexBuilder { parts, words, spill_dir, .. } = self;
        // As many partitions at once as there are threads: each holds its merged postings
        // until its packs are emitted.
        let mut entries: Vec<DictEntry> = Vec::new();
        let mut small = SmallMembers::default();
        let dir = &spill_dir;
        let spill_error = |action| move |error| SpillError { dir: dir.clone(), action, error };
        let mut parts = parts.into_iter().peekable();
        while parts.peek().is_some() {
            let group: Vec<Partition> = parts.by_ref().take(rayon::current_num_threads().max(1)).collect();
            let done: Vec<MergedPartition> = group.into_par_iter().map(|part| part.merge().map(posting_packs)).collect::<std::io::Result<_>>().map_err(spill_error("read"))?;
            for (e, solos, smalls) in done {
                let base = entries.len();
                for (i, kind, bytes) in smalls {
                    small.put(&spill_dir, base + i, e[i].hash, kind, &bytes).map_err(spill_error("write"))?;
                }
                entries.extend(e);
                let mut files: Vec<(String, Chunked)> = solos.into_iter().map(|(n, t, bytes)| (format!("p/{n}.{}.bin", hex(&t)), with_magic(&bytes).into())).collect();
                // Two terms of one hash whose members are the same bytes: one file.
                files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                files.dedup_by(|a, b| a.0 == b.0);
                emit(files)?;
            }
        }
        let small_bytes = small.bytes;
        let total: usize = entries.iter().map(DictEntry::weight).sum();
        let buckets = shard_count(total);
        let packs = small_packs(small_bytes, buckets);
        // Each file of small members holds whole packs (a pack's number is its terms' hash
        // modulo `packs`, a multiple of SMALL_FILES), read back one at a time.
        for file in small.files {
            let Some(file) = file else { continue };
            let members = SmallMembers::read_back(file).map_err(spill_error("read"))?;
            let mut by_pack: std::collections::BTreeMap<u32, Vec<(usize, Member, Vec<u8>)>> = std::collections::BTreeMap::new();
            for m in members {
                by_pack.entry(entries[m.0].hash % packs).or_default().push(m);
            }
            let mut pack_files = Vec::with_capacity(by_pack.len());
            for (k, mut members) in by_pack {
                let bytes = small_pack(k, &mut members, &mut entries);
                pack_files.push((format!("p/{k}.{}.bin", hex(&tag(&bytes))), bytes.into()));
            }
            emit(pack_files)?;
        }
        entries.par_sort_unstable_by(|a, b| (a.hash % buckets).cmp(&(b.hash % buckets)).then_with(|| a.term.as_bytes().cmp(b.term.as_bytes())));
        // Every bucket has its shard (only the magic when it holds no term), so the script
        // never asks for a missing one.
        let mut shards: Vec<Vec<u8>> = vec![MAGIC.to_vec(); buckets as usize];
        let built: Vec<(usize, Vec<u8>)> = entries.par_chunk_by(|a, b| a.hash % buckets == b.hash % buckets).map(|run| ((run[0].hash % buckets) as usize, dictionary_shard(run))).collect();
        for (b, bytes) in built {
            shards[b] = bytes;
        }
        let shard_tags: Vec<Tag> = shards.par_iter().map(|b| tag(b)).collect();
        let mut files: Vec<(String, Chunked)> = shards.into_iter().zip(&shard_tags).enumerate().map(|(b, (bytes, t))| (shard_name(b, t), bytes.into())).collect();
        let (table_files, tables) = name_tables("d", &shard_tags);
        files.extend(table_files);

        let mut words: Vec<(String, Post)> = words.into_iter().collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        let entries: Vec<(String, Vec<u8>)> = words.into_iter().map(|(w, post)| { let e = latin_entry(&w, post.n, &post.docs.to_vec()); (w, e) }).collect();
        let (latin_files, keys) = latin_files(&entries);
        files.extend(latin_files);
        emit(files)?;
        Ok((IndexNames { buckets, tables, total, small: small_bytes }, keys))
    }

    /// [`finish`](IndexBuilder::finish)es into one list of files, sorted by path (tests, examples).
    pub fn finish_files(self) -> std::io::Result<Finished> {
        let mut files = Vec::new();
        let (names, keys) = self.finish(&mut |f: Vec<(String, Chunked)>| -> std::io::Result<()> {
            files.extend(f);
            Ok(())
        })?;
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok((files, names, keys))
    }
}

/// The name tables of a numbered kind of file (`d` dictionary shards, `f` fragment packs):
/// table `k` lists the tags of files `k * TABLE ..`, four bytes each after the magic, and is
/// itself named by its tag, `n/<kind><k>.<tag>.bin`. Returns the tables and their tags, which
/// the manifest lists.
pub fn name_tables(kind: &str, tags: &[Tag]) -> (Vec<(String, Chunked)>, Vec<String>) {
    let mut files = Vec::new();
    let mut names = Vec::new();
    for (k, run) in tags.chunks(TABLE).enumerate() {
        let mut bytes = MAGIC.to_vec();
        run.iter().for_each(|t| bytes.extend_from_slice(t));
        let t = hex(&tag(&bytes));
        files.push((format!("n/{kind}{k}.{t}.bin"), bytes.into()));
        names.push(t);
    }
    (files, names)
}

/// What a compressed member of a posting pack holds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) enum Member {
    /// A term's docs then positions.
    Both,
    /// A term's docs alone ([`SPLIT`]).
    Docs,
    /// A term's positions alone.
    Positions,
}

/// The compressed members of a term's postings (none when they are inlined): its docs then
/// positions, raw-deflated; above [`SPLIT`] bytes its docs and its positions apart, since a
/// query of three chars needs the docs alone. `all` is the docs (`dlen` bytes) then the
/// positions.
pub(super) fn members(all: &[u8], dlen: usize) -> Vec<(Member, Vec<u8>)> {
    let (docs, positions) = all.split_at(dlen);
    if all.len() <= INLINE {
        Vec::new()
    } else if all.len() > SPLIT && !positions.is_empty() {
        vec![(Member::Docs, deflate(docs, POSTING_LEVEL)), (Member::Positions, deflate(positions, POSTING_LEVEL))]
    } else {
        vec![(Member::Both, deflate(all, POSTING_LEVEL))]
    }
}

/// The [`Tag`] of a solo posting file: the magic, then `member`.
pub(super) fn solo_tag(member: &[u8]) -> Tag {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(MAGIC);
    h.update(member);
    h.finalize()[..4].try_into().expect("four bytes")
}

/// Whether a member has a posting file of its own ([`SOLO`]; split-off positions always do).
pub(super) fn is_solo(kind: Member, clen: usize) -> bool {
    kind == Member::Positions || clen > SOLO
}

/// The number of a solo member's posting file: above every small pack's number, from the
/// term's hash, so that it does not depend on any other term (two terms of the same hash get
/// files of the same number, told apart by their tags).
pub(super) fn solo_number(hash: u32, kind: Member) -> u64 {
    SOLO_BASE + ((hash as u64) << 1 | (kind == Member::Positions) as u64)
}

/// Small-member packs for `small` compressed bytes of them beside `buckets` dictionary shards:
/// the largest power of two that makes them at least [`PACK`] bytes on average (under twice
/// that), and at least as many as the shards. A term's pack is its hash modulo this, its shard
/// its hash modulo the shard count, both powers of two: so every term of a pack lies in one
/// shard, and an edit of a pack (whose members' offsets and tag the entries name) rewrites one
/// shard beside it.
pub(super) fn small_packs(small: usize, buckets: u32) -> u32 {
    let n = (small / PACK).max(1);
    (1usize << n.ilog2()).max(buckets as usize).min(SOLO_BASE as usize) as u32
}

/// A small-member pack's bytes: the magic, then its members in term order (then kind), each
/// member's location set in its entry (`tag` is filled once the pack's bytes are known).
pub(super) fn small_pack(number: u32, members: &mut [(usize, Member, Vec<u8>)], entries: &mut [DictEntry]) -> Vec<u8> {
    members.sort_unstable_by(|a, b| entries[a.0].term.as_bytes().cmp(entries[b.0].term.as_bytes()).then(a.1.cmp(&b.1)));
    let mut pack = MAGIC.to_vec();
    let mut placed = Vec::with_capacity(members.len());
    for (e, kind, bytes) in members.iter() {
        placed.push((*e, *kind, pack.len() as u32, bytes.len() as u32));
        pack.extend_from_slice(bytes);
    }
    let t = tag(&pack);
    for (e, kind, offset, clen) in placed {
        let loc = Some((number as u64, t, offset, clen));
        if kind == Member::Positions {
            entries[e].positions = loc;
        } else {
            entries[e].packed = loc;
        }
    }
    pack
}

/// The dictionary entries of one partition's terms, their solo posting files (`(number, tag,
/// bytes)`, located in the entries) and their small members (`(entry, kind, bytes)`, located
/// once every partition's are known: see [`small_packs`]).
///
/// A member of more than [`SOLO`] compressed bytes, and the split-off positions of a term
/// above [`SPLIT`], is a file of its own, numbered by its term's hash ([`solo_number`]); the
/// other members share the small packs, a term's by its hash, so that an edit rewrites only
/// the packs of the terms it touches.
fn posting_packs(merged: FxMap<u64, Post>) -> PartitionPostings {
    let merged: Vec<(u64, Post)> = merged.into_iter().collect();
    // Compressed in parallel: deflate is most of the merge's time.
    let compressed: Vec<Vec<(Member, Vec<u8>)>> = merged
        .par_iter()
        .map(|(_, post)| {
            if post.docs.len() + post.pos.len() <= INLINE {
                return Vec::new();
            }
            let mut all = Vec::with_capacity(post.docs.len() + post.pos.len());
            post.docs.parts().chain(post.pos.parts()).for_each(|p| all.extend_from_slice(p));
            members(&all, post.docs.len())
        })
        .collect();
    let mut entries = Vec::with_capacity(merged.len());
    let mut solos = Vec::new();
    let mut small = Vec::new();
    for ((key, post), made) in merged.into_iter().zip(compressed) {
        let term = unpack(key);
        let hash = fnv(term.as_bytes());
        let (dlen, plen) = (post.docs.len(), post.pos.len());
        let mut inline = Vec::new();
        if made.is_empty() {
            post.docs.parts().chain(post.pos.parts()).for_each(|p| inline.extend_from_slice(p));
        }
        let mut entry = DictEntry { hash, term, n: post.n, dlen, plen, inline, packed: None, positions: None };
        for (kind, bytes) in made {
            if is_solo(kind, bytes.len()) {
                let number = solo_number(hash, kind);
                let t = solo_tag(&bytes);
                let loc = Some((number, t, MAGIC.len() as u32, bytes.len() as u32));
                if kind == Member::Positions {
                    entry.positions = loc;
                } else {
                    entry.packed = loc;
                }
                solos.push((number, t, bytes));
            } else {
                small.push((entries.len(), kind, bytes));
            }
        }
        entries.push(entry);
    }
    (entries, solos, small)
}

/// The bytes of a solo posting file: the magic, then the member.
pub(super) fn with_magic(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + MAGIC.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(bytes);
    out
}

/// One record's occurrences of a term: record id, tf, whether one is in the heading, and the
/// positions (trigrams only).
pub(super) type Occ = (u32, u32, bool, Vec<u32>);

/// The terms of `records` (in id order) with their occurrences, in id order, and the Latin
/// words with theirs `(id, tf, heading)`: what these records add to the postings.
pub(super) type Occurrences = (HashMap<u64, Vec<Occ>>, HashMap<String, Vec<(u32, u32, bool)>>);

/// See [`Occurrences`].
pub(super) fn occurrences_of(records: &[Record]) -> Occurrences {
    let terms: Vec<RecordTerms> = records.par_iter().map(record_terms).collect();
    let (mut out, mut words): Occurrences = Default::default();
    for rt in terms {
        for t in rt.parts.iter().flatten() {
            out.entry(t.key).or_default().push((rt.id, t.tf(), t.heading(), t.positions(&rt.positions).to_vec()));
        }
        for (w, tf, heading) in rt.words {
            words.entry(w).or_default().push((rt.id, tf, heading));
        }
    }
    (out, words)
}

/// The occurrences a term's docs and positions hold (the inverse of [`encode_postings`]).
pub(super) fn decode_postings(n: u32, docs: &[u8], positions: &[u8], trigram: bool) -> Vec<Occ> {
    let (mut i, mut j, mut id) = (0, 0, 0u32);
    let mut out = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let v = get(docs, &mut i);
        id += (v >> 1) as u32;
        let (mut tf, mut heading) = (1, false);
        if v & 1 == 1 {
            let w = get(docs, &mut i);
            tf = (w >> 1) as u32 + 1;
            heading = w & 1 == 1;
        }
        let mut pos = Vec::new();
        if trigram {
            let mut p = 0u32;
            for _ in 0..tf {
                p += get(positions, &mut j) as u32;
                pos.push(p);
            }
        }
        out.push((id, tf, heading, pos));
    }
    out
}

/// A term's record count, docs and positions for its occurrences (in id order), as the index
/// stage encodes them.
pub(super) fn encode_postings(occs: &[Occ]) -> (u32, Vec<u8>, Vec<u8>) {
    let mut post = Post::default();
    for (id, tf, heading, pos) in occs {
        post.add(*id, *tf, *heading);
        post.add_positions(pos);
    }
    (post.n, post.docs.into_vec(), post.pos.into_vec())
}

/// The entries of a dictionary shard (its bytes after the magic), as [`dictionary_shard`]
/// wrote them; `None` when they do not parse.
pub(super) fn parse_shard(b: &[u8]) -> Option<Vec<DictEntry>> {
    let mut out = Vec::new();
    let mut i = 0;
    let tag_at = |i: &mut usize| -> Option<Tag> {
        let t: Tag = b.get(*i..*i + 4)?.try_into().ok()?;
        *i += 4;
        Some(t)
    };
    while i < b.len() {
        let len = get(b, &mut i) as usize;
        let term = std::str::from_utf8(b.get(i..i + len)?).ok()?.to_string();
        i += len;
        let n = get(b, &mut i) as u32;
        let dlen = get(b, &mut i) as usize;
        let plen = get(b, &mut i) as usize;
        let mut e = DictEntry { hash: fnv(term.as_bytes()), term, n, dlen, plen, inline: Vec::new(), packed: None, positions: None };
        if dlen + plen <= INLINE {
            e.inline = b.get(i..i + dlen + plen)?.to_vec();
            i += dlen + plen;
        } else {
            let pk = get(b, &mut i);
            let t = tag_at(&mut i)?;
            let (offset, clen) = (get(b, &mut i) as u32, get(b, &mut i) as u32);
            e.packed = Some((pk >> 1, t, offset, clen));
            if pk & 1 == 1 {
                let pack = get(b, &mut i);
                let t = tag_at(&mut i)?;
                let (offset, clen) = (get(b, &mut i) as u32, get(b, &mut i) as u32);
                e.positions = Some((pack, t, offset, clen));
            }
        }
        out.push(e);
    }
    (i == b.len()).then_some(out)
}

/// The dictionary shard of one bucket (terms sorted by bytes), after the magic.
pub(super) fn dictionary_shard(run: &[DictEntry]) -> Vec<u8> {
    let mut d = MAGIC.to_vec();
    for e in run {
        put(&mut d, e.term.len() as u64);
        d.extend_from_slice(e.term.as_bytes());
        put(&mut d, e.n as u64);
        put(&mut d, e.dlen as u64);
        put(&mut d, e.plen as u64);
        match e.packed {
            None => d.extend_from_slice(&e.inline),
            Some((pack, t, offset, clen)) => {
                put(&mut d, (pack << 1) | e.positions.is_some() as u64);
                d.extend_from_slice(&t);
                put(&mut d, offset as u64);
                put(&mut d, clen as u64);
                if let Some((pack, t, offset, clen)) = e.positions {
                    put(&mut d, pack);
                    d.extend_from_slice(&t);
                    put(&mut d, offset as u64);
                    put(&mut d, clen as u64);
                }
            }
        }
    }
    d
}

/// Splits sorted word entries sharing a `prefix` into shards of at most [`LATIN_LIMIT`] bytes
/// where a longer prefix can split them: `(key, bytes)`, the bytes starting with the magic.
fn latin_shards(entries: &[(String, Vec<u8>)], depth: usize, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    if entries.is_empty() {
        return;
    }
    let shard = |entries: &[(String, Vec<u8>)]| -> Vec<u8> { MAGIC.iter().copied().chain(entries.iter().flat_map(|e| e.1.iter().copied())).collect() };
    let size: usize = entries.iter().map(|e| e.1.len()).sum();
    let splittable = entries.iter().any(|e| e.0.len() > depth) && depth < 24;
    if depth > 0 && (size <= LATIN_LIMIT || !splittable) {
        out.push((prefix.to_string(), shard(entries)));
        return;
    }
    // Entries equal to the prefix come first (sorted): they get the key `prefix_`.
    let exact = entries.iter().take_while(|e| e.0.len() == depth).count();
    if exact > 0 {
        out.push((format!("{prefix}_"), shard(&entries[..exact])));
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
        latin_shards(&rest[i..j], depth + 1, &child, out);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_lists_hold_what_was_put_in_order() {
        let (mut c, mut flat) = (Chunked::default(), Vec::new());
        for v in 0..20_000u64 {
            let v = v * v * 7919;
            put(c.room(), v);
            put(&mut flat, v);
        }
        assert!(c.full.len() > 10, "the list spans chunks");
        assert!(c.full.iter().all(|f| f.capacity() == CHUNK_BYTES), "full chunks are never regrown");
        assert_eq!(c.len(), flat.len());
        assert_eq!(c.parts().flatten().copied().collect::<Vec<u8>>(), flat);
        assert_eq!(c.into_vec(), flat);
        assert!(Chunked::default().is_empty() && Chunked::default().parts().next().is_none());
    }

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

    /// [`occurrences`] written on [`units`], as the index first did.
    fn occurrences_by_units<'a>(head: &'a str, body: &'a str, mut term: impl FnMut(u64, u32), words: &mut Vec<(&'a str, bool)>) {
        use crate::search::normalize::{Unit, units};
        for (text, start) in [(head, 0u32), (body, BODY)] {
            // The previous two chars, with their positions.
            let (mut p1, mut p2) = (None::<(u32, char)>, None::<(u32, char)>);
            units(text, start, |p, u| {
                if start == 0 && p >= BODY - 1 {
                    return;
                }
                match u {
                    Unit::Char(c) => {
                        term(pack(c, None, None), p);
                        if let Some((q1, c1)) = p1.filter(|x| x.0 + 1 == p) {
                            term(pack(c1, Some(c), None), q1);
                            if let Some((q2, c2)) = p2.filter(|x| x.0 + 1 == q1) {
                                term(pack(c2, Some(c1), Some(c)), q2);
                            }
                        }
                        p2 = p1;
                        p1 = Some((p, c));
                    }
                    Unit::Word(w) => words.push((w, start == 0)),
                }
            });
        }
    }

    #[test]
    fn occurrences_are_the_units_n_grams() {
        let alphabet: Vec<char> = "ab9.0 网格员。,\n\u{3000}\u{A0}é€😀x".chars().collect();
        let mut rng = crate::search::testing::Xorshift(0x2545_f491_4f6c_dd1d);
        let mut text = |len: usize| rng.text(&alphabet, len);
        for n in 0..3000 {
            // Some headings longer than the positions before the body allow.
            let head = normalize(&text(if n % 50 == 0 { 1100 } else { n % 9 }));
            let body = normalize(&text(n % 40));
            let (mut got, mut want) = (Vec::new(), Vec::new());
            let (mut got_words, mut want_words) = (Vec::new(), Vec::new());
            occurrences(&head, &body, |k, p| got.push((k, p)), &mut got_words);
            occurrences_by_units(&head, &body, |k, p| want.push((k, p)), &mut want_words);
            assert_eq!(got, want, "{head:?} / {body:?}");
            assert_eq!(got_words, want_words, "{head:?} / {body:?}");
        }
    }

    #[test]
    fn term_index_finds_what_each_record_stored_and_nothing_older() {
        let mut index = TermIndex::default();
        let mut rng = crate::search::testing::Xorshift(12345);
        for record in 0..50usize {
            // Some records hold far more terms than expected, so the table grows.
            let (expected, n) = if record % 7 == 0 { (10, 5000) } else { (record * 20, record * 15) };
            index.start(expected);
            let mut reference: HashMap<u64, u32> = HashMap::new();
            for _ in 0..n * 3 {
                // The same keys in every record: an entry of an earlier record must not be found.
                let key = rng.next() % (n as u64 + 1);
                let next = reference.len() as u32;
                let got = index.get_or_insert(key, || next);
                assert_eq!(got, *reference.entry(key).or_insert(next), "record {record}, key {key}");
            }
            assert_eq!(index.len, reference.len());
        }
    }

    #[test]
    fn postings_and_shards_read_back_as_written() {
        let occs: Vec<Occ> = vec![(3, 2, true, vec![1, 1030]), (40, 1, false, vec![1500]), (41, 3, false, vec![1024, 1025, 2000])];
        let (n, docs, pos) = encode_postings(&occs);
        assert_eq!(decode_postings(n, &docs, &pos, true), occs);
        let words: Vec<Occ> = vec![(0, 1, false, vec![]), (17, 4, true, vec![])];
        let (n2, docs2, pos2) = encode_postings(&words);
        assert!(pos2.is_empty());
        assert_eq!(decode_postings(n2, &docs2, &[], false), words);
        let entry = |term: &str| DictEntry { hash: fnv(term.as_bytes()), term: term.into(), n: 0, dlen: 0, plen: 0, inline: Vec::new(), packed: None, positions: None };
        let inline = DictEntry { n, dlen: docs.len(), plen: pos.len(), inline: [docs.clone(), pos.clone()].concat(), ..entry("网格") };
        let solo = DictEntry { n: 900, dlen: 200, plen: 0, packed: Some((solo_number(fnv("网".as_bytes()), Member::Both), [1, 2, 3, 4], 4, 99)), ..entry("网") };
        let split = DictEntry { n: 5000, dlen: 70_000, plen: 90_000, packed: Some((7, [5, 6, 7, 8], 10, 2000)), positions: Some((solo_number(fnv("网格员".as_bytes()), Member::Positions), [9, 9, 9, 9], 4, 30_000)), ..entry("网格员") };
        let entries = vec![inline, solo, split];
        let shard = dictionary_shard(&entries);
        assert_eq!(parse_shard(&shard[MAGIC.len()..]), Some(entries));
        assert_eq!(parse_shard(&shard[MAGIC.len()..MAGIC.len() + 4]), None, "a shard cut inside a term does not parse");
    }

    #[test]
    fn small_packs_are_powers_of_two_at_least_the_shards() {
        for (small, buckets, want) in [(0, 16, 16), (100 * PACK, 16, 64), (100 * PACK, 256, 256), (3000 * PACK, 1024, 2048)] {
            assert_eq!(small_packs(small, buckets), want, "{small} bytes, {buckets} shards");
        }
        assert!(solo_number(u32::MAX, Member::Positions) > solo_number(u32::MAX, Member::Docs));
        assert!(solo_number(0, Member::Both) >= SOLO_BASE && (small_packs(usize::MAX / 2, 1 << 16) as u64) <= SOLO_BASE);
    }

    #[test]
    fn a_reused_compressor_writes_what_a_new_one_writes() {
        // Varint-like bytes of many lengths, compressed one after another on this thread (so
        // the thread's compressor is reused between them), at three levels in turn.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 95, 97, 300, 2_600, 4_096, 40_000, 150_000, 7, 70_000] {
            let bytes: Vec<u8> = (0..len)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    if i % 5 == 0 { (state % 200) as u8 } else { (state % 16) as u8 }
                })
                .collect();
            for level in [POSTING_LEVEL, DICTIONARY_LEVEL, 1, POSTING_LEVEL] {
                let mut fresh = libdeflater::Compressor::new(libdeflater::CompressionLvl::new(level as i32).unwrap());
                let mut expected = vec![0; fresh.deflate_compress_bound(len)];
                let n = fresh.deflate_compress(&bytes, &mut expected).unwrap();
                expected.truncate(n);
                assert_eq!(deflate(&bytes, level), expected, "{len} bytes at level {level}");
                assert_eq!(inflate(&expected).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn fnv_matches_reference() {
        assert_eq!(fnv(b""), 0x811c9dc5);
        assert_eq!(fnv(b"a"), 0xe40c292c);
        assert_eq!(fnv(b"foobar"), 0xbf9cf968);
    }

    #[test]
    fn terms_round_trip() {
        assert_eq!(unpack(pack('网', Some('格'), None)), "网格");
        assert_eq!(unpack(pack('网', None, None)), "网");
        assert_eq!(unpack(pack('网', Some('格'), Some('员'))), "网格员");
        assert_eq!(unpack(pack('\0', Some('a'), None)), "\0a");
        assert!(is_trigram(pack('a', Some('b'), Some('c'))));
        assert!(!is_trigram(pack('a', Some('b'), None)));
        assert_eq!(term_name("网格"), "7f51-683c");
    }
}
