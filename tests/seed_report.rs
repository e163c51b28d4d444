//! The seed report's page shows every sentence and every figure of the published text.
//!
//! The expected sentences are derived from the fixture copy of the seed text (the text
//! extracted from the published PDF), not from a hand-made list: lines broken by the PDF are
//! joined, list numbering and section numbering are ignored, and whitespace (which the PDF
//! extraction added between Chinese and digits) does not count.

#[path = "common/import_score.rs"]
mod import_score;

use import_score::{page_text, seed_sentences, strip_numbering};
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seed_page_contains_every_sentence_and_figure() {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed/huangpu-zhengfawei-2022-self-evaluation.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = out.path().join("public");
    jixiao::build(&options).expect("the example site builds");
    let html = std::fs::read_to_string(out.path().join("public/huangpu-zhengfawei/2022/index.html")).unwrap();
    let page = page_text(&html);

    let sentences = seed_sentences(&seed);
    assert!(sentences.len() > 150, "the seed text yields its sentences ({})", sentences.len());
    let missing: Vec<&String> = sentences.iter().filter(|s| !page.contains(s.as_str())).collect();
    assert!(missing.is_empty(), "{} of {} sentences are not on the page, e.g.:\n{:#?}", missing.len(), sentences.len(), &missing[..missing.len().min(15)]);

    let joined: String = seed.split_whitespace().collect();
    let mut figures: Vec<&str> = Vec::new();
    let mut rest = joined.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let len = rest[start..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len() - start);
        figures.push(rest[start..start + len].trim_end_matches('.'));
        rest = &rest[start + len..];
    }
    assert!(figures.len() > 150, "the seed has its figures ({})", figures.len());
    for f in figures {
        assert!(page.contains(f), "figure {f} is not on the page");
    }
}

#[test]
fn numbering_is_recognised() {
    assert_eq!(strip_numbering("- （12）做好社会治安"), (true, "做好社会治安"));
    assert_eq!(strip_numbering("(3) 来穗人员"), (true, "来穗人员"));
    assert_eq!(strip_numbering("二、综合评价分析"), (true, "综合评价分析"));
    assert_eq!(strip_numbering("（一）部门概况"), (true, "部门概况"));
    assert_eq!(strip_numbering("全年预算数 8334.69 万元"), (false, "全年预算数 8334.69 万元"));
}
