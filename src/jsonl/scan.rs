//! A fast path for finding two fields' values in a JSON object, for records that are valid
//! JSON of the usual shape.
//!
//! A general JSON parser spends most of its time on a record's text going through the text a
//! byte at a time. This scanner jumps between quotes and backslashes with a SIMD byte search
//! and checks the bytes it jumps over for control characters in blocks. It never accepts what
//! the full parser rejects: it gives up (`None`) on anything the full parser would reject or
//! that would need its judgement (a duplicate field, a key that does not decode, very deep
//! nesting), and the caller then asks the full parser, which says what is wrong.

/// The raw text (quotes and escapes as in the line) of the values of the field and of the
/// annotation, when the line is a JSON object without surprises.
pub(super) fn locate<'a>(line: &'a str, field: &str, note: Option<&str>) -> Option<super::Found<'a>> {
    let mut scan = Scan { bytes: line.as_bytes(), at: 0 };
    let mut found = super::Found::default();
    scan.space();
    scan.eat(b'{')?;
    scan.space();
    if scan.peek() == Some(b'}') {
        scan.at += 1;
    } else {
        loop {
            scan.eat(b'"')?;
            let key = scan.string()?;
            let key = super::unescape(&line[key.start - 1..key.end + 1])?;
            scan.space();
            scan.eat(b':')?;
            scan.space();
            let start = scan.at;
            scan.value()?;
            let value = &line[start..scan.at];
            if key == field {
                if found.value.is_some() {
                    return None;
                }
                found.value = Some(value);
            } else if Some(&*key) == note {
                found.note = Some(value);
            }
            scan.space();
            match scan.next()? {
                b',' => scan.space(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    scan.space();
    (scan.at == scan.bytes.len()).then_some(found)
}

/// How deep arrays and objects may nest before the scanner leaves a line to the full parser.
const DEPTH: usize = 64;

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Reads a string whose opening quote is behind, and returns the range of its body.
    fn string(&mut self) -> Option<std::ops::Range<usize>> {
        let start = self.at;
        loop {
            let stop = self.at + memchr::memchr2(b'"', b'\\', &self.bytes[self.at..])?;
            if has_control(&self.bytes[self.at..stop]) {
                return None;
            }
            if self.bytes[stop] == b'"' {
                self.at = stop + 1;
                return Some(start..stop);
            }
            self.at = stop + 2;
            match *self.bytes.get(stop + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                b'u' => {
                    let digits = self.bytes.get(self.at..self.at + 4)?;
                    if !digits.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    self.at += 4;
                }
                _ => return None,
            }
        }
    }

    /// Reads one value of any kind.
    fn value(&mut self) -> Option<()> {
        // The arrays and objects the value is inside of, innermost last.
        let mut open = [0u8; DEPTH];
        let mut depth = 0;
        loop {
            // A value, or the end of an empty array or object.
            match self.next()? {
                b'"' => {
                    self.string()?;
                }
                b'-' | b'0'..=b'9' => {
                    self.at -= 1;
                    self.number()?;
                }
                b't' => self.word(b"rue")?,
                b'f' => self.word(b"alse")?,
                b'n' => self.word(b"ull")?,
                b @ (b'[' | b'{') => {
                    if depth == DEPTH {
                        return None;
                    }
                    open[depth] = b;
                    depth += 1;
                    self.space();
                    match (b, self.peek()?) {
                        (b'[', b']') | (b'{', b'}') => {
                            self.at += 1;
                            depth -= 1;
                        }
                        (b'[', _) => continue,
                        _ => {
                            self.key()?;
                            continue;
                        }
                    }
                }
                _ => return None,
            }
            // After a value: a comma and the next, or the ends of what holds it.
            loop {
                if depth == 0 {
                    return Some(());
                }
                self.space();
                match (open[depth - 1], self.next()?) {
                    (_, b',') => {
                        self.space();
                        if open[depth - 1] == b'{' {
                            self.key()?;
                        }
                        break;
                    }
                    (b'[', b']') | (b'{', b'}') => depth -= 1,
                    _ => return None,
                }
            }
        }
    }

    /// Reads a key of an object, its colon and the space up to its value.
    fn key(&mut self) -> Option<()> {
        self.eat(b'"')?;
        self.string()?;
        self.space();
        self.eat(b':')?;
        self.space();
        Some(())
    }

    fn word(&mut self, rest: &[u8]) -> Option<()> {
        let end = self.at + rest.len();
        (self.bytes.get(self.at..end)? == rest).then(|| self.at = end)
    }

    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digit()?;
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.digit()?;
            self.digits();
        }
        // A digit right after a leading zero is no number.
        (!self.peek().is_some_and(|b| b.is_ascii_digit())).then_some(())
    }

    fn digit(&mut self) -> Option<()> {
        self.next()?.is_ascii_digit().then_some(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }
}

/// Whether `bytes` holds a control character (below U+0020), which a JSON string may not hold
/// unescaped. In blocks without an early exit, which the compiler turns into SIMD.
fn has_control(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | (b < 0x20)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| b < 0x20)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{parse, Found};

    /// What the full parser finds in `line`, or `None` when it rejects it.
    fn parsed<'a>(line: &'a str, field: &str, note: Option<&str>) -> Option<Found<'a>> {
        parse(&mut serde_json::Deserializer::from_str(line), field, note).ok()
    }

    /// The scanner agrees with the parser where it answers, and answers `line`.
    fn agrees(line: &str) {
        let fast = super::locate(line, "text", Some("note"));
        assert!(fast.is_some(), "the scanner gave up on {line:?}");
        assert_eq!(fast, parsed(line, "text", Some("note")), "{line:?}");
    }

    #[test]
    fn finds_what_the_parser_finds() {
        agrees(r#"{"text":"a\nb"}"#);
        agrees(r#" { "id" : -0.5e+3 , "text" : "x\"y\\\/\u00e9" , "note" : {"a":[1,{},[]]} } "#);
        agrees(r#"{"a":[true,false,null,"s",0,-1,2.50,1E9,{"b":{"c":[[]]}}],"text":"t"}"#);
        agrees(r#"{"t\u0065xt":"escaped key","note":null}"#);
        agrees(r#"{"note":1,"note":2,"text":""}"#);
        agrees("{}");
        agrees("{\"text\":\"\u{1F600} raw UTF-8 and \\ud83d\\ude00\"}\t\r\n ");
    }

    #[test]
    fn leaves_the_judgement_of_bad_lines_to_the_parser() {
        for line in [
            "",
            "[]",
            r#"{"text":"a","text":"b"}"#,
            "{\"text\":\"tab\there\"}",
            r#"{"text":"a\x"}"#,
            r#"{"text":"\u12g4"}"#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a",}"#,
            r#"{"a":01,"text":""}"#,
            r#"{"a":1.,"text":""}"#,
            r#"{"a":-,"text":""}"#,
            r#"{"a":1e,"text":""}"#,
            r#"{"a":[1,],"text":""}"#,
            r#"{"a":[1 2],"text":""}"#,
            r#"{"a":{"b"},"text":""}"#,
            r#"{"a":tru,"text":""}"#,
            r#"{"\ud800":1,"text":""}"#,
            r#"{"text":"a""#,
            "{\"text\":\"a\"",
        ] {
            assert_eq!(super::locate(line, "text", None), None, "{line:?}");
        }
        let deep = format!("{{\"a\":{}1{},\"text\":\"\"}}", "[".repeat(100), "]".repeat(100));
        assert_eq!(super::locate(&deep, "text", None), None);
        assert!(parsed(&deep, "text", None).is_some());
    }

    /// Pieces of JSON, well and badly formed, to assemble records from.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\t",
        "\n",
        "\"",
        "\"text\"",
        "\"note\"",
        "\"te\\u0078t\"",
        "\"k\"",
        "\"a\\\"b\"",
        "\"\\n\"",
        "\"\\u00e9\"",
        "\"\\ud800\"",
        "\"\\x\"",
        "\"é\"",
        "\"\u{1}\"",
        "0",
        "-1",
        "1.5",
        "01",
        "1e5",
        "-",
        "1.",
        "true",
        "false",
        "null",
        "nul",
        "\\",
        "x",
    ];

    /// Any JSON value, with strings of the characters that need care.
    fn value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            "[a\"\\/\n\t\u{1}\u{1f}é\u{2028}\u{1F600} ]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-z\"é]{0,4}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A record holding `value` before the text and, maybe, as the annotation, with the
    /// spacing `pretty` chooses.
    fn record(value: &serde_json::Value, text: &str, note: bool, pretty: bool) -> String {
        let mut object = serde_json::Map::new();
        object.insert("id".into(), value.clone());
        object.insert("text".into(), text.into());
        if note {
            object.insert("note".into(), value.clone());
        }
        let object = serde_json::Value::Object(object);
        if pretty {
            serde_json::to_string_pretty(&object).unwrap()
        } else {
            object.to_string()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]
        #[test]
        fn answers_well_formed_records_as_the_parser_does(
            value in value(), text in "[a\"\\\n\u{1}é\u{1F600} ]{0,40}", note: bool, pretty: bool,
        ) {
            let line = record(&value, &text, note, pretty);
            let found = super::locate(&line, "text", Some("note"));
            prop_assert!(found.is_some(), "{:?}", line);
            prop_assert_eq!(found, parsed(&line, "text", Some("note")), "{:?}", line);
        }

        #[test]
        fn never_accepts_what_the_parser_rejects(
            value in value(), note: bool, at in any::<prop::sample::Index>(), cut in 0..3usize,
            piece in 0..PIECES.len(),
        ) {
            // One edit anywhere in a well-formed record: a few bytes out, a piece in.
            let line = record(&value, "a\nb", note, false);
            let mut at = at.index(line.len() + 1);
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(line.len());
            while !line.is_char_boundary(end) {
                end += 1;
            }
            let edited = format!("{}{}{}", &line[..at], PIECES[piece], &line[end..]);
            if let Some(found) = super::locate(&edited, "text", Some("note")) {
                prop_assert_eq!(Some(found), parsed(&edited, "text", Some("note")), "{:?}", edited);
            }
        }

        #[test]
        fn never_accepts_what_the_parser_rejects_from_pieces(parts in prop::collection::vec(0..PIECES.len(), 0..24)) {
            let line: String = parts.iter().map(|&i| PIECES[i]).collect();
            for candidate in [line.clone(), format!("{{\"text\":\"t\",{}", &line), format!("{{\"a\":{line},\"text\":\"t\"}}")] {
                if let Some(found) = super::locate(&candidate, "text", Some("note")) {
                    prop_assert_eq!(Some(found), parsed(&candidate, "text", Some("note")), "{:?}", candidate);
                }
            }
        }
    }
}
