//! How text is measured: words in every script, sentence ends, letters and digits.
//!
//! Every rule, the page classifier and the evaluation measure text through this module, so that
//! a line of Thai, Japanese or Tibetan is measured as the sentence it is and not as one long
//! "word". It only measures; it makes no judgement about junk.
//!
//! Words are counted without a dictionary. A run of text between spaces counts as one word,
//! except that letters of the scripts written without spaces between words count as a share of
//! a word each: a Han character as 1/1.6 word, a Thai letter as 1/3.9, and so on. The shares
//! were measured on the Universal Declaration of Human Rights in those scripts against a
//! dictionary and LSTM word segmenter (ICU4X) where it segments the script well, and against
//! parallel text elsewhere; the count is within about 10 % of the segmenter's for Chinese, Thai,
//! Lao and Khmer and no sentence of that corpus counts as three words or fewer. A segmenter was
//! not used because it runs at under 1 MB/s on Thai and Khmer (LSTM), mis-types segments that
//! end in a combining mark, splits Tibetan, Yi and Javanese not at all, and adds megabytes of
//! data; this count costs nothing on Latin text.

use std::sync::OnceLock;

/// How many words `text` holds, counting no further than `limit`: runs of non-whitespace that
/// hold a letter or a digit, with letters of scripts written without spaces counted as their
/// share of a word (see the module documentation). The Ethiopic word space (U+1361) separates
/// words as a space does.
pub fn count_words(text: &str, limit: usize) -> usize {
    if let Some(words) = count_ascii_words(text.as_bytes(), limit) {
        return words;
    }
    let bytes = text.as_bytes();
    let mut words = 0;
    // The current run: whether it holds anything, a letter or digit outside the spaceless
    // scripts, and the share of a word (in 1024ths) its spaceless letters add up to.
    let (mut in_word, mut other, mut share) = (false, false, 0u32);
    let mut i = 0;
    while i < bytes.len() && words < limit {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if matches!(b, b'\t'..=b'\r' | b' ') {
                words += run_words(in_word, other, share);
                (in_word, other, share) = (false, false, 0);
            } else {
                in_word = true;
                other |= b.is_ascii_alphanumeric();
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        // Below Thai, no script is written without spaces and the only spaces are U+0085 and
        // U+00A0: Latin, Greek, Cyrillic, Arabic, Hebrew, Indic letters need no table.
        if c < '\u{0e00}' {
            if matches!(c, '\u{85}' | '\u{a0}') {
                words += run_words(in_word, other, share);
                (in_word, other, share) = (false, false, 0);
            } else {
                in_word = true;
                if !other {
                    // Cyrillic's basic letters need no table either.
                    other = matches!(c, '\u{410}'..='\u{44f}') || c.is_alphanumeric();
                }
            }
            continue;
        }
        if c.is_whitespace() || c == '\u{1361}' {
            words += run_words(in_word, other, share);
            (in_word, other, share) = (false, false, 0);
        } else {
            in_word = true;
            match spaceless_share(c) {
                Some(s) if c.is_alphabetic() => {
                    share += s;
                    // A run without spaces may be a whole sentence: stop once it counts enough.
                    if words + run_words(true, other, share) >= limit {
                        return limit;
                    }
                }
                Some(_) => {}
                // The Unicode tables are looked up once per run at most.
                None if !other => other = c.is_alphanumeric(),
                None => {}
            }
        }
    }
    (words + run_words(in_word, other, share)).min(limit)
}

/// [`count_words`] for ASCII text, which needs no decoding: the runs between ASCII whitespace
/// that hold a letter or a digit; `None` at the first byte beyond ASCII before the count is
/// reached.
fn count_ascii_words(bytes: &[u8], limit: usize) -> Option<usize> {
    let (mut words, mut alnum) = (0, false);
    for &b in bytes {
        if matches!(b, b'\t'..=b'\r' | b' ') {
            words += usize::from(alnum);
            if words >= limit {
                return Some(limit);
            }
            alnum = false;
        } else if b.is_ascii() {
            alnum |= b.is_ascii_alphanumeric();
        } else {
            return None;
        }
    }
    Some((words + usize::from(alnum)).min(limit))
}

/// Whether `text` holds at most `n` words, as [`count_words`] counts them; a text too short to
/// hold more is answered without counting.
pub fn at_most_words(text: &str, n: usize) -> bool {
    // More than `n` words take at least `2n + 1` bytes: a byte each and a space between.
    text.len() <= 2 * n || count_words(text, n + 1) <= n
}

/// The words one run between spaces counts for: its spaceless letters' shares rounded up, or
/// one for a run of other letters or digits; a run of punctuation or symbols alone (`|`, `–`,
/// `•`) is no word.
fn run_words(in_word: bool, other: bool, share: u32) -> usize {
    if !in_word {
        return 0;
    }
    let spaceless = share.div_ceil(SHARE_UNIT) as usize;
    spaceless.max(usize::from(other))
}

/// The unit of a word's share: a power of two, so that shares add up exactly in floating point.
const SHARE_UNIT: u32 = 1024;

/// The share of a word (in 1024ths) that one letter of a script written without spaces
/// between words stands for; `None` for the other scripts. Characters per word: Han 1.6, kana
/// 1.7, Yi 1.7, Thai 3.9, Lao 4.0, Tibetan 4.4, Tai Tham 4.5, Khmer 5.1, Javanese and Balinese
/// 5.4, Myanmar 5.5, the smaller Tai scripts and Buginese 4.0.
fn spaceless_share(c: char) -> Option<u32> {
    let per_word = match c {
        '\u{3005}'..='\u{3007}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' => 1.6,
        '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}' => 1.6,
        '\u{3041}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => 1.7,
        '\u{a000}'..='\u{a4cf}' => 1.7,
        '\u{0e00}'..='\u{0e7f}' => 3.9,
        '\u{0e80}'..='\u{0eff}' => 4.0,
        '\u{0f00}'..='\u{0fff}' => 4.4,
        '\u{1a20}'..='\u{1aaf}' => 4.5,
        '\u{1780}'..='\u{17ff}' | '\u{19e0}'..='\u{19ff}' => 5.1,
        '\u{a980}'..='\u{a9df}' | '\u{1b00}'..='\u{1b7f}' => 5.4,
        '\u{1000}'..='\u{109f}' | '\u{a9e0}'..='\u{a9ff}' | '\u{aa60}'..='\u{aa7f}' => 5.5,
        '\u{1950}'..='\u{19df}' | '\u{1a00}'..='\u{1a1f}' | '\u{aa80}'..='\u{aadf}' => 4.0,
        _ => return None,
    };
    Some((f64::from(SHARE_UNIT) / per_word) as u32)
}

/// Whether `c` ends a sentence: Unicode's `Sentence_Terminal` characters (`.` `!` `?` `。`
/// `।` `။` `።` `؟` `۔` …), the ellipsis, and the full stops that Unicode marks only as
/// `Terminal_Punctuation` (Tibetan `།` `༎`, Khmer `។` `៕`, Thai `๚` `๛`).
pub fn is_sentence_end(c: char) -> bool {
    match c {
        '.' | '!' | '?' | '…' => true,
        '\0'..='\x7f' => false,
        '\u{f08}' | '\u{f0d}'..='\u{f12}' | '\u{17d4}' | '\u{17d5}' | '\u{e5a}' | '\u{e5b}' => true,
        _ => in_ranges(&classes().sentence_terminal, c),
    }
}

/// Whether `c` ends a clause or a sentence: a sentence end, or any other character Unicode marks
/// as `Terminal_Punctuation` (`,` `;` `:` `、` `，` `：` `،` `፡` …).
pub fn is_clause_end(c: char) -> bool {
    match c {
        ',' | ';' | ':' => true,
        _ => is_sentence_end(c) || (!c.is_ascii() && in_ranges(&classes().terminal_punctuation, c)),
    }
}

/// Whether `c` closes a quotation or a bracket: Unicode's closing and final punctuation (`)`
/// `]` `」` `”` `’` `»` …), the straight quotes, and the opening quotes that some languages close
/// with (`„…“`, `»…«`).
pub fn is_closing(c: char) -> bool {
    match c {
        '"' | '\'' | ')' | ']' | '}' => true,
        '\0'..='\x7f' => false,
        _ => in_ranges(&classes().closing, c),
    }
}

/// `text` without the closing quotes and brackets (and spaces) at its end.
pub fn strip_closing(text: &str) -> &str {
    text.trim_end_matches(|c: char| is_closing(c) || c.is_whitespace())
}

/// Whether `text` ends like a sentence, closing quotes and brackets aside: `Done.`, `“Done!”`,
/// `完了した。`, `བཀྲ་ཤིས།`.
pub fn ends_sentence(text: &str) -> bool {
    last_before_closing(text).is_some_and(is_sentence_end)
}

/// Whether `text` ends like a clause or a sentence, closing quotes and brackets aside.
pub fn ends_clause(text: &str) -> bool {
    last_before_closing(text).is_some_and(is_clause_end)
}

/// The last character of `text` before its closing quotes, brackets and spaces. Most lines end
/// with an ASCII letter or full stop, which is answered from the last byte.
fn last_before_closing(text: &str) -> Option<char> {
    match text.as_bytes().last() {
        Some(&b) if b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b':' | b';' | b'!' | b'?') => {
            Some(char::from(b))
        }
        _ => strip_closing(text).chars().next_back(),
    }
}

/// Whether `text` ends with a closing quotation mark (a quotation, not a name in brackets).
pub fn ends_with_quote(text: &str) -> bool {
    text.ends_with(|c| is_closing(c) && !matches!(c, ')' | ']' | '}'))
}

/// Whether `text` ends with a colon, closing quotes and brackets aside (`The winners are:`).
pub fn ends_with_colon(text: &str) -> bool {
    strip_closing(text).ends_with([':', '：'])
}

/// Whether `text` holds a letter of any script.
pub fn has_letter(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// Whether `text` holds a digit of any script.
pub fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || (!text.is_ascii() && text.chars().any(is_numeric))
}

/// [`char::is_numeric`], answered without a table below the Arabic-Indic digits (U+0660):
/// there only ASCII digits, superscripts and vulgar fractions are numbers.
fn is_numeric(c: char) -> bool {
    match c {
        '\0'..='\u{65f}' => {
            c.is_ascii_digit() || matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}')
        }
        _ => c.is_numeric(),
    }
}

/// The word tokens of a text: maximal runs of alphanumeric characters and `_`, as the
/// article-extraction benchmark's metric splits text (a run of Han characters is one token).
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|&(_, c)| is_word_char(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some(&text[start..end])
    })
}

/// How many words one token of [`tokens`] counts for, by [`count_words`]' shares.
pub fn token_words(token: &str) -> f64 {
    if token.is_ascii() {
        return 1.0;
    }
    let share: u32 = token.chars().filter_map(|c| spaceless_share(c).filter(|_| c.is_alphabetic())).sum();
    (f64::from(share) / f64::from(SHARE_UNIT)).max(1.0)
}

/// A word character: alphanumeric or `_`. Runs of letters that are common in news text are
/// answered without the general Unicode tables.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '_' => true,
        '\0'..='\x7f' => false,
        // Latin-1 and Latin Extended-A and -B letters, basic Cyrillic, Hangul syllables and
        // the CJK unified ideographs: all alphabetic (a test checks every character).
        '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{24f}'
        | '\u{400}'..='\u{45f}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{4e00}'..='\u{9fff}' => true,
        // General punctuation: dashes, curly quotes, ellipses, invisible marks.
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The Unicode character classes this module needs, as sorted ranges, read from the regex
/// crate's Unicode tables once.
struct Classes {
    sentence_terminal: Vec<(char, char)>,
    terminal_punctuation: Vec<(char, char)>,
    closing: Vec<(char, char)>,
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| Classes {
        sentence_terminal: ranges(r"\p{Sentence_Terminal}"),
        terminal_punctuation: ranges(r"\p{Terminal_Punctuation}"),
        closing: ranges(r"[\p{Pe}\p{Pf}\p{Pi}]"),
    })
}

fn ranges(class: &str) -> Vec<(char, char)> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::parse(class).expect("a Unicode class the regex crate knows");
    match hir.kind() {
        HirKind::Class(Class::Unicode(set)) => set.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        other => unreachable!("{class} parses to a Unicode class, not {other:?}"),
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_below_arabic_digits_are_answered_as_the_tables_answer() {
        for c in ('\0'..='\u{65f}').chain('\u{660}'..='\u{2fff}') {
            assert_eq!(super::is_numeric(c), c.is_numeric(), "{c:?}");
        }
        assert!(has_digit("Глава ²") && has_digit("٣ أيام") && !has_digit("Глава"));
    }

    #[test]
    fn latin_words_are_counted_as_split_whitespace_counts_those_with_letters_or_digits() {
        for text in [
            "",
            " ",
            "a",
            " a  b\tc\u{a0}d\u{3000}e\u{85}f ",
            "x\u{200b}y",
            "Ünal  Öztürk\n",
            "\u{1c}a\u{b}b",
            "Привет, мир — это «тест».",
            "Home | News | Sport • Weather",
        ] {
            for limit in 1..8 {
                let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric));
                assert_eq!(count_words(text, limit), words.take(limit).count(), "{text:?}");
            }
        }
    }

    #[test]
    fn sentences_without_spaces_count_as_many_words() {
        let sentences = [
            "人人生而自由，在尊严和权利上一律平等。",
            "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。",
            "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักด์และสิทธิ",
            "មនុស្សទាំងអស់កើតមកមានសេរីភាពនិងសមភាព",
            "འགྲོ་བ་མིའི་རིགས་རྒྱུད་ཡོངས་ལ་དབང་ཆ་འདྲ་མཉམ་དུ་ཡོད།",
            "လူတိုင်းသည် တူညီ လွတ်လပ်သော ဂုဏ်သိက္ခာ",
        ];
        for text in sentences {
            assert!(count_words(text, 100) >= 5, "{text}: {}", count_words(text, 100));
        }
        // Short labels in those scripts stay short.
        for label in ["首页", "ニュース", "หน้าแรก"] {
            assert!(count_words(label, 100) <= 3, "{label}: {}", count_words(label, 100));
        }
        assert_eq!(count_words("人人生而自由，在尊严和权利上一律平等。", 3), 3);
        for n in 0..6 {
            for text in
                ["", "a", "a b", "a b c d", "ab cd ef", "首页 新闻", "人人生而自由，在尊严和权利上一律平等。"]
            {
                assert_eq!(at_most_words(text, n), count_words(text, n + 1) <= n, "{text} {n}");
            }
        }
    }

    #[test]
    fn ethiopic_word_space_separates_words() {
        assert_eq!(count_words("የሰው፡ልጅ፡ሁሉ፡ሲወለድ", 10), 4);
    }

    #[test]
    fn sentence_ends_in_many_scripts() {
        for text in [
            "Done.",
            "“Done!”",
            "Fertig?\u{201c}",
            "完了した。",
            "完了した。」",
            "हो गया।",
            "ተፈጸመ።",
            "བཀྲ་ཤིས།",
            "ပြီးပြီ။",
            "انتهى؟",
            "ختم ہوا۔",
            "Ավարտվեց։",
            "(See above.)",
        ] {
            assert!(ends_sentence(text), "{text}");
        }
        for text in ["Home", "Le Monde", "Note:", "Tokyo, Japan", "首页", "a, b,"] {
            assert!(!ends_sentence(text), "{text}");
        }
        for text in ["Note:", "a, b,", "注意：", "以下、"] {
            assert!(ends_clause(text), "{text}");
        }
    }

    #[test]
    fn classes_match_the_regex_crate() {
        let st = regex::Regex::new(r"^\p{Sentence_Terminal}$").unwrap();
        let closing = regex::Regex::new(r"^[\p{Pe}\p{Pf}\p{Pi}]$").unwrap();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            if st.is_match(&s) {
                assert!(is_sentence_end(c), "{c:?}");
            }
            assert_eq!(is_closing(c), closing.is_match(&s) || "\"')]}".contains(c), "{c:?}");
        }
    }

    #[test]
    fn word_chars_fast_path_agrees_with_unicode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || c == '_', "{c:?}");
        }
    }

    #[test]
    fn tokens_are_runs_of_word_characters() {
        let got: Vec<_> = tokens("It's 4:30 — «Ça va?» 東京").collect();
        assert_eq!(got, ["It", "s", "4", "30", "Ça", "va", "東京"]);
        assert!(token_words("東京都庁舎") > 2.0);
        assert_eq!(token_words("Tokyo"), 1.0);
    }
}
