//! Word's automatic list numbering, resolved to the text a reader sees: `w:numPr` (list and
//! level) → `numbering.xml` (`w:num` → `w:abstractNum` → `w:lvl`: start, `numFmt`, `lvlText`
//! such as `（%1）` or `%1.`, restart rules, `w:lvlOverride/w:startOverride`).
//!
//! Counters are kept per list (`numId`) and level, as Word keeps them: a number at one level
//! restarts the levels below it (unless `w:lvlRestart` says otherwise).

use super::{W, child, is, val};
use roxmltree::{Document, Node};
use std::collections::HashMap;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: restart after a number at this level (1-based) or above; 0: never.
    restart: Option<u32>,
    /// `w:isLgl`: numbers of the levels above written in decimal.
    legal: bool,
    /// `w:suff`: what follows the number (tab, space or nothing).
    suffix: String,
}

/// The list definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// Levels of each `w:abstractNum`, by its id.
    abstract_levels: HashMap<String, Vec<Level>>,
    /// Each `w:num`: its abstract definition and its overrides (level → start, level definition).
    nums: HashMap<String, (String, Overrides)>,
}

/// A list's overrides of its abstract definition: by level, a start and a whole definition.
type Overrides = HashMap<u8, (Option<u32>, Option<Level>)>;

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub(super) fn new(doc: &Document) -> Numbering {
        let mut numbering = Numbering::default();
        for n in doc.root_element().children().filter(Node::is_element) {
            if is(&n, "abstractNum") {
                let Some(id) = n.attribute((W, "abstractNumId")) else { continue };
                let mut levels = vec![Level::default(); 9];
                for lvl in n.children().filter(|c| is(c, "lvl")) {
                    let Some(i) = lvl.attribute((W, "ilvl")).and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < 9) else { continue };
                    levels[i] = level(&lvl);
                }
                numbering.abstract_levels.insert(id.to_string(), levels);
            } else if is(&n, "num") {
                let Some(id) = n.attribute((W, "numId")) else { continue };
                let Some(abstract_id) = child(&n, "abstractNumId").and_then(|a| val(&a)) else { continue };
                let mut overrides = HashMap::new();
                for o in n.children().filter(|c| is(c, "lvlOverride")) {
                    let Some(i) = o.attribute((W, "ilvl")).and_then(|v| v.parse::<u8>().ok()) else { continue };
                    let start = child(&o, "startOverride").and_then(|s| val(&s)).and_then(|v| v.parse().ok());
                    let lvl = child(&o, "lvl").map(|l| level(&l));
                    overrides.insert(i, (start, lvl));
                }
                numbering.nums.insert(id.to_string(), (abstract_id.to_string(), overrides));
            }
        }
        numbering
    }

    /// The definition of `level` of list `num_id`, with the list's overrides applied.
    fn level(&self, num_id: &str, level: u8) -> Option<Level> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let mut lvl = self.abstract_levels.get(abstract_id)?.get(level as usize)?.clone();
        if let Some((start, over)) = overrides.get(&level) {
            if let Some(over) = over {
                lvl = over.clone();
            }
            if let Some(start) = start {
                lvl.start = *start;
            }
        }
        Some(lvl)
    }
}

/// Reads a `w:lvl`.
fn level(lvl: &Node) -> Level {
    let get = |name: &str| child(lvl, name).and_then(|n| val(&n).map(str::to_string));
    Level {
        start: get("start").and_then(|v| v.parse().ok()).unwrap_or(1),
        format: get("numFmt").unwrap_or_else(|| "decimal".to_string()),
        text: get("lvlText").unwrap_or_default(),
        restart: get("lvlRestart").and_then(|v| v.parse().ok()),
        legal: child(lvl, "isLgl").is_some_and(|n| val(&n).is_none_or(|v| v != "0" && v != "false")),
        suffix: get("suff").unwrap_or_else(|| "tab".to_string()),
    }
}

/// The counters of every list and level so far.
#[derive(Debug, Default)]
pub(super) struct Counters {
    /// Current number of each level of each list (`None`: not started).
    by_num: HashMap<String, [Option<u32>; 9]>,
}

impl Counters {
    /// Counts a paragraph at `level` of list `num_id` and returns its number as shown (with the
    /// separator a reader sees before the text), or `None` for an unknown list or a level that
    /// shows no number (bullets, `none`).
    pub(super) fn next(&mut self, numbering: &Numbering, num_id: &str, level: u8) -> Option<String> {
        let level = level.min(8);
        let def = numbering.level(num_id, level)?;
        let counters = self.by_num.entry(num_id.to_string()).or_default();
        let current = counters[level as usize].map_or(def.start, |c| c + 1);
        counters[level as usize] = Some(current);
        // Deeper levels restart after this one unless their lvlRestart names a level above it
        // (1-based; 0 = never restart).
        for deeper in level + 1..9 {
            let restart_after = numbering.level(num_id, deeper).and_then(|l| l.restart).unwrap_or(u32::from(deeper));
            if restart_after != 0 && restart_after > u32::from(level) {
                counters[deeper as usize] = None;
            }
        }
        if def.format == "bullet" || def.format == "none" || def.text.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' && chars.peek().is_some_and(char::is_ascii_digit) {
                let n = chars.next().and_then(|d| d.to_digit(10)).unwrap_or(1).clamp(1, 9) as u8 - 1;
                let value_def = numbering.level(num_id, n).unwrap_or_default();
                let value = counters[n as usize].unwrap_or(value_def.start);
                let format = if def.legal && n < level { "decimal" } else { value_def.format.as_str() };
                out.push_str(&format_number(value, format));
            } else {
                out.push(c);
            }
        }
        // Word puts a tab (or a space) between the number and the text; a reader sees a gap
        // after `1.` but none after Chinese punctuation such as `（1）` or `一、`.
        let ends_wide = out.chars().last().is_some_and(|c| !c.is_ascii());
        if def.suffix != "nothing" && !ends_wide {
            out.push(' ');
        }
        Some(out)
    }
}

/// `n` in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "decimal" => n.to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n.to_string().chars().map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d)).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default(),
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1).map(String::from).unwrap_or_default(),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1).map(String::from).unwrap_or_default(),
        "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "ideographDigital" | "taiwaneseCounting" | "taiwaneseCountingThousand" => chinese(n),
        "chineseLegalSimplified" => chinese(n).chars().map(|c| match c { '一' => '壹', '二' => '贰', '三' => '叁', '四' => '肆', '五' => '伍', '六' => '陆', '七' => '柒', '八' => '捌', '九' => '玖', '十' => '拾', '百' => '佰', '千' => '仟', o => o }).collect(),
        "ideographTraditional" if (1..=10).contains(&n) => "甲乙丙丁戊己庚辛壬癸".chars().nth(n as usize - 1).map(String::from).unwrap_or_default(),
        "ideographZodiac" if (1..=12).contains(&n) => "子丑寅卯辰巳午未申酉戌亥".chars().nth(n as usize - 1).map(String::from).unwrap_or_default(),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// `n` in Chinese numerals as Word counts lists: 一 … 十, 十一, 二十, 一百零一.
fn chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "〇".to_string();
    }
    if n < 10 {
        return DIGITS[n as usize].to_string();
    }
    if n < 20 {
        return format!("十{}", if n.is_multiple_of(10) { String::new() } else { DIGITS[(n % 10) as usize].to_string() });
    }
    if n < 100 {
        let ones = if n.is_multiple_of(10) { String::new() } else { DIGITS[(n % 10) as usize].to_string() };
        return format!("{}十{ones}", DIGITS[(n / 10) as usize]);
    }
    if n < 1000 {
        let rest = n % 100;
        let tail = match rest {
            0 => String::new(),
            1..=9 => format!("零{}", DIGITS[rest as usize]),
            10..=19 => format!("一{}", chinese(rest)),
            _ => chinese(rest),
        };
        return format!("{}百{tail}", DIGITS[(n / 100) as usize]);
    }
    n.to_string()
}

/// `n` as spreadsheet-style letters repeated as Word does: a … z, aa … zz.
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = (base + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

/// `n` in Roman numerals.
fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (value, text) in TABLE {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(20, "chineseCountingThousand"), "二十");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimalFullWidth"), "７");
    }
}
