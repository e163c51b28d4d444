//! Located problems found in the input, printed like a compiler's.
//!
//! A [`Diagnostic`] names the file, line and column, the field path, what is wrong and what
//! would be right. Every stage (load, model validation, render) reports through this type so
//! the CLI prints all of them the same way and exits non-zero. Message texts live in
//! [`crate::messages`]; a diagnostic keeps its message and hint in both languages, and the
//! language is chosen when it is printed ([`Diagnostics::render`]).
//!
//! On a terminal the label is coloured as clap colours its own errors (error red, warning
//! yellow) and the code, position and hint label are bold ([`Diagnostics::eprint`]); the
//! colour is decided where the text is printed, by anstream's rules (those of clap): none when
//! stderr is not a terminal or `NO_COLOR` is set, always with `CLICOLOR_FORCE`. The rendered
//! text every other caller gets ([`Diagnostics::render`]) is plain.

use crate::messages::{self, Lang, Text};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth knowing; the build goes on.
    Warning,
}

/// A position in a source file: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Location {
    /// Line, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
    /// Length of the offending text in characters (at least 1 when shown).
    pub len: usize,
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Stable code such as `E0103`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// File, relative to the site root where possible.
    pub file: PathBuf,
    /// Position in the file, when known.
    pub location: Option<Location>,
    /// Field path such as `budget.executed` or `targets[2].target.value`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: Text,
    /// What would be right.
    pub hint: Option<Text>,
    /// The source line the location points into, for display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A new error about `file`, without position yet.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            file: file.into(),
            location: None,
            field: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// Sets the position and remembers the source line from `source` for display.
    pub fn at(mut self, location: Location, source: &str) -> Self {
        self.source_line = source.lines().nth(location.line.saturating_sub(1)).map(|l| {
            l.trim_end_matches('\r').to_string()
        });
        self.location = Some(location);
        self
    }

    /// Sets the field path.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        let f = field.into();
        self.field = if f.is_empty() { None } else { Some(f) };
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Makes this a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Renders the file path relative to `root` when it lies inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.file.strip_prefix(root) {
            self.file = rel.to_path_buf();
        }
        self
    }

    /// `file:line:column` (or just the file when the position is unknown), with `/` separators.
    pub fn position(&self) -> String {
        let file = self.file.to_string_lossy().replace('\\', "/");
        match self.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file,
        }
    }
}

impl Diagnostic {
    /// The diagnostic for a terminal, in `lang`:
    /// `error[E0103]: content/x/2022.yaml:14:3: budget.executed: must be a number, found "七千"`,
    /// then the source line with a caret under the value, then the hint.
    ///
    /// The position, field, message, source line and hint may quote the content, so control
    /// characters in them are shown escaped (see [`escape_controls`]): a value in a YAML file
    /// cannot clear the terminal, set its title or colour the output. A line break in the
    /// message or hint starts an indented continuation line.
    pub fn write(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        self.write_in(f, lang, &Palette::PLAIN)
    }

    /// [`Diagnostic::write`] with the styles of `palette` (escape sequences of ours only: the
    /// input's own control characters are escaped as always).
    fn write_in(&self, f: &mut impl fmt::Write, lang: Lang, palette: &Palette) -> fmt::Result {
        let (kind, style) = match self.severity {
            Severity::Error => (messages::ERROR_LABEL, palette.error),
            Severity::Warning => (messages::WARNING_LABEL, palette.warning),
        };
        let (code, at) = (palette.code, palette.location);
        write!(f, "{style}{}{style:#}{code}[{}]{code:#}: {at}{}{at:#}: ", kind.get(lang), self.code, escape_controls(&self.position()))?;
        if let Some(field) = &self.field {
            write!(f, "{}: ", escape_controls(field))?;
        }
        writeln!(f, "{}", escape_lines(self.message.get(lang)))?;
        if let (Some(loc), Some(line)) = (self.location, &self.source_line) {
            write_excerpt_in(f, loc, line, palette.gutter, style)?;
        }
        if let Some(hint) = &self.hint {
            let h = palette.hint;
            writeln!(f, "  = {h}{}{h:#}{}{}", messages::HINT_LABEL.get(lang), messages::LABEL_SEPARATOR.get(lang), escape_lines(hint.get(lang)))?;
        }
        Ok(())
    }
}

/// The styles of a diagnostic's parts: none ([`Palette::PLAIN`]) or a terminal's
/// ([`Palette::TERMINAL`], the colours rustc and clap give errors and warnings).
#[derive(Debug, Clone, Copy)]
struct Palette {
    error: Style,
    warning: Style,
    code: Style,
    location: Style,
    gutter: Style,
    hint: Style,
}

impl Palette {
    const PLAIN: Palette =
        Palette { error: Style::new(), warning: Style::new(), code: Style::new(), location: Style::new(), gutter: Style::new(), hint: Style::new() };
    const TERMINAL: Palette = Palette {
        error: Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
        warning: Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))),
        code: Style::new().bold(),
        location: Style::new().bold(),
        gutter: Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue))),
        hint: Style::new().bold(),
    };
}

/// The `error` label of a command-line error that is not about a located input, and its
/// message (`error: …`, as [`messages::cli_error`] words it), printed to stderr with the label
/// in red when stderr takes colour (see the module documentation).
pub fn eprint_cli_error(message: &Text, lang: Lang) {
    let red = Palette::TERMINAL.error;
    let label = messages::ERROR_LABEL.get(lang);
    anstream::eprintln!("{red}{label}{red:#}{}{}", messages::LABEL_SEPARATOR.get(lang), escape_lines(message.get(lang)));
}

impl fmt::Display for Diagnostic {
    /// The diagnostic in English (see [`Diagnostic::write`] for another language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::En)
    }
}

/// The source line of a finding at `loc`, numbered, with a caret under the value: shared by
/// build diagnostics and `jixiao check`'s findings. Long lines are cut around the value
/// ([`source_window`]) and control characters escaped ([`escape_controls`]); escaping is per
/// character, so the caret stays under the (escaped) value.
pub(crate) fn write_excerpt(out: &mut impl fmt::Write, loc: Location, line: &str) -> fmt::Result {
    write_excerpt_in(out, loc, line, Style::new(), Style::new())
}

/// [`write_excerpt`] with the gutter (line number and bars) and the caret styled.
fn write_excerpt_in(out: &mut impl fmt::Write, loc: Location, line: &str, gutter: Style, caret_style: Style) -> fmt::Result {
    let g = gutter;
    let c = caret_style;
    let number = loc.line.to_string();
    let pad = " ".repeat(number.len());
    let (before, marked, after) = source_window(line, loc.column.saturating_sub(1), loc.len.max(1));
    let lead = " ".repeat(escape_controls(&before).width());
    let caret = "^".repeat(escape_controls(&marked).width().max(1));
    writeln!(out, "{g}{pad} |{g:#}")?;
    writeln!(out, "{g}{number} |{g:#} {}{}{}", escape_controls(&before), escape_controls(&marked), escape_controls(&after))?;
    writeln!(out, "{g}{pad} |{g:#} {lead}{c}{caret}{c:#}")
}

/// The part of a source line shown with a diagnostic: the text before the value, the value
/// (at most 80 characters marked) and the rest. A very long line (minified YAML, a pasted
/// paragraph) is cut to 40 characters either side of the value, with `...` where it is cut,
/// so the error stays readable.
fn source_window(line: &str, column: usize, len: usize) -> (String, String, String) {
    const LONG: usize = 160;
    const CONTEXT: usize = 40;
    let chars: Vec<char> = line.chars().collect();
    let start = column.min(chars.len());
    let end = (start + len.min(80)).min(chars.len());
    let (from, to) = if chars.len() > LONG { (start.saturating_sub(CONTEXT), (end + CONTEXT).min(chars.len())) } else { (0, chars.len()) };
    let mut before: String = if from > 0 { "...".into() } else { String::new() };
    before.extend(&chars[from..start]);
    let marked: String = chars[start..end].iter().collect();
    let mut after: String = chars[end..to].iter().collect();
    if to < chars.len() {
        after.push_str("...");
    }
    (before, marked, after)
}

/// `text` with every control character (U+0000–U+001F, U+007F–U+009F, line breaks and tabs
/// included) written as a Rust-style escape, `\u{1b}` for ESC, `\u{7}` for BEL, `\u{a}` for a
/// line break: safe to print to a terminal, which would otherwise act on escape sequences
/// (clear the screen, set the window title, change colours). Text without control characters
/// is returned as it is, without copying.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`escape_controls`] for a message or hint that may be several lines (a hint showing what to
/// write, say): each `\n` starts a continuation line indented by four spaces, so no line of it
/// starts at the margin where a diagnostic would; every other control character is escaped.
fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape_controls).collect::<Vec<_>>().join("\n    ")
}

/// Every problem found by a stage, in a stable order (file, then position).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.0.iter().filter(|d| d.severity == Severity::Error).count();
        (errors, self.0.len() - errors)
    }

    /// Sorts by file and position so output is deterministic whatever the parallel order.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.location, a.code, &a.message).cmp(&(&b.file, b.location, b.code, &b.message))
        });
        self.0.dedup();
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// All problems rendered for a terminal in `lang`, with a summary line; plain text.
    pub fn render(&self, lang: Lang) -> String {
        self.render_in(lang, &Palette::PLAIN)
    }

    /// [`Diagnostics::render`] with a terminal's colours: ANSI escape sequences that a stream
    /// without colour must strip (as [`Diagnostics::eprint`] does).
    pub fn render_coloured(&self, lang: Lang) -> String {
        self.render_in(lang, &Palette::TERMINAL)
    }

    fn render_in(&self, lang: Lang, palette: &Palette) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let _ = d.write_in(&mut out, lang, palette);
            out.push('\n');
        }
        let (e, w) = self.counts();
        let _ = writeln!(out, "{}", messages::summary(e, w).get(lang));
        out
    }

    /// Prints every problem to stderr in `lang` ([`Diagnostics::render`]), coloured when stderr
    /// takes colour: a terminal, unless `NO_COLOR` is set; always with `CLICOLOR_FORCE`.
    pub fn eprint(&self, lang: Lang) {
        anstream::eprint!("{}", self.render_coloured(lang));
    }
}

impl fmt::Display for Diagnostics {
    /// The problems in English (see [`Diagnostics::render`] for another language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("七千 ok"), "七千 ok");
        assert!(matches!(escape_controls("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(escape_controls("\u{1b}]0;pwned\u{7}\u{1b}[2J"), "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J");
        assert_eq!(escape_controls("a\tb\rc\nd\u{0}"), "a\\u{9}b\\u{d}c\\u{a}d\\u{0}");
        assert_eq!(escape_controls("\u{7f}\u{80}\u{9b}\u{9f}\u{a0}"), "\\u{7f}\\u{80}\\u{9b}\\u{9f}\u{a0}");
    }

    #[test]
    fn rendered_diagnostics_hold_no_control_characters() {
        let value = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mRED";
        let source = format!("title: x\ntotal: \"{value}\"\n");
        let d = Diagnostic::error("E0103", "content/a\u{1b}/2022.yaml", format!("must be a number, found \"{value}\""))
            .at(Location { line: 2, column: 9, len: value.chars().count() }, &source)
            .field("budget.\u{1b}total")
            .hint(format!("not \u{9b}31m{value}"));
        let text = Diagnostics::from(d).render(Lang::En);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.contains("found \"\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{1b}[31mRED\""), "{text}");
        assert!(text.contains("content/a\\u{1b}/2022.yaml:2:9: budget.\\u{1b}total: "), "{text}");
        assert!(text.contains("not \\u{9b}31m"), "{text}");
        // The caret still sits under the whole (escaped) value.
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines.iter().find(|l| l.starts_with("2 | ")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let start = shown.find("\\u{1b}]0").unwrap();
        assert_eq!(caret.find('^'), Some(start));
        assert_eq!(caret.trim_end().len() - start, escape_controls(value).len());
    }

    #[test]
    fn a_very_long_line_is_shown_around_the_value() {
        let line = format!("{}total: 七千{}", "a".repeat(5_000), "b".repeat(5_000));
        let column = 5_000 + "total: ".len() + 1;
        let d = Diagnostic::error("E0103", "content/x/2022.yaml", "must be a number").at(Location { line: 1, column, len: 2 }, &line);
        let text = Diagnostics::from(d).render(Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines.iter().find(|l| l.starts_with("1 | ")).unwrap();
        assert!(shown.chars().count() < 120, "{shown}");
        assert!(shown.starts_with("1 | ...") && shown.ends_with("..."), "{shown}");
        assert!(shown.contains("total: 七千bbb"), "{shown}");
        // The caret is under 七千 (two full-width characters: four columns).
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let at = UnicodeWidthStr::width(&shown[..shown.find("七千").unwrap()]);
        assert_eq!(caret.find('^'), Some(at), "{text}");
        assert_eq!(caret.trim_end().len() - at, 4, "{text}");
        // A short line is shown whole.
        let d = Diagnostic::error("E0103", "content/x/2022.yaml", "must be a number").at(Location { line: 1, column: 8, len: 2 }, "total: 七千");
        assert!(Diagnostics::from(d).render(Lang::En).contains("1 | total: 七千\n"));
    }

    #[test]
    fn coloured_diagnostics_are_the_plain_ones_with_styles() {
        let source = "title: x\ntotal: 七千\n";
        let error = Diagnostic::error("E0103", "content/x/2022.yaml", "must be a number").at(Location { line: 2, column: 8, len: 2 }, source).hint("write digits");
        let warning = Diagnostic::error("E0214", "content/x/2023.yaml", "in the future").warning();
        let all = Diagnostics(vec![error, warning]);
        let coloured = all.render_coloured(Lang::En);
        assert_eq!(anstream::adapter::strip_str(&coloured).to_string(), all.render(Lang::En));
        let red = Palette::TERMINAL.error;
        let yellow = Palette::TERMINAL.warning;
        let bold = Palette::TERMINAL.code;
        assert!(coloured.contains(&format!("{red}error{red:#}{bold}[E0103]{bold:#}: {bold}content/x/2022.yaml:2:8{bold:#}: ")), "{coloured:?}");
        assert!(coloured.contains(&format!("{yellow}warning{yellow:#}")), "{coloured:?}");
        assert!(coloured.contains(&format!("{red}^^^^{red:#}")), "the caret in the error's colour: {coloured:?}");
        assert!(red.render().to_string().contains("31") && yellow.render().to_string().contains("33"), "red and yellow");
        assert!(!all.render(Lang::En).contains('\u{1b}'));
    }

    #[test]
    fn multi_line_hints_continue_indented() {
        let d = Diagnostic::error("E0003", "content/about.md", "no front matter").hint("start with:\n---\ntitle: x\n---");
        let text = d.to_string();
        assert!(text.contains("start with:\n    ---\n    title: x\n    ---\n"), "{text}");
    }
}
