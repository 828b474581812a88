//! JSON Lines records: cleans one field of one JSON object and splices it back into the line.
//!
//! A record is never re-serialised. The object is parsed only to find where the field's string
//! value (and, with an annotation, the annotation's value) lies in the line's bytes; the
//! cleaned string is written over that range and every other byte of the line stays as it was,
//! so field order, number spelling, whitespace and escapes elsewhere all survive exactly. A
//! record that loses nothing comes out byte for byte as it went in.
//!
//! This module knows nothing of files, threads or line numbers: reading, ordering and
//! reporting belong to the caller. It never prints.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::engine::Cleaner;

mod scan;

/// Cleans one string field of JSON Lines records.
#[derive(Debug)]
pub struct Records<'c> {
    cleaner: &'c Cleaner,
    field: String,
    annotate: Option<String>,
}

/// How many lines of one record each rule removed (or cut a span from), in order of first
/// removal.
pub type Tally = Vec<(Arc<str>, usize)>;

/// Why a record could not be cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The line is not valid JSON, or not a JSON object.
    Syntax {
        /// 1-based column (byte) where the parser gave up.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The object has no such field.
    MissingField(String),
    /// The field's value is not a string.
    NotString(String),
    /// The field appears more than once in the object.
    DuplicateField(String),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Syntax { column, message } => {
                write!(f, "not a JSON object: {message} at column {column}")
            }
            RecordError::MissingField(field) => write!(f, "no `{field}` field"),
            RecordError::NotString(field) => write!(f, "field `{field}` is not a string"),
            RecordError::DuplicateField(field) => write!(f, "field `{field}` appears more than once"),
        }
    }
}

impl std::error::Error for RecordError {}

impl<'c> Records<'c> {
    /// Cleans the string field `field` with `cleaner`; with `annotate`, also sets the field of
    /// that name to an object mapping each rule id to the number of lines it removed.
    pub fn new(cleaner: &'c Cleaner, field: &str, annotate: Option<&str>) -> Self {
        Records { cleaner, field: field.to_owned(), annotate: annotate.map(str::to_owned) }
    }

    /// Cleans one record, `line` without its line ending, and appends the result to `out`.
    /// On error nothing is appended.
    pub fn clean(&self, line: &[u8], out: &mut Vec<u8>) -> Result<Tally, RecordError> {
        let found = locate(line, &self.field, self.annotate.as_deref())?;
        let raw = found.value.ok_or_else(|| RecordError::MissingField(self.field.clone()))?;
        let text = unescape(raw).ok_or_else(|| RecordError::NotString(self.field.clone()))?;
        let cleaned = self.cleaner.clean_without_details(&text);
        let tally = cleaned.lines_per_rule();
        let Some(annotate) = self.annotate.as_deref() else {
            if cleaned.removals.is_empty() {
                out.extend_from_slice(line);
            } else {
                let value = span(line, raw);
                out.extend_from_slice(&line[..value.start]);
                write_string(out, &cleaned.text, raw.is_ascii());
                out.extend_from_slice(&line[value.end..]);
            }
            return Ok(tally);
        };
        let mut edits = Vec::with_capacity(2);
        if !cleaned.removals.is_empty() {
            let mut value = Vec::with_capacity(raw.len());
            write_string(&mut value, &cleaned.text, raw.is_ascii());
            edits.push((span(line, raw), value));
        }
        let mut note = Vec::new();
        match found.note {
            Some(old) => {
                write_tally(&mut note, &tally);
                edits.push((span(line, old), note));
            }
            None => {
                // Insert before the closing brace; the object is not empty, it holds the field.
                let close = line.iter().rposition(|b| !b.is_ascii_whitespace()).unwrap_or(0);
                note.push(b',');
                write_string(&mut note, annotate, false);
                note.push(b':');
                write_tally(&mut note, &tally);
                edits.push((close..close, note));
            }
        }
        splice(line, &mut edits, out);
        Ok(tally)
    }
}

/// The text of `raw`, a JSON value the parser has checked, if it is a string: `None` for any
/// other value and for a string that escapes half of a surrogate pair (which no text holds).
/// A string without escapes is borrowed as it is.
fn unescape(raw: &str) -> Option<Cow<'_, str>> {
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = body.as_bytes();
    let Some(mut next) = memchr::memchr(b'\\', bytes) else {
        return Some(Cow::Borrowed(body));
    };
    let mut text = String::with_capacity(body.len());
    let mut at = 0;
    loop {
        // Escapes are ASCII, so `at` and `next` always fall between characters.
        text.push_str(&body[at..next]);
        at = next + 2;
        let c = match *bytes.get(next + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = hex4(bytes.get(at..at + 4)?)?;
                at += 4;
                if (0xD800..0xDC00).contains(&high) {
                    let low = bytes
                        .get(at..at + 6)
                        .filter(|l| l.starts_with(b"\\u"))
                        .and_then(|l| hex4(&l[2..]))?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    at += 6;
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                } else {
                    // A low surrogate alone is no character.
                    char::from_u32(high)?
                }
            }
            _ => return None,
        };
        text.push(c);
        match memchr::memchr(b'\\', &bytes[at..]) {
            Some(i) => next = at + i,
            None => {
                text.push_str(&body[at..]);
                return Some(Cow::Owned(text));
            }
        }
    }
}

/// The value of four hexadecimal digits.
fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |value, &d| Some(value * 16 + char::from(d).to_digit(16)?))
}

fn write_tally(out: &mut Vec<u8>, tally: &Tally) {
    out.push(b'{');
    for (i, (rule, lines)) in tally.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(out, rule, false);
        out.push(b':');
        out.extend_from_slice(lines.to_string().as_bytes());
    }
    out.push(b'}');
}

/// The byte range of `raw` inside `line`, which it borrows from.
fn span(line: &[u8], raw: &str) -> std::ops::Range<usize> {
    let start = raw.as_ptr() as usize - line.as_ptr() as usize;
    start..start + raw.len()
}

/// Appends `line` to `out` with each range of `edits` replaced by its bytes.
fn splice(line: &[u8], edits: &mut [(std::ops::Range<usize>, Vec<u8>)], out: &mut Vec<u8>) {
    edits.sort_by_key(|(range, _)| range.start);
    let mut at = 0;
    for (range, bytes) in edits.iter() {
        out.extend_from_slice(&line[at..range.start]);
        out.extend_from_slice(bytes);
        at = range.end;
    }
    out.extend_from_slice(&line[at..]);
}

/// Writes `s` as a JSON string: only `"`, `\` and control characters are escaped, plus every
/// non-ASCII character when `ascii` is set (so that a field written by an ASCII-only encoder,
/// such as Python's `json.dumps`, stays ASCII).
pub fn write_string(out: &mut Vec<u8>, s: &str, ascii: bool) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = next_special(bytes, from, ascii) {
        // Never inside a character: every byte that stops the scan starts one.
        let c = s[i..].chars().next().unwrap_or_default();
        from = i + c.len_utf8();
        let short: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\n' => b"\\n",
            '\r' => b"\\r",
            '\t' => b"\\t",
            '\u{8}' => b"\\b",
            '\u{c}' => b"\\f",
            c => {
                out.extend_from_slice(&bytes[start..i]);
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
                }
                start = from;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(short);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The first byte at or after `from` that [`write_string`] must escape: a control character,
/// `"` or `\\`, or with `ascii` any non-ASCII byte. Eight bytes at a time: most text has long
/// runs of plain bytes between its line breaks.
fn next_special(bytes: &[u8], from: usize, ascii: bool) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte of `x` is zero (high bit set in the result), or below 0x20.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below_space = |x: u64| x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
    let special = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || (ascii && b >= 0x80);
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let x = u64::from_ne_bytes(word);
        let hit = below_space(x) | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\')));
        if hit != 0 || (ascii && x & HIGHS != 0) {
            // The tests may flag a byte after a real hit, never miss one: look byte by byte.
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| special(b)).map(|offset| i + offset)
}

/// Where the field and the annotation are in a parsed object: their values' raw text.
#[derive(Debug, Default, PartialEq)]
struct Found<'de> {
    value: Option<&'de str>,
    note: Option<&'de str>,
}

fn locate<'de>(line: &'de [u8], field: &str, note: Option<&str>) -> Result<Found<'de>, RecordError> {
    // Checked as a whole by a SIMD validator, the line's strings need no check of their own,
    // which is most of the parser's work on a long text; a line that is not UTF-8 is parsed
    // from its bytes so that the parser says where.
    // Most records take the scanner's fast path; the parser judges the rest.
    let found = match simdutf8::basic::from_utf8(line) {
        Ok(line) => match scan::locate(line, field, note) {
            Some(found) => return Ok(found),
            None => parse(&mut serde_json::Deserializer::from_str(line), field, note),
        },
        Err(_) => parse(&mut serde_json::Deserializer::from_slice(line), field, note),
    };
    found.map_err(|e| match e.classify() {
        serde_json::error::Category::Data if e.to_string().starts_with(DUPLICATE) => {
            RecordError::DuplicateField(field.to_owned())
        }
        _ => {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            RecordError::Syntax { column: e.column(), message }
        }
    })
}

fn parse<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    field: &str,
    note: Option<&str>,
) -> serde_json::Result<Found<'de>> {
    let found = Object { field, note }.deserialize(&mut *de)?;
    de.end()?;
    Ok(found)
}

const DUPLICATE: &str = "duplicate field";

/// Visits the top-level object: captures the two values of interest, skips the rest.
struct Object<'a> {
    field: &'a str,
    note: Option<&'a str>,
}

/// Which of the keys of interest a key is.
enum Key {
    Field,
    Note,
    Other,
}

impl<'de> DeserializeSeed<'de> for Object<'_> {
    type Value = Found<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Found::default();
        while let Some(key) = map.next_key_seed(KeyOf(&self))? {
            match key {
                Key::Field if found.value.is_some() => return Err(de::Error::custom(DUPLICATE)),
                Key::Field => found.value = Some(map.next_value::<&RawValue>()?.get()),
                Key::Note => found.note = Some(map.next_value::<&RawValue>()?.get()),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

/// Reads one key and says which key of interest it is, without allocating when it can.
struct KeyOf<'o, 'a>(&'o Object<'a>);

impl<'de> DeserializeSeed<'de> for KeyOf<'_, '_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyOf<'_, '_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.0.field {
            Key::Field
        } else if Some(key) == self.0.note {
            Key::Note
        } else {
            Key::Other
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Options;

    fn run(line: &str, annotate: Option<&str>) -> Result<String, RecordError> {
        let cleaner = Cleaner::new(&Options::default()).unwrap();
        let records = Records::new(&cleaner, "text", annotate);
        let mut out = Vec::new();
        records.clean(line.as_bytes(), &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn only_the_field_changes() {
        let line = r#"{"z":1.50e+3, "text":"Body.\nViews: 3\n","a":[1,2,{"b":null}],  "n":123456789012345678901234567890}"#;
        let out = run(line, None).unwrap();
        assert_eq!(
            out,
            r#"{"z":1.50e+3, "text":"Body.\n","a":[1,2,{"b":null}],  "n":123456789012345678901234567890}"#
        );
    }

    #[test]
    fn a_record_without_junk_is_byte_identical() {
        let line = r#"{ "text" : "Caf\u00e9 \/ bar.\n", "id": 1.0 }"#;
        assert_eq!(run(line, None).unwrap(), line);
    }

    #[test]
    fn an_ascii_only_field_stays_ascii() {
        let line = r#"{"text":"Caf\u00e9 \ud83d\ude00.\nViews: 3\n"}"#;
        assert_eq!(run(line, None).unwrap(), r#"{"text":"Caf\u00e9 \ud83d\ude00.\n"}"#);
        let line = "{\"text\":\"Café 😀.\\nViews: 3\\n\"}";
        assert_eq!(run(line, None).unwrap(), "{\"text\":\"Café 😀.\\n\"}");
    }

    #[test]
    fn annotation_is_added_before_the_closing_brace() {
        let line = "{\"text\":\"Body.\\nViews: 3\\nViews: 4\\n\"}  \r";
        assert_eq!(
            run(line, Some("dechaff")).unwrap(),
            "{\"text\":\"Body.\\n\",\"dechaff\":{\"view-counter\":2}}  \r"
        );
        assert_eq!(run(r#"{"text":"Body."}"#, Some("dechaff")).unwrap(), r#"{"text":"Body.","dechaff":{}}"#);
    }

    #[test]
    fn an_existing_annotation_is_replaced() {
        let line = r#"{"dechaff":{"old":1},"text":"Body.\nViews: 3\n","id":7}"#;
        assert_eq!(
            run(line, Some("dechaff")).unwrap(),
            r#"{"dechaff":{"view-counter":1},"text":"Body.\n","id":7}"#
        );
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        assert!(matches!(run("{\"text\": ", None), Err(RecordError::Syntax { .. })));
        assert!(matches!(run("[1, 2]", None), Err(RecordError::Syntax { .. })));
        assert!(matches!(run("{\"text\": \"a\"} x", None), Err(RecordError::Syntax { column: 15, .. })));
        assert_eq!(run(r#"{"body":"a"}"#, None), Err(RecordError::MissingField("text".into())));
        assert_eq!(run(r#"{"text":null}"#, None), Err(RecordError::NotString("text".into())));
        assert_eq!(run(r#"{"text":"a","text":"b"}"#, None), Err(RecordError::DuplicateField("text".into())));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_found_in_the_field_and_kept_elsewhere() {
        let cleaner = Cleaner::new(&Options::default()).unwrap();
        let records = Records::new(&cleaner, "text", None);
        let mut out = Vec::new();
        match records.clean(b"{\"text\":\"ab\xffc\"}", &mut out) {
            Err(RecordError::Syntax { column, message }) => {
                assert_eq!(column, 12, "{message}");
                assert!(message.contains("unicode"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(out.is_empty());
        // A field the cleaner does not read passes through as it is, like every other byte.
        let line = b"{\"id\":\"\xc3\",\"text\":\"Body.\\nViews: 3\"}";
        records.clean(line, &mut out).unwrap();
        assert_eq!(out, b"{\"id\":\"\xc3\",\"text\":\"Body.\"}");
    }

    #[test]
    fn escaped_keys_are_recognised() {
        assert_eq!(run(r#"{"t\u0065xt":"Body.\nViews: 3\n"}"#, None).unwrap(), r#"{"t\u0065xt":"Body.\n"}"#);
    }

    #[test]
    fn special_bytes_are_found_wherever_they_are() {
        let naive = |b: &[u8], from: usize, ascii: bool| {
            b[from..]
                .iter()
                .position(|&c| c < 0x20 || c == b'"' || c == b'\\' || (ascii && c >= 0x80))
                .map(|i| from + i)
        };
        let plain = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789!#$%&'()*+,-./:;<=>?@[]^_`{|}~";
        for special in ["\n", "\"", "\\", "\u{1}", "\u{1f}", "é", "\u{7f}", " "] {
            for at in 0..20 {
                let text = format!("{}{special}{}", &plain[..at], &plain[at..]);
                for from in [0, 1, 7, 8, 9] {
                    for ascii in [false, true] {
                        let b = text.as_bytes();
                        assert_eq!(
                            next_special(b, from, ascii),
                            naive(b, from, ascii),
                            "{text:?} {from} {ascii}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn strings_decode_as_a_json_parser_decodes_them() {
        let pieces = [
            "plain",
            "é",
            "😀",
            r#"\""#,
            r"\\",
            r"\/",
            r"\b",
            r"\f",
            r"\n",
            r"\r",
            r"\t",
            r"\u00e9",
            r"\u00E9",
            r"\ud83d\ude00",
            r"\ud83d",
            r"\ude00",
            r"\ud83d\u0041",
            r"\ud83dx",
            r"\u12",
            r"\u12g4",
            r"\x",
            r"\",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "tail"] {
                    let raw = format!("\"{a}{b}{c}\"");
                    let ours = unescape(&raw).map(Cow::into_owned);
                    let theirs = serde_json::from_str::<String>(&raw).ok();
                    // A string the parser rejects outright never reaches `unescape`.
                    if serde_json::from_str::<&RawValue>(&raw).is_ok() {
                        assert_eq!(ours, theirs, "{raw}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 300, "{checked}");
        assert!(matches!(unescape(r#""no escapes""#), Some(Cow::Borrowed("no escapes"))));
        assert_eq!(unescape("12"), None);
        assert_eq!(unescape(r#"{"a":1}"#), None);
    }

    #[test]
    fn strings_round_trip() {
        for s in ["plain", "quote \" back \\ slash", "ctl \u{1} \u{1f} \t \r \n \u{8} \u{c}", "é 😀 \u{7f}"]
        {
            for ascii in [false, true] {
                let mut out = Vec::new();
                write_string(&mut out, s, ascii);
                assert_eq!(serde_json::from_slice::<String>(&out).unwrap(), s);
                assert!(!ascii || out.is_ascii());
            }
        }
    }
}
