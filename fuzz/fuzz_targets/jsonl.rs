//! Any bytes as one JSON Lines record whose field `text` is cleaned, in every profile, with and
//! without an annotation field: no panic; nothing is written for a record refused; a record is
//! accepted exactly when it is a JSON object whose `text` is a string (the fast scanner agrees
//! with the parser); and an accepted record keeps every other field byte for byte, its `text`
//! becomes what `Cleaner::clean` makes of the string, and the annotation names the rules that
//! removed something.

#![no_main]

use std::collections::BTreeMap;

use dechaff::jsonl::{RecordError, Records};
use dechaff_fuzz::cleaners;
use libfuzzer_sys::fuzz_target;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

const FIELD: &str = "text";
const NOTE: &str = "dechaff";

/// Whether a line of JSON holds an object.
fn is_object(line: &[u8]) -> bool {
    line.iter().find(|b| !b" \t\r\n".contains(b)) == Some(&b'{')
}

/// What serde_json makes of a line: whether it is JSON at all (as the parser that the record
/// path also uses reads it: the strings it skips need not be UTF-8), its object, and the raw
/// text of each top-level value (the last one, for a key given twice).
struct Parsed<'a> {
    valid: bool,
    object: Option<Map<String, Value>>,
    raw: Option<BTreeMap<String, &'a RawValue>>,
}

fn parse(line: &[u8]) -> Parsed<'_> {
    Parsed {
        valid: serde_json::from_slice::<IgnoredAny>(line).is_ok(),
        object: serde_json::from_slice::<Map<String, Value>>(line).ok(),
        raw: serde_json::from_slice::<BTreeMap<String, &RawValue>>(line).ok(),
    }
}

fuzz_target!(|line: &[u8]| {
    let input = parse(line);
    for (profile, cleaner) in cleaners() {
        // What `Cleaner::clean` makes of the field, computed once for both annotations.
        let mut reference = None;
        for note in [None, Some(NOTE)] {
            let records = Records::new(cleaner, FIELD, note);
            let mut out = Vec::new();
            let result = records.clean(line, &mut out);
            let context = || {
                format!("profile {profile}, annotation {note:?}, line {:?}", String::from_utf8_lossy(line))
            };
            let tally = match result {
                Ok(tally) => tally,
                Err(error) => {
                    assert!(
                        out.is_empty(),
                        "{}: refused ({error}) but wrote {:?}",
                        context(),
                        String::from_utf8_lossy(&out)
                    );
                    check_refusal(&input, &error).unwrap_or_else(|p| panic!("{}: {p}", context()));
                    continue;
                }
            };
            assert!(input.valid, "{}: accepted a line that is not JSON", context());
            assert!(is_object(line), "{}: accepted a line that is not a JSON object", context());
            let output = parse(&out);
            assert!(
                output.valid,
                "{}: wrote a line that is not JSON: {:?}",
                context(),
                String::from_utf8_lossy(&out)
            );
            // A `Value` or a `RawValue` cannot hold some JSON the record path accepts: numbers
            // out of range, and bytes that are not UTF-8 in strings other than the field (kept
            // as they are, like every other byte). Such lines are only checked for JSON above.
            let (Some(before), Some(after)) = (&input.object, &output.object) else { continue };
            let (Some(raw_before), Some(raw_after)) = (&input.raw, &output.raw) else { continue };
            let Some(Value::String(text)) = before.get(FIELD) else {
                panic!("{}: accepted a record whose `{FIELD}` is not a string", context())
            };
            for (key, value) in raw_before {
                if key == FIELD || Some(key.as_str()) == note {
                    continue;
                }
                let kept = raw_after.get(key).map(|v| v.get());
                assert_eq!(kept, Some(value.get()), "{}: field `{key}` changed", context());
            }
            for key in raw_after.keys() {
                assert!(
                    raw_before.contains_key(key) || Some(key.as_str()) == note,
                    "{}: field `{key}` appeared",
                    context()
                );
            }
            let cleaned = reference.get_or_insert_with(|| cleaner.clean(text));
            assert_eq!(
                after.get(FIELD),
                Some(&Value::String(cleaned.text.clone())),
                "{}: `{FIELD}`",
                context()
            );
            if note.is_none() && cleaned.removals.is_empty() {
                assert_eq!(out, line, "{}: a record that loses nothing changed", context());
            }
            let mut rules: Vec<&str> = cleaned.removals.iter().map(|r| &*r.rule).collect();
            rules.sort_unstable();
            rules.dedup();
            let mut tallied: Vec<&str> = tally.iter().map(|(rule, _)| &**rule).collect();
            tallied.sort_unstable();
            assert_eq!(tallied, rules, "{}: the tally names other rules than the removals", context());
            assert!(
                tally.iter().all(|(_, n)| *n > 0),
                "{}: tally {tally:?} counts a rule for no line",
                context()
            );
            if let Some(note) = note {
                let expected: Map<String, Value> =
                    tally.iter().map(|(rule, n)| (rule.to_string(), Value::from(*n))).collect();
                assert_eq!(after.get(note), Some(&Value::Object(expected)), "{}: annotation", context());
            }
        }
    }
});

/// Whether refusing a line with `error` is right, as far as serde_json can tell.
fn check_refusal(input: &Parsed, error: &RecordError) -> Result<(), String> {
    let Some(object) = &input.object else {
        // Not JSON, not an object, or JSON that serde_json cannot hold in a `Value`: any
        // refusal may be right, but a syntax error needs a line that is not JSON.
        return match error {
            RecordError::Syntax { .. } if input.valid && input.raw.is_some() => {
                Err(format!("refused an object as not JSON: {error}"))
            }
            _ => Ok(()),
        };
    };
    match (error, object.get(FIELD)) {
        (RecordError::Syntax { .. }, _) => Err(format!("refused a JSON object: {error}")),
        (RecordError::MissingField(_), None) => Ok(()),
        (RecordError::NotString(_), Some(value)) if !value.is_string() => Ok(()),
        // serde_json keeps the last of a key given twice; the record path refuses the key.
        (RecordError::DuplicateField(_), Some(_)) => Ok(()),
        (RecordError::NotString(_), Some(_)) => {
            Err(format!("refused a string field as not a string: {error}"))
        }
        (error, value) => Err(format!("refused ({error}) a record whose `{FIELD}` is {value:?}")),
    }
}
