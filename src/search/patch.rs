//! The index updated in place of a rebuild: after an edit of a few slots' records, only the
//! terms and fragments those records change are written again, and the result is the bytes a
//! build from scratch writes ([`super::build_incremental`] falls back to one whenever it
//! cannot vouch for that).
//!
//! What the previous index held is read back from the previous build's own files in the
//! output folder (each checked against the tag in its name): the old texts of the changed
//! slots from their fragment packs, the old postings of the terms they touch from the
//! dictionary shards and posting packs. The changed slots' old and new records are tokenised;
//! a term whose occurrences in them differ has its postings decoded, the changed slots' records
//! taken out and the new ones put in, and is written again with its dictionary shard, its small
//! pack (the other members copied byte for byte) or its solo file; then the name tables above
//! what changed, the Latin shards when a word changed, and the manifest. Every other file is
//! kept as it is.

use super::index::{self, DictEntry, Member, Tag};
use super::records::{self, Record, SlotRef};
use crate::diagnostics::Diagnostic;
use crate::output::Staging;
use crate::site::Site;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Why the index cannot be patched (it is then built whole): a file of the previous index
/// missing or not what its name says, or a change of what every file depends on.
#[derive(Debug)]
pub(super) struct Unpatchable(pub(super) String);

impl From<std::io::Error> for Unpatchable {
    fn from(e: std::io::Error) -> Unpatchable {
        Unpatchable(e.to_string())
    }
}

/// The previous index's files in the output folder, read on demand and checked.
struct Previous {
    dir: PathBuf,
    manifest: serde_json::Value,
    cache: HashMap<String, Vec<u8>>,
    /// A posting member was compressed again and came out the same: the index was written by
    /// this build's [`index::deflate`] at its [`index::POSTING_LEVEL`].
    level_checked: bool,
}

impl Previous {
    fn open(output: &Path) -> Result<Previous, Unpatchable> {
        let dir = output.join("search");
        let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("manifest.json"))?).map_err(|e| Unpatchable(e.to_string()))?;
        if manifest["v"].as_u64() != Some(super::FORMAT as u64) {
            return Err(Unpatchable("another format".into()));
        }
        Ok(Previous { dir, manifest, cache: HashMap::new(), level_checked: false })
    }

    fn field(&self, key: &str) -> Result<u64, Unpatchable> {
        self.manifest[key].as_u64().ok_or_else(|| Unpatchable(format!("manifest without {key}")))
    }

    fn tags(&self, key: &str) -> Result<Vec<String>, Unpatchable> {
        let list = self.manifest[key].as_array().ok_or_else(|| Unpatchable(format!("manifest without {key}")))?;
        Ok(list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
    }

    /// The bytes of `path` (under `search/`), checked against the tag its name ends with.
    fn read(&mut self, path: &str) -> Result<&[u8], Unpatchable> {
        if !self.cache.contains_key(path) {
            let bytes = std::fs::read(self.dir.join(path))?;
            let named = path.rsplit('.').nth(1).unwrap_or("");
            if index::hex(&index::tag(&bytes)) != named {
                return Err(Unpatchable(format!("{path} is not the file its name says")));
            }
            self.cache.insert(path.to_string(), bytes);
        }
        Ok(&self.cache[path])
    }

    /// The bytes of a binary file after the magic.
    fn body(&mut self, path: &str) -> Result<&[u8], Unpatchable> {
        let bytes = self.read(path)?;
        index::after_magic(path, bytes).map_err(Unpatchable)
    }

    /// The tags a name table kind (`d`, `f`) lists, in order.
    fn all_tags(&mut self, kind: &str) -> Result<Vec<Tag>, Unpatchable> {
        let mut out = Vec::new();
        for (k, t) in self.tags(kind)?.iter().enumerate() {
            let body = self.body(&format!("n/{kind}{k}.{t}.bin"))?;
            out.extend(body.chunks_exact(4).map(|c| <Tag>::try_from(c).expect("four bytes")));
        }
        Ok(out)
    }
}

/// What [`update`] wrote and the figures the state keeps.
pub(super) struct Patched {
    /// Every file of the index now, with its size.
    pub files: Vec<(String, u32)>,
    /// Records indexed.
    pub records: usize,
    /// The dictionary's weight and the small members' bytes ([`index::IndexNames`]).
    pub total: usize,
    /// See `total`.
    pub small: usize,
    /// Files written (new or changed).
    pub written: usize,
}

/// A term's new small member: the term's bytes, its kind, its compressed bytes.
type NewMember = (Vec<u8>, Member, Vec<u8>);

/// A shard being patched: its entries by term.
type Shard = BTreeMap<Vec<u8>, DictEntry>;

/// Updates the index of the previous build (in `output`, listed in `previous`) for the slots
/// `changed` (their records differ from the previous build's; every other slot's are the
/// same, and so are the slots themselves and the departments), writing into `staging`.
pub(super) fn update(site: &Site, staging: &Staging, output: &Path, previous: &super::SearchState, slots: &[SlotRef], changed: &BTreeSet<u32>) -> Result<Result<Patched, Unpatchable>, Diagnostic> {
    let mut prev = match Previous::open(output) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let made = match patch(site, &mut prev, previous, slots, changed, &mut out) {
        Ok(m) => m,
        Err(e) => return Ok(Err(e)),
    };
    let (removed, records, total, small) = made;
    let mut files: BTreeMap<String, u32> = previous.files.iter().cloned().collect();
    // A file made again with the same bytes has the same name: it stays.
    let again: HashSet<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
    for p in &removed {
        if !again.contains(p.as_str()) {
            files.remove(p);
        }
    }
    let mut written = 0;
    let mut added: HashSet<String> = HashSet::new();
    for (path, bytes) in &out {
        if added.contains(path) || (files.contains_key(path) && path != "manifest.json") {
            // Named by its bytes: the file there is this one.
            continue;
        }
        staging.add(format!("search/{path}"), bytes)?;
        files.insert(path.clone(), bytes.len() as u32);
        added.insert(path.clone());
        written += 1;
    }
    for path in files.keys().filter(|p| !added.contains(*p)) {
        staging.keep(format!("search/{path}"))?;
    }
    Ok(Ok(Patched { files: files.into_iter().collect(), records, total, small, written }))
}

/// The patch itself: the files to write in `out`; returns the paths of the previous index no
/// longer part of it, the record count and the totals.
fn patch(site: &Site, prev: &mut Previous, state: &super::SearchState, slots: &[SlotRef], changed: &BTreeSet<u32>, out: &mut Vec<(String, Vec<u8>)>) -> Result<(Vec<String>, usize, usize, usize), Unpatchable> {
    let words = records::Words::of(site);
    let department_slots = slots.iter().position(|s| matches!(s, SlotRef::Department(_))).unwrap_or(slots.len()) as u32;
    let reports = department_slots as usize;
    let buckets = prev.field("buckets")? as u32;
    let packs = index::small_packs(state.small, buckets);
    let mut removed: Vec<String> = Vec::new();

    // The fragment dictionary: the same unless a sampled report changed (then made again).
    let z = prev.manifest["z"].as_str().map(str::to_string).ok_or_else(|| Unpatchable("manifest without z".into()))?;
    let z_path = format!("z.{z}.bin");
    let old_dictionary = index::inflate(prev.body(&z_path)?)?;
    // A patch copies the previous index's unchanged members byte for byte: the result equals a
    // full build only if that index was compressed at this build's levels (another build of
    // jixiao may have used others; the posting members are checked as they are read).
    if index::deflate(&old_dictionary, index::DICTIONARY_LEVEL) != prev.body(&z_path)? {
        return Err(Unpatchable(format!("{z_path} was compressed otherwise than this build compresses")));
    }
    let stride = reports.div_ceil(super::DICTIONARY_SAMPLE).max(1);
    if changed.iter().any(|&s| (s as usize) < reports && (s as usize).is_multiple_of(stride)) && super::fragment_dictionary(site, slots, &words) != old_dictionary {
        return Err(Unpatchable("the fragment dictionary changed".into()));
    }

    // The fragment packs of the changed slots: old records from the old packs, new ones made.
    let mut f_tags = prev.all_tags("f")?;
    let fragment_packs: BTreeSet<u32> = changed.iter().map(|&s| super::fragment_pack(s, department_slots)).collect();
    let mut old_records: Vec<Record> = Vec::new();
    let mut new_records: Vec<Record> = Vec::new();
    let mut indicators = records::IndicatorTexts::new(site);
    let mut record_count = prev.field("records")? as i64;
    for &pack in &fragment_packs {
        let first = super::pack_first_slot(pack, department_slots);
        let end = if pack < department_slots { first + 1 } else { (first + super::FRAGMENT_PACK).min(slots.len() as u32) };
        let t = *f_tags.get(pack as usize).ok_or_else(|| Unpatchable("a fragment pack beyond the tables".into()))?;
        let path = format!("f/{pack}.{}.bin", index::hex(&t));
        let json = index::inflate_with(prev.body(&path)?, &old_dictionary)?;
        removed.push(path);
        let old: Vec<Vec<OldRecord>> = serde_json::from_slice(&json).map_err(|e| Unpatchable(e.to_string()))?;
        for (i, recs) in old.into_iter().enumerate() {
            let slot = first + i as u32;
            if !changed.contains(&slot) {
                continue;
            }
            record_count -= recs.len() as i64;
            for r in recs {
                let section = records::SECTIONS.iter().position(|s| *s == r.s).ok_or_else(|| Unpatchable("an unknown section".into()))? as u32;
                old_records.push(Record { id: slot * records::SLOT + section, url: r.u, title: r.t, heading: r.h, department: r.d, year: r.y, text: r.x });
            }
        }
        let recs = super::chunk_records(site, &words, &mut indicators, first, &slots[first as usize..end as usize]);
        let mut held: Vec<Vec<u8>> = vec![Vec::new(); (end - first) as usize];
        for (slot, bytes) in super::fragments(&recs) {
            held[(slot - first) as usize] = bytes;
        }
        let file = super::fragment_pack_file(&held, &old_dictionary);
        let t = index::tag(&file);
        f_tags[pack as usize] = t;
        out.push((format!("f/{pack}.{}.bin", index::hex(&t)), file));
        for r in recs {
            if changed.contains(&(r.id / records::SLOT)) {
                record_count += 1;
                new_records.push(r);
            }
        }
    }
    let (f_files, f_tables) = index::name_tables("f", &f_tags);
    let old_f_tables = prev.tags("f")?;
    for (k, t) in old_f_tables.iter().enumerate() {
        removed.push(format!("n/f{k}.{t}.bin"));
    }
    out.extend(f_files.into_iter().map(|(p, c)| (p, c.into_vec())));

    // The terms whose occurrences in the changed slots differ.
    let (old_terms, old_words) = index::occurrences_of(&old_records);
    let (new_terms, new_words) = index::occurrences_of(&new_records);
    let mut terms: BTreeSet<u64> = BTreeSet::new();
    for key in old_terms.keys().chain(new_terms.keys()) {
        if old_terms.get(key) != new_terms.get(key) {
            terms.insert(*key);
        }
    }
    let in_changed = |id: u32| changed.contains(&(id / records::SLOT));

    // Their shards, old postings and new entries.
    let d_tags = prev.all_tags("d")?;
    if d_tags.len() != buckets as usize {
        return Err(Unpatchable("the shard tables do not match the manifest".into()));
    }
    let mut shards: BTreeMap<u32, Shard> = BTreeMap::new();
    let load_shard = |prev: &mut Previous, shards: &mut BTreeMap<u32, Shard>, b: u32| -> Result<(), Unpatchable> {
        if let std::collections::btree_map::Entry::Vacant(slot) = shards.entry(b) {
            let path = index::shard_name(b as usize, &d_tags[b as usize]);
            let entries = index::parse_shard(prev.body(&path)?).ok_or_else(|| Unpatchable(format!("{path} does not parse")))?;
            slot.insert(entries.into_iter().map(|e| (e.term.as_bytes().to_vec(), e)).collect());
        }
        Ok(())
    };
    let (mut total, mut small) = (state.total as i64, state.small as i64);
    // Small packs whose members change, and new small members by pack: (term, kind, bytes).
    let mut touched_packs: BTreeSet<u64> = BTreeSet::new();
    let mut new_small: HashMap<u64, Vec<NewMember>> = HashMap::new();
    for &key in &terms {
        let term = index::unpack(key);
        let hash = index::fnv(term.as_bytes());
        let b = hash % buckets;
        load_shard(prev, &mut shards, b)?;
        let old_entry = shards[&b].get(term.as_bytes()).cloned();
        let mut occs = match &old_entry {
            None => Vec::new(),
            Some(e) => {
                let (docs, positions) = postings_of(prev, e)?;
                index::decode_postings(e.n, &docs, &positions, index::is_trigram(key))
            }
        };
        if let Some(e) = &old_entry {
            total -= e.weight() as i64;
            for loc in [e.packed, e.positions].into_iter().flatten() {
                if loc.0 < index::SOLO_BASE {
                    small -= loc.3 as i64;
                    touched_packs.insert(loc.0);
                } else {
                    removed.push(format!("p/{}.{}.bin", loc.0, index::hex(&loc.1)));
                }
            }
        }
        occs.retain(|o| !in_changed(o.0));
        occs.extend(new_terms.get(&key).into_iter().flatten().cloned());
        occs.sort_by_key(|o| o.0);
        let shard = shards.get_mut(&b).expect("loaded");
        if occs.is_empty() {
            shard.remove(term.as_bytes());
            continue;
        }
        let (n, docs, positions) = index::encode_postings(&occs);
        let (dlen, plen) = (docs.len(), positions.len());
        let all = [docs, positions].concat();
        let members = index::members(&all, dlen);
        let mut e = DictEntry { hash, term: term.clone(), n, dlen, plen, inline: Vec::new(), packed: None, positions: None };
        if members.is_empty() {
            e.inline = all;
        }
        for (kind, bytes) in members {
            if index::is_solo(kind, bytes.len()) {
                let number = index::solo_number(hash, kind);
                let file = index::with_magic(&bytes);
                let t = index::tag(&file);
                let loc = Some((number, t, index::MAGIC.len() as u32, bytes.len() as u32));
                if kind == Member::Positions {
                    e.positions = loc;
                } else {
                    e.packed = loc;
                }
                out.push((format!("p/{number}.{}.bin", index::hex(&t)), file));
            } else {
                let k = (hash % packs) as u64;
                small += bytes.len() as i64;
                touched_packs.insert(k);
                // Located when its pack is made; marked as packed meanwhile.
                let loc = Some((k, [0; 4], 0, 0));
                if kind == Member::Positions {
                    e.positions = loc;
                } else {
                    e.packed = loc;
                }
                new_small.entry(k).or_default().push((term.as_bytes().to_vec(), kind, bytes));
            }
        }
        total += e.weight() as i64;
        shard.insert(term.as_bytes().to_vec(), e);
    }
    let (total, small) = (total.max(0) as usize, small.max(0) as usize);
    if index::shard_count(total) != buckets || index::small_packs(small, buckets) != packs {
        return Err(Unpatchable("the shard or pack count changed".into()));
    }

    // The small packs touched: every member of theirs, the unchanged ones copied.
    for &k in &touched_packs {
        // Packs are at least as many as shards (both powers of two): one shard holds its terms.
        let homes: Vec<u32> = vec![(k % buckets as u64) as u32];
        for &b in &homes {
            load_shard(prev, &mut shards, b)?;
        }
        let mut members: Vec<(usize, Member, Vec<u8>)> = Vec::new();
        let mut entries: Vec<DictEntry> = Vec::new();
        let mut back: Vec<(u32, Vec<u8>)> = Vec::new();
        let fresh = new_small.remove(&k).unwrap_or_default();
        for &b in &homes {
            for (term, e) in &shards[&b] {
                let mut kinds: Vec<(Member, Vec<u8>)> = Vec::new();
                for (slot, kind) in [(e.packed, if e.positions.is_some() { Member::Docs } else { Member::Both }), (e.positions, Member::Positions)] {
                    let Some(loc) = slot else { continue };
                    if loc.0 != k {
                        continue;
                    }
                    if let Some(f) = fresh.iter().find(|f| &f.0 == term && f.1 == kind) {
                        kinds.push((kind, f.2.clone()));
                    } else if loc.1 != [0; 4] {
                        let path = format!("p/{k}.{}.bin", index::hex(&loc.1));
                        let bytes = prev.read(&path)?;
                        let member = bytes.get(loc.2 as usize..(loc.2 + loc.3) as usize).ok_or_else(|| Unpatchable(format!("{path} is shorter than its entries say")))?;
                        kinds.push((kind, member.to_vec()));
                    }
                }
                if kinds.is_empty() {
                    continue;
                }
                let i = entries.len();
                entries.push(e.clone());
                back.push((b, term.clone()));
                members.extend(kinds.into_iter().map(|(kind, bytes)| (i, kind, bytes)));
            }
        }
        // The old pack goes (its tag from any old entry that was in it).
        if let Some(old) = old_pack_tag(prev, &d_tags, &homes, k)? {
            removed.push(format!("p/{k}.{}.bin", index::hex(&old)));
        }
        if members.is_empty() {
            continue;
        }
        let bytes = index::small_pack(k as u32, &mut members, &mut entries);
        out.push((format!("p/{k}.{}.bin", index::hex(&index::tag(&bytes))), bytes));
        for (e, (b, term)) in entries.into_iter().zip(back) {
            let target = shards.get_mut(&b).expect("loaded").get_mut(&term).expect("there");
            target.packed = e.packed;
            target.positions = e.positions;
        }
    }

    // The shards changed, and the name tables above them.
    let mut d_new = d_tags.clone();
    for (&b, shard) in &shards {
        let entries: Vec<DictEntry> = shard.values().cloned().collect();
        let bytes = index::dictionary_shard(&entries);
        let t = index::tag(&bytes);
        if t != d_tags[b as usize] {
            removed.push(index::shard_name(b as usize, &d_tags[b as usize]));
            d_new[b as usize] = t;
            out.push((index::shard_name(b as usize, &t), bytes));
        }
    }
    let (d_files, d_tables) = index::name_tables("d", &d_new);
    for (k, t) in prev.tags("d")?.iter().enumerate() {
        removed.push(format!("n/d{k}.{t}.bin"));
    }
    out.extend(d_files.into_iter().map(|(p, c)| (p, c.into_vec())));

    // Latin words: the shards made again from every word's entry when one changed.
    let latin_tag = prev.manifest["latin"].as_str().ok_or_else(|| Unpatchable("manifest without latin".into()))?.to_string();
    let latin_path = format!("latin.{latin_tag}.json");
    let mut keys: Vec<(String, String)> = serde_json::from_slice(prev.read(&latin_path)?).map_err(|e| Unpatchable(e.to_string()))?;
    let changed_words: BTreeSet<&String> = old_words.keys().chain(new_words.keys()).filter(|w| old_words.get(*w) != new_words.get(*w)).collect();
    if !changed_words.is_empty() {
        let mut all: BTreeMap<String, (u32, Vec<u8>)> = BTreeMap::new();
        for (key, t) in &keys {
            let path = format!("l/{key}.{t}.bin");
            let body = prev.body(&path)?.to_vec();
            removed.push(path);
            let mut i = 0;
            while i < body.len() {
                let len = index::get(&body, &mut i) as usize;
                let word = std::str::from_utf8(body.get(i..i + len).ok_or_else(|| Unpatchable("a Latin shard is cut".into()))?).map_err(|e| Unpatchable(e.to_string()))?.to_string();
                i += len;
                let n = index::get(&body, &mut i) as u32;
                let dlen = index::get(&body, &mut i) as usize;
                let docs = body.get(i..i + dlen).ok_or_else(|| Unpatchable("a Latin shard is cut".into()))?.to_vec();
                i += dlen;
                all.insert(word, (n, docs));
            }
        }
        for w in changed_words {
            let mut occs: Vec<index::Occ> = all.get(w.as_str()).map(|(n, docs)| index::decode_postings(*n, docs, &[], false)).unwrap_or_default();
            occs.retain(|o| !in_changed(o.0));
            occs.extend(new_words.get(w).into_iter().flatten().map(|&(id, tf, h)| (id, tf, h, Vec::new())));
            occs.sort_by_key(|o| o.0);
            if occs.is_empty() {
                all.remove(w.as_str());
            } else {
                let (n, docs, _) = index::encode_postings(&occs);
                all.insert(w.clone(), (n, docs));
            }
        }
        let entries: Vec<(String, Vec<u8>)> = all.into_iter().map(|(w, (n, docs))| { let e = index::latin_entry(&w, n, &docs); (w, e) }).collect();
        let (files, new_keys) = index::latin_files(&entries);
        out.extend(files.into_iter().map(|(p, c)| (p, c.into_vec())));
        keys = new_keys;
        removed.push(latin_path);
    }
    let manifest = super::tail_files(&super::SiteTable::of(site, slots), record_count.max(0) as usize, buckets, d_tables, f_tables, &keys, z);
    out.extend(manifest.into_iter().map(|(p, c)| (p, c.into_vec())));
    Ok((removed, record_count.max(0) as usize, total, small))
}

/// The tag of small pack `k` of the previous index, from an entry of the shards `homes` that
/// was in it (as the shard file on disk says, not as patched).
fn old_pack_tag(prev: &mut Previous, d_tags: &[Tag], homes: &[u32], k: u64) -> Result<Option<Tag>, Unpatchable> {
    for &b in homes {
        let path = index::shard_name(b as usize, &d_tags[b as usize]);
        let entries = index::parse_shard(prev.body(&path)?).ok_or_else(|| Unpatchable(format!("{path} does not parse")))?;
        for e in entries {
            for loc in [e.packed, e.positions].into_iter().flatten() {
                if loc.0 == k {
                    return Ok(Some(loc.1));
                }
            }
        }
    }
    Ok(None)
}

/// A term's old docs and positions, from its entry (inline) or its posting files.
fn postings_of(prev: &mut Previous, e: &DictEntry) -> Result<(Vec<u8>, Vec<u8>), Unpatchable> {
    let Some(loc) = e.packed else {
        let (d, p) = e.inline.split_at(e.dlen.min(e.inline.len()));
        return Ok((d.to_vec(), p.to_vec()));
    };
    let mut member = |loc: index::Loc| -> Result<Vec<u8>, Unpatchable> {
        let path = format!("p/{}.{}.bin", loc.0, index::hex(&loc.1));
        // One member tells the level its index was written at (see the fragment dictionary's
        // check in `patch`).
        let check = !prev.level_checked;
        let bytes = prev.read(&path)?;
        let m = bytes.get(loc.2 as usize..(loc.2 + loc.3) as usize).ok_or_else(|| Unpatchable(format!("{path} is shorter than its entries say")))?;
        let raw = index::inflate(m)?;
        if check && index::deflate(&raw, index::POSTING_LEVEL) != m {
            return Err(Unpatchable(format!("{path} was compressed otherwise than this build compresses")));
        }
        prev.level_checked = true;
        Ok(raw)
    };
    let first = member(loc)?;
    match e.positions {
        Some(p) => Ok((first, member(p)?)),
        None => {
            if first.len() != e.dlen + e.plen {
                return Err(Unpatchable(format!("the postings of {} are not as long as their entry says", e.term)));
            }
            let (d, p) = first.split_at(e.dlen);
            Ok((d.to_vec(), p.to_vec()))
        }
    }
}

/// A record as its fragment holds it.
#[derive(serde::Deserialize)]
struct OldRecord {
    u: String,
    t: String,
    h: String,
    d: String,
    y: u16,
    s: String,
    x: String,
}
