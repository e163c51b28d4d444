//! Recognises the common outline of a self-evaluation report in its paragraphs and places
//! each into the [`Report`]: the front matter (title, cover sheet, a leading score), then
//! 一（一）…二（四）, 三 and 四, each section's figures typed. A paragraph the outline cannot
//! place goes to `unplaced`, never away.
//!
//! The phrasings come from [`super::rules`]; figures from [`super::figures`]; the front matter
//! from [`super::front`]; ids from [`super::ids`]. Not here: reading files, tables (绩效自评表), writing YAML.

use super::figures::{self, Num};
use super::findings::{Guess, SectionFinding, Status};
use super::front;
use super::ids::{Earlier, Ids, Kind, normalise_name};
use super::messages as msg;
use super::rules::{self, Chapter, Part};
use super::text::{Marker, Para, is_title, marker};
use crate::model::{
    Achievement, Budget, Direction, Figure, KeyFigure, Operator, Outcome, Overview, PerformanceManagement, Report, SourceAmount, Target,
    TargetValue, Task, TaskNarrative, Unplaced, Withheld, Work,
};
use std::collections::BTreeMap;

/// What the outline made of a document.
#[derive(Debug)]
pub(super) struct Outline {
    /// The report (department, year and draft are set by the caller).
    pub report: Report,
    /// Each section and how it was found.
    pub sections: Vec<SectionFinding>,
    /// Guesses to confirm.
    pub guesses: Vec<Guess>,
    /// Comments for the YAML writer, by field path.
    pub notes: BTreeMap<String, String>,
    /// Whether the title was found (else the caller supplies one).
    pub title_found: bool,
}

/// Where a paragraph goes while walking the document.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dest {
    Front,
    Part(Part),
    Unplaced,
}

/// A numbered item and the unnumbered paragraphs after it.
struct Item<'a> {
    number: u32,
    text: String,
    at: &'a str,
    more: Vec<&'a Para>,
}

impl Item<'_> {
    /// The item's text with the paragraphs after it, as Markdown paragraphs.
    fn full_text(&self) -> String {
        let mut t = self.text.clone();
        for p in &self.more {
            t.push_str("\n\n");
            t.push_str(&p.text);
        }
        t
    }
}

/// The paragraphs before the first numbered item, and the items.
fn split_items<'a>(paras: &[&'a Para]) -> (Vec<&'a Para>, Vec<Item<'a>>) {
    let mut before = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for p in paras.iter().copied() {
        match marker(&p.text) {
            Some((Marker::Item(n) | Marker::Ordinal(n), rest)) => items.push(Item { number: n, text: rest.to_string(), at: &p.at, more: Vec::new() }),
            _ => match items.last_mut() {
                Some(item) => item.more.push(p),
                None => before.push(p),
            },
        }
    }
    (before, items)
}

/// Paragraphs as one Markdown text (blank line between paragraphs, final newline).
fn join(paras: &[&Para]) -> Option<String> {
    if paras.is_empty() {
        return None;
    }
    let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
    Some(format!("{}\n", texts.join("\n\n")))
}

fn chapter_of(heading: &str) -> Option<Chapter> {
    rules::CHAPTERS.iter().find(|(_, words)| words.iter().any(|w| heading.contains(w))).map(|(c, _)| *c)
}

/// The section a heading names: among the current chapter's sections first, else any (a guess).
fn section_of(heading: &str, chapter: Option<Chapter>) -> Option<(Part, bool)> {
    let matches = |c: Option<Chapter>| {
        rules::SECTIONS
            .iter()
            .filter(|(_, ch, _)| c.is_none_or(|c| c == *ch))
            .find(|(_, _, words)| words.iter().any(|w| heading.contains(w)))
            .map(|(p, _, _)| *p)
    };
    match chapter {
        Some(c) => matches(Some(c)).map(|p| (p, false)).or_else(|| matches(None).map(|p| (p, true))),
        None => matches(None).map(|p| (p, false)),
    }
}

/// Splits a paragraph of 三 or 四 at inline ordinals (。二是 …) into items.
fn split_ordinals(text: &str) -> Vec<String> {
    let mut cuts = vec![0];
    for (i, c) in text.char_indices() {
        if c == '。' || c == '；' {
            let after = &text[i + c.len_utf8()..];
            if matches!(marker(after), Some((Marker::Ordinal(_), _))) {
                cuts.push(i + c.len_utf8());
            }
        }
    }
    cuts.push(text.len());
    cuts.windows(2).map(|w| text[w[0]..w[1]].trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// The text of a list item with a final list separator (；) removed.
fn item_title(text: &str) -> &str {
    text.trim_end_matches(['；', ';', '，', ',', '。'])
}

/// Builds the report from the document's paragraphs.
pub(super) struct Recogniser<'a> {
    earlier: &'a Earlier,
    ids: Ids,
    report: Report,
    sections: Vec<SectionFinding>,
    guesses: Vec<Guess>,
    notes: BTreeMap<String, String>,
}

impl<'a> Recogniser<'a> {
    /// A recogniser that reuses ids of `earlier` reports of the department.
    pub(super) fn new(earlier: &'a Earlier) -> Recogniser<'a> {
        let report = Report {
            department: None,
            year: None,
            title: String::new(),
            published: None,
            draft: true,
            cover: None,
            score: None,
            overview: Overview { withheld: None, text: None },
            work: Work { intro: None, tasks: Vec::new(), outro: None },
            budget: Budget {
                unit: None,
                initial: None,
                total: None,
                executed: None,
                execution_rate: None,
                by_source: Vec::new(),
                by_source_of: None,
                basic: None,
                project: None,
                carry_over: None,
                text: None,
            },
            performance: None,
            targets: Vec::new(),
            summary: None,
            results_intro: None,
            task_narratives: Vec::new(),
            achievements: Vec::new(),
            problems: Vec::new(),
            improvements: Vec::new(),
            evaluation_tables: Vec::new(),
            attachments: Vec::new(),
            acknowledge: Vec::new(),
            unplaced: Vec::new(),
            corrections: Vec::new(),
        };
        Recogniser { earlier, ids: Ids::default(), report, sections: Vec::new(), guesses: Vec::new(), notes: BTreeMap::new() }
    }

    fn unplace(&mut self, p: &Para) {
        self.report.unplaced.push(Unplaced { text: p.text.clone(), at: Some(p.at.clone()) });
    }

    fn guess(&mut self, field: String, note: crate::messages::Text, at: Option<&str>, yaml_path: Option<&str>, yaml_note: String) {
        if let Some(path) = yaml_path {
            self.notes.insert(path.to_string(), yaml_note);
        }
        self.guesses.push(Guess { field, note, at: at.map(str::to_string) });
    }

    /// An id for a name: the earlier year's id of the same measure when there is one (listed as
    /// a guess), else a new one.
    fn id_for(&mut self, kind: Kind, name: &str, slug_from: &str, fallback: &str, field: &str, at: &str) -> String {
        // Key figures' labels are short: only an equal label is the same measure.
        if let Some((id, year)) = self.earlier.find(kind, name, kind != Kind::Figure) {
            let id = id.to_string();
            if self.ids.reserve(&id) {
                self.guess(format!("{field}.id"), msg::id_reused(&id, year), Some(at), Some(field), msg::yaml_id_reused(&id, year));
                return id;
            }
        }
        self.ids.fresh(slug_from, fallback)
    }

    /// Recognises `paras` and returns the outline.
    pub(super) fn run(mut self, paras: &[Para]) -> Outline {
        let paras = split_run_in_headings(paras);
        let paras = paras.as_slice();
        let mut front: Vec<&Para> = Vec::new();
        let mut parts: BTreeMap<Part, Vec<&Para>> = BTreeMap::new();
        let mut found: BTreeMap<Part, (String, bool)> = BTreeMap::new();
        let mut chapter: Option<Chapter> = None;
        let mut dest = Dest::Front;
        for p in paras {
            let heading = match (marker(&p.text), p.heading) {
                (Some((m @ (Marker::Chapter(_) | Marker::Section(_)), rest)), _) if is_title(rest) => Some((m, rest)),
                // A Word heading without a number: its level says chapter or section.
                (None, Some(level)) if is_title(&p.text) => Some((if level <= 1 { Marker::Chapter(0) } else { Marker::Section(0) }, p.text.as_str())),
                _ => None,
            };
            if let Some((m, rest)) = heading {
                let in_list_chapter = matches!(chapter, Some(Chapter::Problems | Chapter::Improvements));
                let placed = match m {
                    Marker::Chapter(_) => match chapter_of(rest) {
                        Some(c) => {
                            chapter = Some(c);
                            match c {
                                Chapter::Problems => Some((Part::Problems, false)),
                                Chapter::Improvements => Some((Part::Improvements, false)),
                                _ => {
                                    dest = Dest::Unplaced;
                                    continue;
                                }
                            }
                        }
                        None => section_of(rest, None).map(|(part, _)| (part, true)),
                    },
                    _ if in_list_chapter => {
                        if let Dest::Part(part) = dest {
                            parts.entry(part).or_default().push(p);
                        }
                        continue;
                    }
                    _ => section_of(rest, chapter),
                };
                match placed {
                    Some((part, guessed)) => {
                        dest = Dest::Part(part);
                        found.entry(part).or_insert((p.at.clone(), guessed));
                    }
                    None => {
                        dest = Dest::Unplaced;
                        self.unplace(p);
                    }
                }
                continue;
            }
            match dest {
                Dest::Front => front.push(p),
                Dest::Part(part) => parts.entry(part).or_default().push(p),
                Dest::Unplaced => self.unplace(p),
            }
        }

        let title_found = self.front(&front, parts.get(&Part::Summary).map(Vec::as_slice).unwrap_or(&[]));
        let empty: Vec<&Para> = Vec::new();
        let get = |part: Part| parts.get(&part).unwrap_or(&empty);
        self.overview(get(Part::Overview));
        self.work(get(Part::Work));
        self.budget(get(Part::Budget));
        self.performance(get(Part::Performance));
        self.report.summary = join(get(Part::Summary));
        self.results(get(Part::Results));
        self.narratives(get(Part::Narratives));
        self.achievements(get(Part::Achievements));
        self.report.problems = list_items(get(Part::Problems));
        self.report.improvements = list_items(get(Part::Improvements));

        for part in Part::ALL {
            let count = match part {
                Part::Work => Some(self.report.work.tasks.len()),
                Part::Budget => Some(budget_figures(&self.report.budget)),
                Part::Performance => Some(self.report.targets.len()),
                Part::Results => Some(self.report.targets.iter().filter(|t| t.result.is_some()).count()),
                Part::Narratives => Some(self.report.task_narratives.len()),
                Part::Achievements => Some(self.report.achievements.len()),
                Part::Problems => Some(self.report.problems.len()),
                Part::Improvements => Some(self.report.improvements.len()),
                _ => None,
            };
            let (status, at) = match found.get(&part) {
                Some((at, false)) => (Status::Found, Some(at.clone())),
                Some((at, true)) => (Status::Guessed, Some(at.clone())),
                None => (Status::NotFound, None),
            };
            self.sections.push(SectionFinding { section: part.field().to_string(), status, at, count });
        }
        Outline { report: self.report, sections: self.sections, guesses: self.guesses, notes: self.notes, title_found }
    }

    /// Title, cover sheet, publication date and a leading score; the rest is unplaced.
    fn front(&mut self, lead: &[&Para], summary: &[&Para]) -> bool {
        let f = front::read(lead, summary);
        for p in &f.unplaced {
            self.unplace(p);
        }
        let title_at = f.title.map(|(title, at)| {
            self.report.title = title;
            at
        });
        let cover_at = f.cover.map(|(cover, at)| {
            self.report.cover = Some(cover);
            at
        });
        let score_at = f.score.map(|(score, at)| {
            self.report.score = Some(score);
            at
        });
        self.report.published = f.published;
        let found = title_at.is_some();
        for (section, at) in [("title", title_at), ("cover", cover_at), ("score", score_at)] {
            let status = if at.is_some() { Status::Found } else { Status::NotFound };
            self.sections.push(SectionFinding { section: section.to_string(), status, at, count: None });
        }
        found
    }

    fn overview(&mut self, paras: &[&Para]) {
        let mut text = Vec::new();
        for p in paras.iter().copied() {
            if self.report.overview.withheld.is_none() && rules::WITHHELD.iter().any(|w| p.text.contains(w)) {
                let basis = p
                    .text
                    .strip_prefix("根据")
                    .and_then(|r| r.find(['，', ',']).map(|i| &r[..i]))
                    .map(|b| b.trim_end_matches("的规定").trim_end_matches("规定").to_string())
                    .filter(|b| !b.is_empty());
                if basis.is_none() {
                    self.guess("overview.withheld.basis".into(), msg::withheld_basis_guess(), Some(&p.at), Some("overview"), msg::yaml_withheld_basis());
                }
                self.report.overview.withheld = Some(Withheld { basis: basis.unwrap_or_else(|| p.text.clone()), statement: Some(p.text.clone()) });
            } else {
                text.push(p);
            }
        }
        self.report.overview.text = join(&text);
    }

    fn work(&mut self, paras: &[&Para]) {
        let (before, items) = split_items(paras);
        let intro: Vec<&str> = before.iter().map(|p| p.text.as_str()).collect();
        self.report.work.intro = (!intro.is_empty()).then(|| intro.join("\n\n"));
        let mut outro: Vec<String> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let (title, rest) = match item.text.find('。') {
                Some(end) if end + '。'.len_utf8() < item.text.len() => (&item.text[..end], item.text[end + '。'.len_utf8()..].trim()),
                _ => (item.text.as_str(), ""),
            };
            if !rest.is_empty() {
                outro.push(rest.to_string());
            }
            outro.extend(item.more.iter().map(|p| p.text.clone()));
            let title = item_title(title).to_string();
            let id = self.id_for(Kind::Task, &title, &title, &format!("task-{}", i + 1), &format!("work.tasks[{i}]"), item.at);
            self.report.work.tasks.push(Task { id, title });
        }
        self.report.work.outro = (!outro.is_empty()).then(|| outro.join("\n\n"));
    }

    fn budget(&mut self, paras: &[&Para]) {
        let Some(text) = join(paras) else { return };
        let b = &mut self.report.budget;
        for (field, n) in figures::labelled(&text, rules::BUDGET_WORDS) {
            let slot = match field {
                rules::BudgetField::Initial => &mut b.initial,
                rules::BudgetField::Total => &mut b.total,
                rules::BudgetField::Executed => &mut b.executed,
                rules::BudgetField::Rate => &mut b.execution_rate,
                rules::BudgetField::Basic => &mut b.basic,
                rules::BudgetField::Project => &mut b.project,
                rules::BudgetField::CarryOver => &mut b.carry_over,
            };
            if field != rules::BudgetField::Rate && b.unit.is_none() {
                b.unit = n.unit.clone().filter(|u| rules::MONEY_UNITS.contains(&u.as_str()));
            }
            *slot = Some(n.figure);
        }
        if let Some((start, marker)) = rules::BY_SOURCE.iter().filter_map(|m| text.find(m).map(|i| (i, *m))).min() {
            let after = &text[start + marker.len()..];
            let sentence = &after[..after.find('。').unwrap_or(after.len())];
            let all_words: Vec<&str> = rules::BUDGET_WORDS.iter().flat_map(|(_, w)| w.iter().copied()).collect();
            for piece in sentence.split(['，', '；', ',', ';']) {
                if piece.contains("性质") || all_words.iter().any(|w| piece.contains(w)) {
                    continue;
                }
                let Some(n) = figures::numbers(piece).into_iter().find(|n: &Num| n.unit.as_deref().is_some_and(|u| rules::MONEY_UNITS.contains(&u))) else { continue };
                let mut name = piece[..n.start].trim();
                loop {
                    let stripped = rules::FILLERS.iter().find_map(|f| name.strip_suffix(f)).unwrap_or(name);
                    let stripped = rules::LABEL_LEAD.iter().find_map(|f| stripped.strip_prefix(f)).unwrap_or(stripped);
                    if stripped == name {
                        break;
                    }
                    name = stripped;
                }
                if let Some((word, basis)) = rules::SOURCE_BASIS.iter().find(|(w, _)| name.ends_with(w)) {
                    name = &name[..name.len() - word.len()];
                    b.by_source_of.get_or_insert(*basis);
                }
                if name.is_empty() {
                    continue;
                }
                b.by_source.push(SourceAmount { source: name.to_string(), amount: Some(n.figure) });
            }
        }
        b.text = Some(text);
    }

    fn performance(&mut self, paras: &[&Para]) {
        let (mut before, items) = split_items(paras);
        let mut perf = PerformanceManagement {
            scope: None,
            level1_projects: None,
            level2_projects: None,
            covered_funds: None,
            covered_share: None,
            text: None,
            targets_intro: None,
        };
        if let Some(last) = before.last()
            && !items.is_empty()
            && last.text.ends_with(['：', ':'])
            && rules::TARGETS_INTRO.iter().any(|w| last.text.contains(w))
        {
            perf.targets_intro = Some(last.text.clone());
            before.pop();
        }
        if paras.is_empty() {
            return;
        }
        if let Some(text) = join(&before) {
            for (field, n) in figures::labelled(&text, rules::PERFORMANCE_WORDS) {
                match field {
                    "level1_projects" => perf.level1_projects = Some(n.figure),
                    "level2_projects" => perf.level2_projects = Some(n.figure),
                    _ => perf.covered_funds = Some(n.figure),
                }
            }
            perf.covered_share = text.match_indices(rules::SHARE_WORD).find_map(|(i, _)| {
                let rest = &text[i..];
                let sentence_end = rest.find(['。', '；', '，']).unwrap_or(rest.len());
                figures::numbers(&rest[..sentence_end]).into_iter().find(|n| n.unit.as_deref() == Some("%")).map(|n| n.figure)
            });
            perf.scope = rules::SCOPE_END.iter().find_map(|end| {
                let stop = text.find(end)?;
                let head = &text[..stop];
                let start = head.rfind("年度").map(|i| i + "年度".len()).or_else(|| head.rfind('对').map(|i| i + '对'.len_utf8()))?;
                let scope = head[start..].trim();
                (!scope.is_empty() && scope.chars().count() <= 30).then(|| scope.to_string())
            });
            perf.text = Some(text);
        }
        self.report.performance = Some(perf);
        self.targets(&items);
    }

    fn targets(&mut self, items: &[Item<'_>]) {
        for (i, item) in items.iter().enumerate() {
            let mut name = item.text.clone();
            for p in &item.more {
                name.push_str(&p.text);
            }
            let parsed = figures::target(&name);
            let measure = parsed.as_ref().map(|p| p.measure.clone()).filter(|m| !m.is_empty());
            let slug_from = measure.clone().unwrap_or_else(|| name.clone());
            let id = self.id_for(Kind::Measure, &name, &slug_from, &format!("target-{}", i + 1), &format!("targets[{i}]"), item.at);
            let (target, unit, direction) = match parsed {
                Some(p) => {
                    let direction = match p.value.op {
                        Some(Operator::AtLeast | Operator::MoreThan) => Some(Direction::Higher),
                        Some(Operator::AtMost | Operator::LessThan) => Some(Direction::Lower),
                        _ => None,
                    };
                    (p.value, p.unit, direction)
                }
                None => (TargetValue { op: None, value: None, text: Some(item_title(&name).to_string()) }, None, None),
            };
            self.report.targets.push(Target { id, name, measure, unit, direction, target: Some(target), result: None });
        }
    }

    fn results(&mut self, paras: &[&Para]) {
        let (before, items) = split_items(paras);
        self.report.results_intro = join(&before).map(|t| t.trim_end().to_string());
        if !items.is_empty() && items.len() != self.report.targets.len() {
            self.guess("targets[].result".into(), msg::results_count(items.len(), self.report.targets.len()), items.first().map(|i| i.at), None, String::new());
        }
        for item in &items {
            let text = item.full_text();
            let Some(target) = self.report.targets.get_mut(item.number.saturating_sub(1) as usize) else {
                self.report.unplaced.push(Unplaced { text: format!("（{}）{}", item.number, text), at: Some(item.at.to_string()) });
                continue;
            };
            let has_value = target.target.as_ref().is_some_and(|t| t.value.is_some());
            let value = figures::result_value(&text, target.measure.as_deref(), target.unit.as_deref(), has_value);
            if value.is_some() && target.unit.is_none() {
                target.unit = value.as_ref().and_then(|n| n.unit.clone());
            }
            target.result = Some(Outcome { value: value.map(|n| n.figure), text: Some(text), met: None });
        }
    }

    fn narratives(&mut self, paras: &[&Para]) {
        let (before, items) = split_items(paras);
        for p in before {
            self.unplace(p);
        }
        let titles: Vec<String> = self.report.work.tasks.iter().map(|t| normalise_name(&t.title)).collect();
        for (k, item) in items.iter().enumerate() {
            let (heading, text) = if is_title(&item.text) && !item.more.is_empty() {
                (Some(item.text.clone()), join(&item.more).unwrap_or_default())
            } else {
                (None, format!("{}\n", item.full_text()))
            };
            let key = normalise_name(heading.as_deref().unwrap_or(&item.text));
            let alike = |i: usize| titles.get(i).map_or(0.0, |t| if key.contains(t.as_str()) || t.contains(key.as_str()) { 0.95 } else { strsim::normalized_levenshtein(t, &key) });
            let by_number = item.number.saturating_sub(1) as usize;
            let best = (0..titles.len()).max_by(|a, b| alike(*a).total_cmp(&alike(*b)));
            let task = if by_number < titles.len() && alike(by_number) >= 0.5 {
                Some(by_number)
            } else if let Some(b) = best.filter(|b| alike(*b) >= 0.5) {
                self.guess(format!("task_narratives[{k}].task"), msg::narrative_by_likeness(item.number, &self.report.work.tasks[b].title), Some(item.at), Some(&format!("task_narratives[{k}]")), msg::yaml_narrative_guess());
                Some(b)
            } else if by_number < titles.len() {
                self.guess(format!("task_narratives[{k}].task"), msg::narrative_by_number(item.number), Some(item.at), Some(&format!("task_narratives[{k}]")), msg::yaml_narrative_guess());
                Some(by_number)
            } else {
                None
            };
            match task {
                Some(t) => {
                    let task = self.report.work.tasks[t].id.clone();
                    self.report.task_narratives.push(TaskNarrative { task, heading, text });
                }
                None => {
                    let mut all = heading.map(|h| format!("{h}\n\n")).unwrap_or_default();
                    all.push_str(text.trim_end());
                    self.report.unplaced.push(Unplaced { text: all, at: Some(item.at.to_string()) });
                }
            }
        }
    }

    fn achievements(&mut self, paras: &[&Para]) {
        let (before, items) = split_items(paras);
        let mut texts: Vec<(String, String)> = Vec::new();
        if items.is_empty() {
            texts.extend(before.iter().map(|p| (p.text.clone(), p.at.clone())));
        } else {
            for p in before {
                self.unplace(p);
            }
            texts.extend(items.iter().map(|i| (i.full_text(), i.at.to_string())));
        }
        for (i, (text, at)) in texts.into_iter().enumerate() {
            let first_clause = text.split(['，', '。', '；', ',']).next().unwrap_or("");
            let id = self.ids.fresh(first_clause, &format!("achievement-{}", i + 1));
            let mut figures = figures::key_figures(&text);
            self.figure_ids(&mut figures, &format!("achievements[{i}].figures"), &at);
            self.report.achievements.push(Achievement { id, title: None, text: format!("{text}\n"), figures });
        }
    }

    fn figure_ids(&mut self, figures: &mut [KeyFigure], path: &str, at: &str) {
        for (k, f) in figures.iter_mut().enumerate() {
            let field = format!("{path}[{k}]");
            f.id = self.id_for(Kind::Figure, &f.label, &f.label, &format!("figure-{}", k + 1), &field, at);
            self.figure_ids(&mut f.parts, &format!("{field}.parts"), at);
        }
    }
}

/// A heading run into its first sentence (（一）部门概况：本部门负责…) as two paragraphs, the
/// heading and the text, when the words before the first ： or 。 name a chapter or section.
fn split_run_in_headings(paras: &[Para]) -> Vec<Para> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        if let Some((Marker::Chapter(_) | Marker::Section(_), rest)) = marker(&p.text)
            && !is_title(rest)
            && let Some(end) = rest.find(['：', '。', ':'])
            && is_title(&rest[..end])
            && (chapter_of(&rest[..end]).is_some() || section_of(&rest[..end], None).is_some())
        {
            let head_len = p.text.len() - rest.len() + end;
            let sep = p.text[head_len..].chars().next().map_or(0, char::len_utf8);
            let body = p.text[head_len + sep..].trim();
            out.push(Para { text: p.text[..head_len].to_string(), at: p.at.clone(), heading: p.heading });
            if !body.is_empty() {
                out.push(Para { text: body.to_string(), at: p.at.clone(), heading: None });
            }
            continue;
        }
        out.push(p.clone());
    }
    out
}

/// The items of 三 or 四: each numbered paragraph, and each inline 一是 / 二是 part, one item.
fn list_items(paras: &[&Para]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paras {
        // The number goes (the page numbers the list); 一是 / 二是 stay, they are words.
        let text = match marker(&p.text) {
            Some((Marker::Item(_) | Marker::Section(_), rest)) => rest,
            _ => p.text.as_str(),
        };
        out.extend(split_ordinals(text));
    }
    out
}

/// How many typed figures the budget section has.
fn budget_figures(b: &Budget) -> usize {
    [&b.initial, &b.total, &b.executed, &b.execution_rate, &b.basic, &b.project, &b.carry_over].iter().filter(|f| f.is_some()).count()
        + b.by_source.iter().filter(|s| s.amount.is_some()).count()
}

/// Every typed figure of a report, for the import report's count.
pub(super) fn count_figures(r: &Report) -> usize {
    fn key(f: &[KeyFigure]) -> usize {
        f.iter().map(|k| usize::from(k.value.is_some()) + key(&k.parts)).sum()
    }
    let some = |f: &Option<Figure>| usize::from(f.is_some());
    budget_figures(&r.budget)
        + r.performance.as_ref().map_or(0, |p| some(&p.level1_projects) + some(&p.level2_projects) + some(&p.covered_funds) + some(&p.covered_share))
        + r.targets.iter().map(|t| t.target.as_ref().map_or(0, |v| some(&v.value)) + t.result.as_ref().map_or(0, |o| some(&o.value))).sum::<usize>()
        + r.achievements.iter().map(|a| key(&a.figures)).sum::<usize>()
        + usize::from(r.score.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Para> {
        text.lines().enumerate().map(|(i, l)| Para { text: l.to_string(), at: format!("t.txt:{}", i + 1), heading: None }).collect()
    }

    #[test]
    fn headings_run_into_text_and_flat_outlines() {
        let doc = paras(
            "2023年度某局部门整体支出绩效自评报告\n\
             一、部门概况：本局负责全县文化工作。\n\
             二、部门整体收支情况\n\
             全年预算数为100.00万元，全年执行数为90.00万元，预算执行率90.00%。\n\
             三、存在的主要问题\n\
             （一）目标不够细化。\n\
             （二）执行进度偏慢。\n\
             五、其他说明\n\
             本报告数据截至年底。",
        );
        let o = Recogniser::new(&Earlier::default()).run(&doc);
        let r = &o.report;
        assert_eq!(r.overview.text.as_deref(), Some("本局负责全县文化工作。\n"));
        assert_eq!(r.budget.total.as_ref().map(Figure::as_written), Some("100.00"));
        assert_eq!(r.budget.executed.as_ref().map(Figure::as_written), Some("90.00"));
        assert_eq!(r.budget.execution_rate.as_ref().map(Figure::as_written), Some("90.00"));
        assert_eq!(r.problems, ["目标不够细化。", "执行进度偏慢。"]);
        // An unknown chapter and its text are kept, with their lines.
        let unplaced: Vec<(&str, &str)> = r.unplaced.iter().map(|u| (u.text.as_str(), u.at.as_deref().unwrap())).collect();
        assert_eq!(unplaced, [("五、其他说明", "t.txt:8"), ("本报告数据截至年底。", "t.txt:9")]);
        let status = |f: &str| o.sections.iter().find(|s| s.section == f).unwrap().status;
        assert_eq!(status("overview"), Status::Guessed, "a section under a chapter number is a guess");
        assert_eq!(status("problems"), Status::Found);
        assert_eq!(status("achievements"), Status::NotFound);
    }

    #[test]
    fn word_headings_without_numbers() {
        let mut doc = paras("基本情况\n部门概况\n本局负责全县文化工作。\n存在的主要问题\n目标不够细化。");
        for (i, level) in [(0, 1), (1, 2), (3, 1)] {
            doc[i].heading = Some(level);
        }
        let r = Recogniser::new(&Earlier::default()).run(&doc).report;
        assert_eq!(r.overview.text.as_deref(), Some("本局负责全县文化工作。\n"));
        assert_eq!(r.problems, ["目标不够细化。"]);
        assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    }

    #[test]
    fn ordinals_split_items() {
        assert_eq!(split_ordinals("存在的主要问题：一是甲。乙。二是丙。"), ["存在的主要问题：一是甲。乙。", "二是丙。"]);
    }
}
