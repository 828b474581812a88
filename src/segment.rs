//! Splits a text into lines and blocks once, with byte ranges, so that no rule re-splits it.
//!
//! It makes no judgement about junk: it only says where lines and blocks (runs of non-blank
//! lines) are, and where the head and tail of the document lie.

use std::ops::Range;

/// One line of the input, without its line ending.
///
/// A text has one of these per line, so it is kept to 32 bytes: the line's text, where it
/// starts, and how much whitespace its two ends hold (the trimmed text is a slice of the text,
/// recomputed only for a line with more than 254 bytes of it at one end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line's text, without `\n` or `\r\n`.
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    start: usize,
    /// Index of the block the line belongs to, [`NO_BLOCK`] for a blank line.
    block: u32,
    /// The line ending that follows it.
    pub ending: Ending,
    /// Bytes of whitespace before the trimmed text, and after it; [`LONG_SPACE`] for more than
    /// fit in a byte.
    lead: u8,
    trail: u8,
    /// Whether the trimmed text is empty.
    blank: bool,
}

/// [`Line::block`] of a blank line.
const NO_BLOCK: u32 = u32::MAX;
/// [`Line::lead`] or [`Line::trail`] of a line whose whitespace at that end is too long for a byte.
const LONG_SPACE: u8 = u8::MAX;

impl<'a> Line<'a> {
    /// A line of `text`, starting at byte `start` of the input, in block `block`.
    #[inline(always)]
    fn new(text: &'a str, start: usize, ending: Ending, block: Option<u32>) -> Self {
        let trimmed = trim(text);
        let lead = trimmed.as_ptr() as usize - text.as_ptr() as usize;
        let trail = text.len() - lead - trimmed.len();
        let fit = |n: usize| u8::try_from(n).ok().filter(|&b| b != LONG_SPACE).unwrap_or(LONG_SPACE);
        let blank = trimmed.is_empty();
        Line {
            text,
            start,
            block: block.unwrap_or(NO_BLOCK),
            ending,
            lead: fit(lead),
            trail: fit(trail),
            blank,
        }
    }

    /// The line's text trimmed at both ends of whitespace (including U+00A0) and of the
    /// invisible zero-width characters that markup leaves (U+200B, U+200C, U+200D, U+2060,
    /// U+FEFF); a line of nothing else is blank.
    #[inline(always)]
    pub fn trimmed(&self) -> &'a str {
        if self.lead == LONG_SPACE || self.trail == LONG_SPACE {
            return trim_long(self.text);
        }
        let text: &'a str = self.text;
        text.get(self.lead as usize..text.len() - self.trail as usize).unwrap_or_default()
    }

    /// Byte range of `text` in the input.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// Index of the block the line belongs to; `None` for a blank line (and for the lines of
    /// blocks past the 4,294,967,294th of one text, which takes a text of over 12 GiB: they
    /// count as blocks of one line each).
    #[inline]
    pub fn block(&self) -> Option<usize> {
        (self.block != NO_BLOCK).then_some(self.block as usize)
    }

    /// Whether the line holds nothing but whitespace.
    #[inline]
    pub fn is_blank(&self) -> bool {
        self.blank
    }
}

/// The end of a line: `"\n"`, `"\r\n"`, or none for a last line without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// No line ending: the last line of a text that does not end with one.
    None,
    /// `\n`.
    Lf,
    /// `\r\n`.
    CrLf,
}

impl Ending {
    fn of(ending: &str) -> Ending {
        match ending {
            "" => Ending::None,
            "\n" => Ending::Lf,
            _ => Ending::CrLf,
        }
    }

    /// The ending as text.
    pub fn as_str(self) -> &'static str {
        match self {
            Ending::None => "",
            Ending::Lf => "\n",
            Ending::CrLf => "\r\n",
        }
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.as_str().len()
    }

    /// Whether there is none.
    pub fn is_empty(self) -> bool {
        self == Ending::None
    }
}

/// A run of consecutive non-blank lines (a paragraph, a list, a footer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Line indices of the block, end exclusive.
    pub lines: Range<usize>,
}

/// A text split into lines and blocks.
#[derive(Debug)]
pub struct Document<'a> {
    /// The whole input.
    pub text: &'a str,
    /// Every line, in order; an empty input has none.
    pub lines: Vec<Line<'a>>,
    /// Every block, in order.
    pub blocks: Vec<Block>,
    head_end: usize,
    tail_start: usize,
}

/// How many non-blank lines at least count as the head and as the tail of a document.
const EDGE_MIN_LINES: usize = 3;
/// Which share of the non-blank lines counts as the head and as the tail of a document.
const EDGE_SHARE: f64 = 0.15;

impl<'a> Document<'a> {
    /// Segments `text`.
    pub fn new(text: &'a str) -> Self {
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        let mut blocks: Vec<Block> = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let (end, next) = match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
                Some(i) => (start + i, start + i + 1),
                None => (text.len(), text.len()),
            };
            let (content_end, ending) = if next > end && end > start && text.as_bytes()[end - 1] == b'\r' {
                (end - 1, &text[end - 1..next])
            } else {
                (end, &text[end..next])
            };
            push_line(&mut lines, &mut blocks, &text[start..content_end], start..content_end, ending);
            start = next;
        }
        let (head_end, tail_start) = edges(&lines);
        Document { text, lines, blocks, head_end, tail_start }
    }

    /// The document made of these lines (text, byte range, line ending), in order, as
    /// segmenting a text made of them would give it: the engine's view of what its rules left,
    /// without writing it out. `text` is what the ranges point into where they do.
    pub(crate) fn from_lines(
        text: &'a str,
        capacity: usize,
        parts: impl Iterator<Item = (&'a str, Range<usize>, &'a str)>,
    ) -> Self {
        let mut lines = Vec::with_capacity(capacity);
        let mut blocks: Vec<Block> = Vec::new();
        for (line_text, range, ending) in parts {
            push_line(&mut lines, &mut blocks, line_text, range, ending);
        }
        let (head_end, tail_start) = edges(&lines);
        Document { text, lines, blocks, head_end, tail_start }
    }

    /// Whether line `index` lies in the head: the first 15 % of the non-blank lines, at least 3.
    pub fn is_head(&self, index: usize) -> bool {
        index < self.head_end
    }

    /// Whether line `index` lies in the tail: the last 15 % of the non-blank lines, at least 3.
    pub fn is_tail(&self, index: usize) -> bool {
        index >= self.tail_start
    }

    /// Whether the text ends with a line ending (an empty text does not).
    pub fn ends_with_newline(&self) -> bool {
        self.lines.last().is_some_and(|l| !l.ending.is_empty())
    }
}

/// Adds a line, and to the blocks, a non-blank line.
#[inline(always)]
fn push_line<'a>(
    lines: &mut Vec<Line<'a>>,
    blocks: &mut Vec<Block>,
    text: &'a str,
    range: Range<usize>,
    ending: &'a str,
) {
    let line = Line::new(text, range.start, Ending::of(ending), None);
    if line.blank {
        lines.push(line);
        return;
    }
    let index = lines.len();
    match blocks.last_mut() {
        Some(b) if b.lines.end == index => b.lines.end = index + 1,
        _ => blocks.push(Block { lines: index..index + 1 }),
    }
    // A block holds at least one byte and a line ending, so a text of fewer than 8 GiB has
    // fewer than 2^32 − 1 of them; a larger one keeps its extra blocks' lines in no block.
    let block = u32::try_from(blocks.len() - 1).ok().filter(|&b| b != NO_BLOCK);
    lines.push(Line { block: block.unwrap_or(NO_BLOCK), ..line });
}

/// [`trim`] for the few lines with long whitespace at an end, out of the way of the rest.
#[cold]
#[inline(never)]
fn trim_long(text: &str) -> &str {
    trim(text)
}

/// Whitespace, and the zero-width characters that render as nothing.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// `text` without leading and trailing [`is_space`] characters. Most lines start and end with
/// an ASCII letter or punctuation mark, which no decoding is needed to see, and most of the
/// rest with ASCII spaces.
#[inline(always)]
fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        if b.is_ascii() {
            if !b.is_ascii_whitespace() && b != 0x0b {
                break;
            }
            start += 1;
        } else {
            let c = text[start..].chars().next().unwrap_or_default();
            if !is_space(c) {
                break;
            }
            start += c.len_utf8();
        }
    }
    let mut end = bytes.len();
    while end > start {
        let b = bytes[end - 1];
        if b.is_ascii() {
            if !b.is_ascii_whitespace() && b != 0x0b {
                break;
            }
            end -= 1;
        } else {
            let c = text[start..end].chars().next_back().unwrap_or_default();
            if !is_space(c) {
                break;
            }
            end -= c.len_utf8();
        }
    }
    &text[start..end]
}

/// The end of the head and the start of the tail, as line indices.
fn edges(lines: &[Line<'_>]) -> (usize, usize) {
    edge_bounds(lines.len(), |i| lines[i].is_blank())
}

/// How many non-blank lines the head and the tail each take of a text of `total` (at least one).
pub(crate) fn edge_lines(total: usize) -> usize {
    ((total as f64 * EDGE_SHARE).ceil() as usize).max(EDGE_MIN_LINES).min(total)
}

/// The end of the head and the start of the tail of `len` lines, of which `blank` says which
/// are blank: the first and last 15 % of the non-blank lines, at least 3.
pub(crate) fn edge_bounds(len: usize, blank: impl Fn(usize) -> bool) -> (usize, usize) {
    let total = (0..len).filter(|&i| !blank(i)).count();
    if total == 0 {
        return (len, 0);
    }
    let n = edge_lines(total);
    // The `n`th non-blank line from the start, and from the end.
    let head_end = (0..len).filter(|&i| !blank(i)).nth(n - 1).unwrap_or_default() + 1;
    let tail_start = (0..len).rev().filter(|&i| !blank(i)).nth(n - 1).unwrap_or_default();
    (head_end, tail_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_record_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Line>(), 32);
    }

    #[test]
    fn long_whitespace_at_a_line_end_is_trimmed_too() {
        let pad = |n| " ".repeat(n);
        for (lead, trail) in [(0, 0), (254, 3), (255, 0), (3, 255), (1000, 70_000), (253, 254)] {
            let text = format!("{}a b{}\n{}\n", pad(lead), pad(trail), pad(lead + trail));
            let doc = Document::new(&text);
            assert_eq!(doc.lines[0].trimmed(), "a b", "lead {lead}, trail {trail}");
            assert_eq!(doc.lines[0].range(), 0..lead + 3 + trail);
            assert!(!doc.lines[0].is_blank());
            assert_eq!(doc.lines[1].trimmed(), "");
            assert!(doc.lines[1].is_blank(), "lead {lead}, trail {trail}");
            assert_eq!(doc.lines[1].block(), None);
        }
    }

    #[test]
    fn lines_keep_their_endings_and_ranges() {
        let doc = Document::new("a\r\nb\n\nc");
        let texts: Vec<_> = doc.lines.iter().map(|l| (l.text, l.ending.as_str())).collect();
        assert_eq!(texts, [("a", "\r\n"), ("b", "\n"), ("", "\n"), ("c", "")]);
        assert_eq!(doc.lines[1].range(), 3..4);
        assert!(!doc.ends_with_newline());
        assert_eq!(doc.blocks, [Block { lines: 0..2 }, Block { lines: 3..4 }]);
        assert_eq!(doc.lines[2].block(), None);
        assert_eq!(doc.lines[3].block(), Some(1));
    }

    #[test]
    fn empty_text_has_no_lines() {
        let doc = Document::new("");
        assert!(doc.lines.is_empty());
        assert!(!doc.ends_with_newline());
    }

    #[test]
    fn nbsp_only_line_is_blank() {
        let doc = Document::new("x\n\u{a0} \nz\n\u{200b}\n");
        assert!(doc.lines[1].is_blank());
        assert!(doc.lines[3].is_blank());
        assert!(doc.ends_with_newline());
    }

    #[test]
    fn trimming_removes_what_is_space_says_is_space() {
        let spaces = [
            " ", "\t", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{200b}",
            "\u{feff}",
        ];
        let cores = ["", "a", "a b", "é", "“x”", "\u{1f}", "…", "\u{200b}x\u{200b}"];
        for left in spaces.iter().chain(&[""]) {
            for right in spaces.iter().chain(&[""]) {
                for core in cores {
                    let text = format!("{left}{left}{core}{right}");
                    assert_eq!(trim(&text), text.trim_matches(is_space), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn head_and_tail_cover_at_least_three_non_blank_lines() {
        let text = (0..40).map(|i| format!("line {i}\n\n")).collect::<String>();
        let doc = Document::new(&text);
        // 40 non-blank lines: 15 % is 6 lines, at even indices 0..=10.
        assert!(doc.is_head(10) && !doc.is_head(12));
        assert!(doc.is_tail(68) && !doc.is_tail(66));
    }
}
