//! Words and function words, whatever the language: word counts that treat Chinese and Japanese
//! text (no spaces between words) fairly, and the share of function words ("stopwords") in a
//! line, by a stoplist guessed from the page itself.
//!
//! It does not name a page's language for users; the guess only picks which short list of
//! function words to count.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

/// Short lists of the most frequent function words, one file per language.
const STOPLISTS: &[(&str, &str)] = &[
    ("en", include_str!("stopwords/en.txt")),
    ("de", include_str!("stopwords/de.txt")),
    ("fr", include_str!("stopwords/fr.txt")),
    ("es", include_str!("stopwords/es.txt")),
    ("pt", include_str!("stopwords/pt.txt")),
    ("it", include_str!("stopwords/it.txt")),
    ("ru", include_str!("stopwords/ru.txt")),
    ("id", include_str!("stopwords/id.txt")),
    ("nl", include_str!("stopwords/nl.txt")),
    ("pl", include_str!("stopwords/pl.txt")),
];

/// Japanese and Chinese particles and function characters, counted one by one.
const CJK_PARTICLES: &str = "のはがをにでともへやからしたてる的了是在和也有就不这我他们个";
/// Korean particles and verb endings: a word (eojeol) ending in one is a function-bearing word.
const KO_ENDINGS: &str = "은는이가을를에의도로와과다고서며면게지요니";

// One bit per list in `stopwords`.
const _: () = assert!(STOPLISTS.len() <= 16);

/// Every function word of every list, with the lists it is on (bit `i` for `STOPLISTS[i]`):
/// one look-up per word, whichever list a page turns out to use.
fn stopwords() -> &'static HashMap<&'static str, u16, FxBuildHasher> {
    static WORDS: OnceLock<HashMap<&str, u16, FxBuildHasher>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashMap::with_hasher(FxBuildHasher);
        for (i, (_, list)) in STOPLISTS.iter().enumerate() {
            for word in list.split_whitespace() {
                *words.entry(word).or_insert(0) |= 1 << i;
            }
        }
        words
    })
}

/// The lists `token` is on, as bits, whatever its case.
fn lists_of(token: &str) -> u16 {
    let lower = if token.is_ascii() {
        if token.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(token.to_ascii_lowercase())
        } else {
            Cow::Borrowed(token)
        }
    } else {
        Cow::Owned(token.to_lowercase())
    };
    stopwords().get(&*lower).copied().unwrap_or(0)
}

/// The stoplist whose words occur most often among `tokens` (lower-cased words of a page).
pub fn guess<'a>(tokens: impl Iterator<Item = &'a str>) -> Stoplist {
    let mut hits = [0usize; STOPLISTS.len()];
    for token in tokens {
        let lists = lists_of(token);
        for (i, n) in hits.iter_mut().enumerate() {
            *n += usize::from(lists & (1 << i) != 0);
        }
    }
    // The first list wins ties, so that the guess is deterministic.
    let best = (0..hits.len()).rev().max_by_key(|&i| hits[i]).unwrap_or(0);
    Stoplist(best)
}

/// The stoplist chosen for one page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stoplist(usize);

impl Stoplist {
    /// The language code of the list (`en`, `de`, …).
    pub fn lang(self) -> &'static str {
        STOPLISTS[self.0].0
    }

    /// Word count and function-word count of one word token (a run of word characters).
    /// A run of Chinese or Japanese characters counts one word per two characters.
    pub fn weigh(self, token: &str) -> (f64, f64) {
        if token.is_ascii() {
            return (1.0, if lists_of(token) & (1 << self.0) != 0 { 1.0 } else { 0.0 });
        }
        let words = word_count(token);
        if token.chars().any(is_cjk) {
            let stops = token.chars().filter(|&c| CJK_PARTICLES.contains(c)).count() as f64;
            return (words, stops.min(words));
        }
        if token.chars().any(is_hangul) {
            let last = token.chars().last().unwrap_or(' ');
            return (1.0, if KO_ENDINGS.contains(last) { 1.0 } else { 0.0 });
        }
        (1.0, if lists_of(token) & (1 << self.0) != 0 { 1.0 } else { 0.0 })
    }
}

/// How many words one word token counts for, whatever the stoplist: one, or one per two
/// Chinese or Japanese characters.
pub fn word_count(token: &str) -> f64 {
    if token.is_ascii() {
        return 1.0;
    }
    let cjk = token.chars().filter(|&c| is_cjk(c)).count();
    if cjk > 0 {
        (cjk as f64 / 2.0).max(1.0)
    } else {
        1.0
    }
}

/// Han ideographs and Japanese kana.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_the_list_with_most_hits() {
        let de = "Der Stadtrat hat am Dienstag über den Haushalt beraten und ist".split(' ');
        assert_eq!(guess(de).lang(), "de");
        let ru = "Музей открылся во вторник и это было".split(' ');
        assert_eq!(guess(ru).lang(), "ru");
        assert_eq!(guess(std::iter::empty()).lang(), "en");
    }

    #[test]
    fn weighs_words_without_spaces() {
        let en = guess(std::iter::once("the"));
        assert_eq!(en.weigh("The"), (1.0, 1.0));
        assert_eq!(en.weigh("council"), (1.0, 0.0));
        // Six Japanese characters are three words, two of them particles.
        assert_eq!(en.weigh("東京の駅で"), (2.5, 2.0));
        assert_eq!(en.weigh("학교에"), (1.0, 1.0));
        assert_eq!(en.weigh("뉴스"), (1.0, 0.0));
    }
}
