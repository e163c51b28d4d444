//! The fast YAML reader and the full one must not differ on any input (issue 27): the fast
//! reader either declines a text, handing it to the full reader, or builds exactly the full
//! reader's tree, values and positions alike (`jixiao::load::compare_readers`). Here: every
//! case known to have differed, by name; a bounded differential run of generated and mutated
//! inputs (seeded, so a failure repeats); the example site on the fast path; and alias
//! expansion bounded in memory.
//!
//! The differential run takes `JIXIAO_YAML_ROUNDS` rounds (default [`DEFAULT_ROUNDS`], a few
//! seconds in a debug build) from seed `JIXIAO_YAML_SEED` (default 1). A long run:
//! `JIXIAO_YAML_ROUNDS=5000000 cargo test --release --test yaml_readers -- --nocapture differential`.
//! The fuzz target `fuzz/fuzz_targets/yaml_readers.rs` runs the same comparison under libFuzzer
//! (docs/fuzzing.md).

use jixiao::load::{Agreement, compare_readers};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
/// Rounds of the differential run in every `cargo test`.
const DEFAULT_ROUNDS: u64 = 3_000;

/// What both readers made of `text`; fails the test, showing the text, when they differ.
fn agree(text: &str) -> Agreement {
    compare_readers(text).unwrap_or_else(|d| panic!("the readers differ on {text:?}: {d}"))
}

// ---- cases known to have differed (issue 27) ----------------------------------------------

#[test]
fn a_byte_order_mark_inside_the_document() {
    assert_eq!(agree("a: b\nc: \u{feff}d\n"), Agreement::Declined { accepted: false });
    assert_eq!(agree("a: \"x\u{feff}\"\n"), Agreement::Declined { accepted: true });
}

#[test]
fn a_key_starting_with_a_byte_order_mark() {
    for text in ["\u{feff}a: 1\n", "a: 1\n\u{feff}b: 2\n", "- \u{feff}k: v\n"] {
        assert!(matches!(agree(text), Agreement::Declined { .. }), "{text:?}");
    }
}

#[test]
fn nul_and_other_control_characters() {
    for c in ['\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}'] {
        for text in [format!("a: b{c}c\n"), format!("a: 1 # {c}\n"), format!("a: |\n  x{c}\n"), format!("k{c}: v\n"), format!("a: \"{c}\"\n")] {
            assert!(matches!(agree(&text), Agreement::Declined { .. }), "{text:?}");
        }
    }
    assert_eq!(agree("a: b\0c\n"), Agreement::Declined { accepted: false }, "the full reader refuses NUL");
}

#[test]
fn keys_over_1024_characters() {
    for (n, c) in [(1_020, 'k'), (1_024, 'k'), (1_025, 'k'), (1_100, 'k'), (400, '键'), (1_025, '键')] {
        let key: String = std::iter::repeat_n(c, n).collect();
        for text in [format!("{key}: v\n"), format!("- {key}: v\n"), format!("a:\n  {key}:\n    b: 1\n")] {
            agree(&text);
        }
    }
    let long: String = "k".repeat(1_025);
    assert_eq!(agree(&format!("{long}: v\n")), Agreement::Declined { accepted: false }, "the full reader refuses it");
    assert_eq!(agree(&format!("{}: v\n", "k".repeat(900))), Agreement::Same, "shorter keys stay on the fast path");
}

#[test]
fn a_dash_alone_in_a_flow_collection() {
    for text in ["a: [-]\n", "a: [-, x]\n", "a: [x, -]\n", "a: {k: -}\n", "a: [- x]\n", "a: [-#]\n"] {
        assert!(matches!(agree(text), Agreement::Declined { .. }), "{text:?}");
    }
    assert_eq!(agree("a: [-1, -2.5, -x]\n"), Agreement::Same, "negative numbers stay on the fast path");
}

/// Found by the fuzz target after 7.8 million inputs: a `-` after a space inside a plain flow
/// scalar, which the full reader refuses and the fast one read as part of the scalar.
#[test]
fn a_dash_after_a_space_inside_a_flow_scalar() {
    for text in ["a: [22    -]\n", "a: [x -, y]\n", "a: {k: v -}\n", "a: [x - ]\n"] {
        assert!(matches!(agree(text), Agreement::Declined { .. }), "{text:?}");
    }
    assert_eq!(agree("a: [x -1, y -z]\n"), Agreement::Same, "a dash starting a word stays on the fast path");
}

#[test]
fn a_block_scalar_header_followed_by_u0085() {
    for text in ["a: |\u{85}\n  x\n", "a: |-\u{85}\n  x\n", "a: | \u{85}\n  x\n", "a: |\u{3000}\n  x\n", "a: |\u{2028}\n  x\n", "a: |#c\n  x\n"] {
        assert!(matches!(agree(text), Agreement::Declined { accepted: false }), "{text:?}");
    }
    assert_eq!(agree("a: |- # c\n  x\n"), Agreement::Same);
}

#[test]
fn a_literal_block_ending_in_a_line_of_spaces() {
    for text in ["a: |\n  n\n  ", "a: |\n  n\n\n  ", "a: |\r\n  n\r\n  ", "- |\n  n\n  ", "a: |\n  n\n  m\n   ", "a: |\n  n\n  \n", "a: |\n  n\n "] {
        agree(text);
    }
}

#[test]
fn a_unicode_escape_with_a_sign() {
    // `u32::from_str_radix` takes "+123" for hex digits; YAML does not.
    assert_eq!(agree("a: \"\\u+123\"\n"), Agreement::Declined { accepted: false });
    assert_eq!(agree("a: \"\\u4e2d\\u00e9\"\n"), Agreement::Same);
}

#[test]
fn nesting_deeper_than_the_full_readers_limit() {
    // 64 levels are read, 65 refused by the full reader: the fast reader declines well before.
    for levels in [20, 40, 64, 65, 70] {
        let mapping: String = (0..levels).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        let list: String = (0..levels).map(|i| format!("{}- k{i}:\n", "  ".repeat(i))).collect();
        for text in [format!("{mapping}{}v: 1\n", " ".repeat(levels)), format!("{list}{}v: 1\n", "  ".repeat(levels))] {
            agree(&text);
        }
    }
    let deep: String = (0..70).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    assert_eq!(agree(&format!("{deep}{}v: 1\n", " ".repeat(70))), Agreement::Declined { accepted: false });
}

#[test]
fn more_nodes_than_the_full_reader_takes() {
    // A million and one values on one line (2 MB): the full reader refuses the document.
    let text = format!("a: [{}1]\n", "1,".repeat(1_000_000));
    assert_eq!(agree(&text), Agreement::Declined { accepted: false });
}

#[test]
fn an_indentless_list_whose_first_item_starts_on_the_next_line() {
    // Found by the long differential runs (seeds 7 and 8): the full reader places such a list
    // after its first dash, not where its first item starts.
    assert!(matches!(agree("- seq:\n  -\n    a: -11\n  - b\n"), Agreement::Declined { accepted: true }));
    assert!(matches!(agree("名称:\r\n # c\n-\n  - -k: ~ \n  - -k: ~ \n"), Agreement::Declined { .. }));
    assert!(matches!(agree("seq:\n-\n  a: 1\n- b\n"), Agreement::Declined { accepted: true }));
    assert_eq!(agree("seq:\n  -\n    a: 1\n  - b\n"), Agreement::Same, "an indented one is read");
}

#[test]
fn an_indentless_list_whose_first_item_is_a_block_scalar() {
    // Found by a differential run (seed 9): the list is placed at the `|`, the scalar at its
    // first line of text.
    assert_eq!(agree("~: \n- |-\n - \"dq\\n\\\"\"\r\n # comment\n"), Agreement::Same);
    assert_eq!(agree("k:\n- |\n  text\n- x\n"), Agreement::Same);
}

// ---- the example site stays on the fast path ------------------------------------------------

#[test]
fn the_example_site_is_read_by_the_fast_reader() {
    let mut files = 0;
    for entry in walkdir::WalkDir::new(Path::new(REPO).join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert_eq!(agree(text.trim_start_matches('\u{feff}')), Agreement::Same, "{}", entry.path().display());
            files += 1;
        }
    }
    assert!(files >= 8, "{files} example files");
}

/// On a corpus (`JIXIAO_YAML_CORPUS=DIR`, e.g. one written by `jixiao-bench generate`): the
/// share of files the fast reader reads, no file on which the readers differ, and the time
/// of loading the corpus (median of three). A measurement, run by hand in a release build:
/// `JIXIAO_YAML_CORPUS=/dev/shm/corpus-10k cargo test --release --test yaml_readers -- --ignored --nocapture corpus`.
#[test]
#[ignore = "a measurement on a corpus named by JIXIAO_YAML_CORPUS"]
fn corpus() {
    let root = std::path::PathBuf::from(std::env::var("JIXIAO_YAML_CORPUS").expect("JIXIAO_YAML_CORPUS=DIR"));
    let (mut files, mut fast) = (0, 0);
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            files += 1;
            if agree(text.trim_start_matches('\u{feff}')) == Agreement::Same {
                fast += 1;
            }
        }
    }
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            jixiao::load::load(&root).expect("the corpus loads");
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{fast} of {files} files read by the fast reader; load: {:.3} s (median of {:.3}, {:.3}, {:.3})", times[1], times[0], times[1], times[2]);
}

// ---- the differential run -------------------------------------------------------------------

/// SplitMix64: a small seeded generator, so that a failing round can be run again.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T: ?Sized>(&mut self, from: &[&'a T]) -> &'a T {
        from[self.below(from.len())]
    }
}

/// Pieces inserted by mutations: YAML's indicators, white space and line breaks of every kind,
/// the characters of the known cases, and full-width look-alikes found in Chinese text.
const PIECES: &[&str] = &[
    ":", ": ", ":\n", "#", " #", " # c", "-", "- ", "-]", "[-", "?", "? ", "\"", "'", "''", "\\", "\\n", "\\u4e2d", "\\u+123", "\\x", "|", "|-", "|+",
    "|2", ">", ">-", "{", "}", "[", "]", ",", ", ", "&a ", "*a", "!!str ", "!", "%", "@", "`", "~", "null", "0.00", "-1", "1e3", "\t", "\n",
    "\r\n", "\r", "\n  ", "\n    ", "\n- ", "  ", " ", "---\n", "...\n", "\0", "\u{1}", "\u{b}", "\u{7f}", "\u{85}", "\u{a0}", "·", "\u{feff}",
    "\u{fffe}", "\u{2028}", "\u{3000}", "？", "：", "，", "“", "”", "中", "𠀀",
];

/// Small documents that each hold one construct of the subset or one of the known cases.
const SEEDS: &[&str] = &[
    "a: 1\nb: 0.00\nc: 文本，含“引号”\n",
    "a:\n  b: x\n  c:\n    - 1\n    - two\n",
    "list:\n- a\n- b\nnext: 1\n",
    "items:\n  - id: x\n    name: 名称 # comment\n  - id: y\n    name: \"引号 # 不是注释\"\n",
    "t: |\n  line one\n\n  line two\n\nnext: 1\n",
    "t: |-\n  kept\n    indented\nu: 2\n",
    "- t: |\n    x\n  u: 1\n",
    "f: {op: \"≥\", value: 90}\ng: [1, 2, 三]\n",
    "q: 'it''s'\nd: \"a\\\"b\\n\\u4e2d\"\n",
    "empty:\nnull: ~\n",
    "seq:\n  -\n    a: 1\n  - b\n",
    "a: [-]\n",
    "a: |\n  n\n  ",
    "\u{feff}a: 1\n",
    "a: b\0c\n",
    "a: |\u{85}\n  x\n",
];

/// Inputs to compare: small generated documents, the seeds above, windows of the example
/// site's files, each with up to four random edits.
struct Inputs {
    rng: Rng,
    /// The example site's YAML files, by lines.
    examples: Vec<Vec<String>>,
}

impl Inputs {
    fn new(seed: u64) -> Self {
        let mut examples = Vec::new();
        for entry in walkdir::WalkDir::new(Path::new(REPO).join("content")).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                examples.push(text.split_inclusive('\n').map(str::to_string).collect());
            }
        }
        Inputs { rng: Rng(seed), examples }
    }

    fn next(&mut self) -> String {
        let mut text = match self.rng.below(16) {
            0..=5 => self.generated(),
            6 | 7 => self.rng.pick(SEEDS).to_string(),
            8 => {
                // A whole example file, edited: the real thing, sometimes.
                let file = &self.examples[self.rng.below(self.examples.len())];
                file.concat()
            }
            _ => self.window(),
        };
        for _ in 0..self.rng.below(4) {
            self.edit(&mut text);
        }
        text
    }

    /// Up to 40 lines of an example file, from a random line, moved left so that the first
    /// one starts at column 1.
    fn window(&mut self) -> String {
        let file = &self.examples[self.rng.below(self.examples.len())];
        let start = self.rng.below(file.len());
        let end = (start + 1 + self.rng.below(40)).min(file.len());
        let lines = &file[start..end];
        let indent = lines[0].len() - lines[0].trim_start_matches(' ').len();
        lines.iter().map(|l| if l.starts_with(&" ".repeat(indent)) { &l[indent..] } else { l.as_str() }).collect()
    }

    /// A document of random lines made of the subset's constructs (and some beyond it).
    fn generated(&mut self) -> String {
        const KEYS: &[&str] = &["a", "b", "id", "名称", "key with spaces", "k-1", "x.y", "-k", "k:", "'q'", "\"q\"", "[k]", "?k", "~", "1", "null"];
        const SCALARS: &[&str] = &[
            "1", "0.00", "-1.5", "1,234", "~", "null", "true", "文本", "text # comment", "a:b", "a: b", "'quoted'", "'it''s'", "\"dq\\n\\\"\"", "\"多\"",
            "[a, b]", "[]", "{}", "{k: v}", "{k: [1]}", "[-1, x]", "[-]", "&x v", "*x", "!!str 1", "|", "|-", ">", "- x", "x ", "x  ", "#c", "@", "`",
            "“引”", "％", "1 # 注", "\"a\" # c", "'a' x",
        ];
        let mut out = String::new();
        let mut indent = 0usize;
        for _ in 0..1 + self.rng.below(12) {
            indent = match self.rng.below(6) {
                0 => 0,
                1 => indent + 2,
                2 => indent.saturating_sub(2),
                3 => self.rng.below(6),
                _ => indent,
            };
            out.push_str(&" ".repeat(indent));
            let key = self.rng.pick(KEYS);
            let scalar = self.rng.pick(SCALARS);
            match self.rng.below(10) {
                0 => out.push_str(&format!("{key}:")),
                1 => out.push_str(&format!("- {scalar}")),
                2 => out.push_str(&format!("- {key}: {scalar}")),
                3 => out.push('-'),
                4 => {
                    out.push_str(&format!("{key}: |{}\n", self.rng.pick(&["", "-", "+", "2", " # c"])));
                    for _ in 0..self.rng.below(4) {
                        let more = self.rng.below(4);
                        out.push_str(&" ".repeat(indent + more));
                        out.push_str(self.rng.pick(&["", "line", "文字 # 不是注释", "  x", " "]));
                        out.push('\n');
                    }
                    continue;
                }
                5 => out.push_str(self.rng.pick(&["", "# comment", "  ", "---", "..."])),
                _ => out.push_str(&format!("{key}: {scalar}")),
            }
            out.push_str(self.rng.pick(&["\n", "\n", "\n", "\r\n", " \n", " # c\n", ""]));
        }
        out
    }

    /// One random edit: insert a piece, delete a few characters, duplicate a line, re-indent a
    /// line, or cut the text short.
    fn edit(&mut self, text: &mut String) {
        let mut at = self.rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        match self.rng.below(10) {
            0..=4 => {
                let piece = self.rng.pick(PIECES);
                text.insert_str(at, piece);
            }
            5 | 6 => {
                let mut end = (at + 1 + self.rng.below(4)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            }
            7 => {
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                let line = text[line_start..line_end].to_string();
                text.insert_str(line_start, &line);
            }
            8 => {
                let spaces = self.rng.pick(&[" ", "  ", "    "]);
                if self.rng.below(2) == 0 {
                    text.insert_str(line_start, spaces);
                } else if text[line_start..].starts_with(spaces) {
                    text.replace_range(line_start..line_start + spaces.len(), "");
                }
            }
            _ => text.truncate(at),
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a number")))
}

/// Generated and mutated inputs, compared: no input on which the readers differ.
#[test]
fn differential() {
    let rounds = env_number("JIXIAO_YAML_ROUNDS", DEFAULT_ROUNDS);
    let seed = env_number("JIXIAO_YAML_SEED", 1);
    let mut inputs = Inputs::new(seed);
    let (mut same, mut refused, mut declined) = (0u64, 0u64, 0u64);
    let started = std::time::Instant::now();
    for round in 0..rounds {
        let text = inputs.next();
        match compare_readers(&text) {
            Ok(Agreement::Same) => same += 1,
            Ok(Agreement::Declined { accepted: true }) => declined += 1,
            Ok(Agreement::Declined { accepted: false }) => refused += 1,
            Err(d) => panic!("seed {seed}, round {round}: the readers differ: {d}\ninput: {text:?}"),
        }
    }
    println!(
        "{rounds} inputs (seed {seed}) in {:.1} s: {same} read alike by both readers, {declined} declined by the fast reader and read by the full one, {refused} refused by the full reader",
        started.elapsed().as_secs_f64()
    );
    // Each kind must be well represented (at least 5 %), or the run proves little.
    for (what, n) in [("read alike", same), ("declined", declined), ("refused", refused)] {
        assert!(n * 20 >= rounds, "only {n} of {rounds} inputs {what}");
    }
}

// ---- alias expansion is bounded in memory ---------------------------------------------------

/// The test binary's allocator: the system's, counting the bytes each thread holds and the
/// most it held, so that a test can measure what a call on its own thread allocates.
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    let _ = HELD.try_with(|held| {
        held.set(held.get() + delta);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(held.get())));
    });
}

// SAFETY: every call is passed to the system allocator unchanged; counting allocates nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most bytes held at once by this thread while `f` ran, above what it held before.
fn peak_allocation<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = HELD.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    (out, (PEAK.with(Cell::get) - before).max(0) as usize)
}

/// Ten levels of ten aliases each (390 bytes): 10^10 values if expanded.
fn alias_bomb() -> String {
    std::fs::read_to_string(Path::new(REPO).join("tests/fixtures/errors/alias-bomb.yaml")).unwrap()
}

#[test]
fn an_alias_bomb_is_refused_within_a_few_times_the_files_size() {
    let bomb = alias_bomb();
    assert!(bomb.len() < 400, "{} bytes", bomb.len());
    let (agreement, peak) = peak_allocation(|| agree(&bomb));
    assert_eq!(agreement, Agreement::Declined { accepted: false });
    // The copies may take 4 × 390 B + 256 KiB; the tree holds them once more, and the parser
    // a little: 2 MB is the bound (a node budget alone let it reach about 100 MB).
    assert!(peak < 2 << 20, "reading the 390-byte alias bomb held {peak} bytes at its peak");
    println!("the alias bomb was refused at a peak of {peak} bytes");
}

#[test]
fn one_alias_of_a_long_text_is_bounded_too() {
    // 100 aliases of a 10 KB text: 1 MB of copies from an 11 KB file, few nodes.
    let text = format!("a: &a |\n  {}\nb: [{}]\n", "长文本".repeat(1_200), vec!["*a"; 100].join(", "));
    let (agreement, peak) = peak_allocation(|| agree(&text));
    assert_eq!(agreement, Agreement::Declined { accepted: false });
    assert!(peak < 1 << 20, "{peak} bytes");
    // A few copies of it are fine.
    let few = format!("a: &a |\n  {}\nb: [*a, *a]\n", "长文本".repeat(1_200));
    assert_eq!(agree(&few), Agreement::Declined { accepted: true });
}

#[test]
fn the_refusal_names_file_line_column_and_what_to_do_in_both_languages() {
    let site = tempfile::tempdir().unwrap();
    let fixture = Path::new(REPO).join("tests/fixtures/minimal");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let to = site.path().join(entry.path().strip_prefix(&fixture).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::write(site.path().join("content/civil-affairs/2022.yaml"), alias_bomb()).unwrap();
    let diags = jixiao::load::load(site.path()).expect_err("the alias bomb is refused");
    let d = diags.0.iter().find(|d| d.code == "E0005").unwrap_or_else(|| panic!("no E0005 in {diags:?}"));
    assert_eq!(d.file, Path::new("content/civil-affairs/2022.yaml"));
    let at = d.location.expect("a position");
    // The alias whose copy went over the budget: one on the line of `d` (each `*c` copies a
    // hundred values, about 10 KB; the budget is about 257 KB).
    assert!((3..=5).contains(&at.line) && at.column >= 8, "{at:?}");
    assert!(d.message.en.contains("aliases (*name) expand to more than") && d.message.en.contains("write the values out"), "{}", d.message.en);
    assert!(d.message.zh.contains("别名（*name）展开后") && d.message.zh.contains("直接写出这些值"), "{}", d.message.zh);
}
