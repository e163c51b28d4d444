//! The seed report's page shows every sentence and every figure of the published text.
//!
//! The expected sentences are derived from the fixture copy of the seed text (the text
//! extracted from the published PDF), not from a hand-made list: lines broken by the PDF are
//! joined, list numbering and section numbering are ignored, and whitespace (which the PDF
//! extraction added between Chinese and digits) does not count.

use scraper::{Html, Selector};
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Removes list and section numbering at the start of a line: `- `, `（1）`, `(12)`, `一、`, `（三）`.
fn strip_numbering(line: &str) -> (bool, &str) {
    let mut s = line.trim_start().trim_start_matches("- ").trim_start();
    let mut numbered = false;
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = s.strip_prefix(open)
            && let Some(end) = rest.find(close)
        {
            let inner = &rest[..end];
            if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)) {
                s = rest[end + close.len()..].trim_start();
                numbered = true;
            }
        }
    }
    if let Some(i) = s.find('、')
        && i > 0 && s[..i].chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        s = &s[i + '、'.len_utf8()..];
        numbered = true;
    }
    (numbered, s)
}

/// The published text as sentences (whitespace removed), split at 。；！？： and at numbered
/// lines (each list item or heading starts a new piece).
fn seed_sentences(text: &str) -> Vec<String> {
    let mut segments: Vec<String> = vec![String::new()];
    for line in text.lines() {
        let (numbered, rest) = strip_numbering(line);
        if numbered {
            segments.push(String::new());
        }
        segments.last_mut().unwrap().push_str(rest);
        if numbered && !rest.trim().is_empty() && is_heading(rest) {
            segments.push(String::new());
        }
    }
    segments
        .iter()
        .flat_map(|s| s.split(['。', '；', '！', '？', '：']).map(|p| p.split_whitespace().collect::<String>()).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A numbered line without sentence punctuation is a heading or a short item title.
fn is_heading(line: &str) -> bool {
    !line.contains(['。', '；', '，'])
}

fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let main = Selector::parse("main").unwrap();
    let main = doc.select(&main).next().expect("the page has a <main> landmark");
    main.text().collect::<String>().split_whitespace().collect()
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
