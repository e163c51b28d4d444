//! Located problems found in the input, printed like a compiler's.
//!
//! A [`Diagnostic`] names the file, line and column, the field path, what is wrong and what
//! would be right. Every stage (load, model validation, render) reports through this type so
//! the CLI prints all of them the same way and exits non-zero. Message texts live in
//! [`crate::messages`].

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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub message: String,
    /// What would be right.
    pub hint: Option<String>,
    /// The source line the location points into, for display.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A new error about `file`, without position yet.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
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
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
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

impl fmt::Display for Diagnostic {
    /// `error[E0103]: content/x/2022.yaml:14:3: budget.executed: must be a number, found "七千"`,
    /// then the source line with a caret under the value, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => crate::messages::ERROR_LABEL,
            Severity::Warning => crate::messages::WARNING_LABEL,
        };
        write!(f, "{kind}[{}]: {}: ", self.code, self.position())?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        writeln!(f, "{}", self.message)?;
        if let (Some(loc), Some(line)) = (self.location, &self.source_line) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let before: String = line.chars().take(loc.column.saturating_sub(1)).collect();
            let marked: String = line.chars().skip(loc.column.saturating_sub(1)).take(loc.len.max(1)).collect();
            let mut caret = " ".repeat(before.width());
            caret.push_str(&"^".repeat(marked.width().max(1)));
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {line}")?;
            writeln!(f, "{pad} | {caret}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = {}{}{hint}", crate::messages::HINT_LABEL, crate::messages::LABEL_SEPARATOR)?;
        }
        Ok(())
    }
}

/// Every problem found by a stage, in a stable order (file, then position).
#[derive(Debug, Clone, Default, Serialize)]
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

    /// All problems rendered for a terminal, with a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let _ = writeln!(out, "{d}");
        }
        let (e, w) = self.counts();
        let _ = writeln!(out, "{}", crate::messages::summary(e, w));
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}
