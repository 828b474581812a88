//! Whitespace tidying after deletions. The engine applies these; each is a rule so that a user
//! can switch it off.

use super::{declare_rule, Category, Kind, Tidy};

declare_rule! {
    /// ## What it removes
    /// Spaces, tabs and no-break spaces (U+00A0) at the end of a line.
    ///
    /// ## Why
    /// Invisible leftovers of markup; they make equal lines look different.
    ///
    /// ## Example
    /// ```text
    /// The talks ended on Friday.\u{a0}
    /// ```
    pub(crate) static TRAILING_WHITESPACE = { id: "trailing-whitespace", category: Category::Whitespace,
        kind: Kind::Tidy(Tidy::TrailingWhitespace) };
}

declare_rule! {
    /// ## What it removes
    /// Extra blank lines where a deletion left two or more in a row; one stays. Runs of blank
    /// lines that no deletion touched are left as they are.
    ///
    /// ## Why
    /// Deleting a line between two paragraphs must not leave a hole bigger than a paragraph
    /// break.
    ///
    /// ## Example
    /// ```text
    /// First paragraph.
    ///
    /// (a deleted line)
    ///
    /// Second paragraph.
    /// ```
    pub(crate) static BLANK_LINE_RUN = { id: "blank-line-run", category: Category::Whitespace,
        kind: Kind::Tidy(Tidy::BlankRun) };
}

declare_rule! {
    /// ## What it removes
    /// Blank lines at the start and at the end of the text.
    ///
    /// ## Why
    /// They are left over when the first or last lines were junk, and carry nothing.
    ///
    /// ## Example
    /// ```text
    ///
    /// First paragraph.
    /// ```
    pub(crate) static EDGE_BLANK_LINES = { id: "edge-blank-lines", category: Category::Whitespace,
        kind: Kind::Tidy(Tidy::EdgeBlank) };
}
