//! Ids for what an import creates (tasks, targets, achievements, key figures): ASCII
//! (`[a-z0-9-]`, the loader's rule), readable (the pinyin of the name's first words), short,
//! unique in the report; and, when the department has earlier reports, the id an earlier
//! year gave the same measure, so years stay comparable.

use super::rules;
use pinyin::ToPinyin;
use std::collections::HashSet;

/// Syllables an id is made of at most: enough to tell names apart, short enough to type.
const SYLLABLES: usize = 5;

/// A name with its filler words, numbers and punctuation removed: what is compared across
/// years and turned into an id.
pub(super) fn normalise_name(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation() && !is_cjk_punctuation(*c) && !c.is_whitespace() && *c != '%').collect();
    for w in rules::ID_FILLER {
        if let Some(rest) = s.strip_prefix(w) {
            s = rest.to_string();
        }
    }
    for w in ["达到", "以上", "以下", "不低于", "不高于", "不超过"] {
        s = s.replace(w, "");
    }
    s
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{2010}'..='\u{2027}')
}

/// A readable ASCII id for `name`: the pinyin of its first few characters (letters and
/// digits kept as they are), hyphen-separated; `fallback` when nothing is left.
pub(super) fn slug(name: &str, fallback: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut ascii = String::new();
    for c in normalise_name(name).chars() {
        if parts.len() >= SYLLABLES {
            break;
        }
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
            continue;
        }
        if !ascii.is_empty() {
            parts.push(std::mem::take(&mut ascii));
        }
        if parts.len() >= SYLLABLES {
            break;
        }
        if let Some(p) = c.to_pinyin() {
            // ü is written v, as on a pinyin keyboard: ids are ASCII.
            parts.push(p.plain().replace('ü', "v"));
        }
    }
    if !ascii.is_empty() && parts.len() < SYLLABLES {
        parts.push(ascii);
    }
    if parts.is_empty() { fallback.to_string() } else { parts.join("-") }
}

/// A department id proposed from its name: the pinyin of the name without the party prefix
/// (中共) and the province and city it is in (黄埔区委政法委 → huang-pu-qu-wei-zheng).
pub(super) fn department_slug(name: &str) -> String {
    let mut s = name.strip_prefix("中共").unwrap_or(name);
    for _ in 0..2 {
        match s.char_indices().find(|(_, c)| matches!(c, '省' | '市')) {
            Some((i, c)) if s[i + c.len_utf8()..].chars().count() >= 2 => s = &s[i + c.len_utf8()..],
            _ => break,
        }
    }
    slug(s, "")
}

/// Hands out ids unique in one report.
#[derive(Debug, Default)]
pub(super) struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// Reserves `id` (an id reused from an earlier year); false when already taken.
    pub(super) fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A new id for `name`: its slug, with `-2`, `-3` … when taken.
    pub(super) fn fresh(&mut self, name: &str, fallback: &str) -> String {
        let base = slug(name, fallback);
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// What an id names; ids are reused only between things of the same kind (targets and
/// indicators share theirs: the same measure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A key task.
    Task,
    /// A target or a self-evaluation indicator.
    Measure,
    /// A key figure of an achievement.
    Figure,
}

/// Ids and names of an earlier year's tasks, targets, indicators and key figures.
#[derive(Debug, Default, Clone)]
pub(super) struct Earlier {
    entries: Vec<(u16, Kind, String, String)>,
}

impl Earlier {
    /// Adds a name an earlier report (of `year`) gave to `id`.
    pub(super) fn add(&mut self, year: u16, kind: Kind, id: &str, name: &str) {
        let n = normalise_name(name);
        if !n.is_empty() {
            self.entries.push((year, kind, id.to_string(), n));
        }
    }

    /// The id and year of the earlier name of `kind` closest to `name`, when close enough to be
    /// the same measure: equal after normalising, or (when `fuzzy`) at least 80 % alike; the
    /// latest year wins a tie.
    pub(super) fn find(&self, kind: Kind, name: &str, fuzzy: bool) -> Option<(&str, u16)> {
        let n = normalise_name(name);
        if n.is_empty() {
            return None;
        }
        let mut best: Option<(&str, u16, f64)> = None;
        for (year, k, id, earlier) in &self.entries {
            if *k != kind {
                continue;
            }
            let score = if *earlier == n { 1.0 } else if fuzzy { strsim::normalized_levenshtein(earlier, &n) } else { 0.0 };
            if score >= 0.8 && best.is_none_or(|(_, y, s)| score > s || (score == s && *year > y)) {
                best = Some((id, *year, score));
            }
        }
        best.map(|(id, y, _)| (id, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_pinyin() {
        assert_eq!(slug("来穗人员居住信息登记率、注销率达到90%。", "t"), "lai-sui-ren-yuan-ju");
        assert_eq!(slug("做好新媒体建设运营", "t"), "xin-mei-ti-jian-she");
        assert_eq!(slug("“平安黄埔”app运营", "t"), "ping-an-huang-pu-app");
        assert_eq!(slug("——", "t"), "t");
        assert!(crate::load::is_valid_id(&slug("咨询诉求解答率100%", "t")));
        assert_eq!(department_slug("中共广州市黄埔区委政法委员会"), "huang-pu-qu-wei-zheng");
    }

    #[test]
    fn unique_and_reused() {
        let mut ids = Ids::default();
        assert_eq!(ids.fresh("网格事件", "x"), "wang-ge-shi-jian");
        assert_eq!(ids.fresh("网格事件", "x"), "wang-ge-shi-jian-2");
        let mut e = Earlier::default();
        e.add(2022, Kind::Measure, "grid-rate", "网格事件办结率98%以上。");
        assert_eq!(e.find(Kind::Measure, "网格事件办结率99%以上", true), Some(("grid-rate", 2022)));
        assert_eq!(e.find(Kind::Task, "网格事件办结率99%以上", true), None);
        assert_eq!(e.find(Kind::Measure, "矛盾纠纷及时受理。", true), None);
        assert_eq!(e.find(Kind::Measure, "网格事件办结率（全区）", false), None);
    }
}
