//! Every message text jixiao prints about the user's input, in one place so that it can be
//! translated (issue: diagnostics in Chinese). Functions take the variable parts.

/// Label before a hint line.
pub const HINT_LABEL: &str = "hint";

/// The closing summary line of a diagnostics listing.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}
