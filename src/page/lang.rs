//! Words and function words, whatever the language: word counts that treat Chinese and Japanese
//! text (no spaces between words) fairly, and the share of function words ("stopwords") in a
//! line, by a stoplist guessed from the page itself.
//!
//! It does not name a page's language for users; the guess only picks which short list of
//! function words to count.

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

// One bit per list in `Stopwords::lists`.
const _: () = assert!(STOPLISTS.len() <= 16);

/// Every function word of every list, with the lists it is on (bit `i` for `STOPLISTS[i]`):
/// one look-up per word, whichever list a page turns out to use.
struct Stopwords {
    /// The ASCII words, by [`ascii_key`]: a look-up hashes and compares one integer.
    ascii: HashMap<u128, u16, FxBuildHasher>,
    /// The other words.
    other: HashMap<&'static str, u16, FxBuildHasher>,
    /// The most characters of any function word: no longer word needs a look-up.
    longest: usize,
}

fn stopwords() -> &'static Stopwords {
    static WORDS: OnceLock<Stopwords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = Stopwords {
            ascii: HashMap::with_hasher(FxBuildHasher),
            other: HashMap::with_hasher(FxBuildHasher),
            longest: 0,
        };
        for (i, (_, list)) in STOPLISTS.iter().enumerate() {
            for word in list.split_whitespace() {
                let lists = if word.is_ascii() {
                    words.ascii.entry(ascii_key(word)).or_insert(0)
                } else {
                    words.other.entry(word).or_insert(0)
                };
                *lists |= 1 << i;
                words.longest = words.longest.max(word.chars().count());
            }
        }
        assert!(words.longest <= ASCII_KEY, "a function word of {} characters", words.longest);
        words
    })
}

/// The most characters of a function word, and of an ASCII word [`ascii_key`] packs.
const ASCII_KEY: usize = 16;

/// An ASCII word of at most [`ASCII_KEY`] bytes, lower-cased and packed into one integer
/// (no word character is a zero byte, so no two words share a key).
fn ascii_key(word: &str) -> u128 {
    let mut bytes = [0; ASCII_KEY];
    bytes[..word.len()].copy_from_slice(word.as_bytes());
    let key = u128::from_le_bytes(bytes);
    // All bytes at once: adding 0x3f to a byte below 0x80 sets its top bit from `A` on, adding
    // 0x25 from `[` on, and no sum carries into the next byte; bit 5 makes a capital small.
    let ones = u128::MAX / 0xff;
    let capitals = (key + ones * 0x3f) & !(key + ones * 0x25) & (ones * 0x80);
    key | capitals >> 2
}

impl Stopwords {
    /// The lists `word` is on; an ASCII word in any case, any other in lower case.
    fn get(&self, word: &str) -> u16 {
        let lists = if !word.is_ascii() {
            self.other.get(word)
        } else if word.len() <= self.longest {
            self.ascii.get(&ascii_key(word))
        } else {
            None
        };
        lists.copied().unwrap_or(0)
    }
}

/// The lists `token` is on, as bits, whatever its case. Lower-casing never shortens a text in
/// characters, so a token longer than every function word is on no list.
fn lists_of(token: &str) -> u16 {
    let words = stopwords();
    if token.is_ascii() {
        return words.get(token);
    }
    if token.chars().nth(words.longest).is_some() {
        return 0;
    }
    words.get(&token.to_lowercase())
}

/// The stoplist whose words occur most often among `tokens` (lower-cased words of a page).
pub fn guess<'a>(tokens: impl Iterator<Item = &'a str>) -> Stoplist {
    let mut hits = Hits::default();
    for token in tokens {
        hits.add(lists_of(token));
    }
    hits.best()
}

/// How many tokens are on each stoplist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Hits([u32; STOPLISTS.len()]);

impl Hits {
    /// Counts a token on the lists `lists` (bits, as [`lists_of`] gives them).
    fn add(&mut self, lists: u16) {
        let mut bits = lists;
        while bits != 0 {
            if let Some(n) = self.0.get_mut(bits.trailing_zeros() as usize) {
                *n += 1;
            }
            bits &= bits - 1;
        }
    }

    /// Adds up the hits of two texts.
    pub fn merge(&mut self, other: &Hits) {
        for (n, m) in self.0.iter_mut().zip(other.0) {
            *n += m;
        }
    }

    /// The list with most hits; the first list wins ties, so that the guess is deterministic.
    pub fn best(&self) -> Stoplist {
        let best = (0..self.0.len()).rev().max_by_key(|&i| self.0[i]).unwrap_or(0);
        Stoplist(best)
    }
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
        let (words, particles) = measure(token);
        (words, particles.unwrap_or_else(|| if lists_of(token) & (1 << self.0) != 0 { 1.0 } else { 0.0 }))
    }
}

/// Word count of one word token, and its function-word count when that does not depend on
/// the stoplist (Chinese, Japanese and Korean words).
fn measure(token: &str) -> (f64, Option<f64>) {
    if token.is_ascii() {
        return (1.0, None);
    }
    let words = crate::text::token_words(token);
    if token.chars().any(is_cjk) {
        let stops = token.chars().filter(|&c| CJK_PARTICLES.contains(c)).count() as f64;
        return (words, Some(stops.min(words)));
    }
    if token.chars().any(is_hangul) {
        let last = token.chars().last().unwrap_or(' ');
        return (1.0, Some(if KO_ENDINGS.contains(last) { 1.0 } else { 0.0 }));
    }
    (1.0, None)
}

/// The words of one text (a line) weighed on every stoplist at once, so that a page's lines are
/// weighed in the same pass over its words that guesses its stoplist.
///
/// Every word and function-word count of a token is a multiple of ½, and so is every partial
/// sum, which a `f64` holds exactly: the counts equal those of adding up [`Stoplist::weigh`]
/// token by token, bit for bit.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Tally {
    /// The word count.
    pub words: f64,
    /// Function words whatever the list: Chinese and Japanese particles, Korean endings.
    particles: f64,
    /// Function words of each list among the other tokens.
    stops: Hits,
    /// Tokens on each list, for [`Hits::best`].
    pub listed: Hits,
}

impl Tally {
    /// Weighs the word tokens `tokens`.
    pub fn of<'a>(tokens: impl Iterator<Item = &'a str>) -> Tally {
        let mut tally = Tally::default();
        for token in tokens {
            let lists = lists_of(token);
            let (words, particles) = measure(token);
            tally.words += words;
            match particles {
                Some(p) => tally.particles += p,
                None => tally.stops.add(lists),
            }
            tally.listed.add(lists);
        }
        tally
    }

    /// The function-word count on `list`.
    pub fn stops(&self, list: Stoplist) -> f64 {
        self.particles + f64::from(self.stops.0[list.0])
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
    use crate::page::tests::pseudo_random;

    #[test]
    fn guesses_the_list_with_most_hits() {
        let de = "Der Stadtrat hat am Dienstag über den Haushalt beraten und ist".split(' ');
        assert_eq!(guess(de).lang(), "de");
        let ru = "Музей открылся во вторник и это было".split(' ');
        assert_eq!(guess(ru).lang(), "ru");
        assert_eq!(guess(std::iter::empty()).lang(), "en");
    }

    /// Tokens to check [`lists_of`] and [`Tally`] on: every function word in several cases,
    /// longer and shorter words, and mixed tokens of Latin, Cyrillic, CJK and Hangul letters,
    /// with letters whose lower case is shorter in bytes (K, the Kelvin sign; Ω, the Ohm sign).
    fn tokens() -> Vec<String> {
        let mut tokens: Vec<String> = Vec::new();
        for word in STOPLISTS.iter().flat_map(|(_, list)| list.split_whitespace()) {
            let title: String =
                word.chars().take(1).flat_map(char::to_uppercase).chain(word.chars().skip(1)).collect();
            tokens.extend([
                word.to_string(),
                word.to_uppercase(),
                title,
                format!("{word}s"),
                word.replace('k', "\u{212a}"),
            ]);
            tokens.push(word.chars().skip(1).collect());
        }
        let alphabet: Vec<char> =
            "aeiostnKkIİıΣσςΩ\u{2126}\u{212a}дляЭТО東の京駅で학교에뉴스0_".chars().collect();
        let mut next = pseudo_random(7);
        for _ in 0..20_000 {
            let len = 1 + next(12);
            tokens.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
        }
        tokens
    }

    #[test]
    fn ascii_keys_are_lower_case_bytes() {
        for b in 1..0x80u8 {
            let word = char::from(b).to_string().repeat(ASCII_KEY);
            let lower = [b.to_ascii_lowercase(); ASCII_KEY];
            assert_eq!(ascii_key(&word), u128::from_le_bytes(lower), "{b}");
        }
    }

    #[test]
    fn lists_of_agrees_with_looking_up_the_lower_case() {
        let mut lists: HashMap<&str, u16> = HashMap::new();
        for (i, (_, list)) in STOPLISTS.iter().enumerate() {
            for word in list.split_whitespace() {
                *lists.entry(word).or_default() |= 1 << i;
            }
        }
        for token in tokens() {
            let obvious = lists.get(&*token.to_lowercase()).copied().unwrap_or(0);
            assert_eq!(lists_of(&token), obvious, "{token:?}");
        }
    }

    #[test]
    fn a_tally_adds_up_as_weighing_token_by_token_does() {
        let tokens = tokens();
        let mut next = pseudo_random(11);
        for _ in 0..5_000 {
            let line: Vec<&str> = (0..next(30)).map(|_| &*tokens[next(tokens.len())]).collect();
            let tally = Tally::of(line.iter().copied());
            let mut listed = Hits::default();
            for (i, (lang, _)) in STOPLISTS.iter().enumerate() {
                let list = Stoplist(i);
                let (words, stops) =
                    line.iter().map(|t| list.weigh(t)).fold((0.0, 0.0), |(w, s), (a, b)| (w + a, s + b));
                assert_eq!(
                    (tally.words.to_bits(), tally.stops(list).to_bits()),
                    (words.to_bits(), stops.to_bits()),
                    "{lang} {line:?}"
                );
                let on = line.iter().filter(|t| lists_of(t) & (1 << i) != 0).count();
                listed.0[i] = on as u32;
            }
            assert_eq!(tally.listed, listed);
            assert_eq!(tally.listed.best(), guess(line.iter().copied()));
        }
    }

    #[test]
    fn weighs_words_without_spaces() {
        let en = guess(std::iter::once("the"));
        assert_eq!(en.weigh("The"), (1.0, 1.0));
        assert_eq!(en.weigh("council"), (1.0, 0.0));
        // Five Japanese characters are about three words (1.6 to 1.7 characters a word), two
        // of them particles.
        assert_eq!(en.weigh("東京の駅で"), (f64::from(3 * 640 + 2 * 602) / 1024.0, 2.0));
        assert_eq!(en.weigh("학교에"), (1.0, 1.0));
        assert_eq!(en.weigh("뉴스"), (1.0, 0.0));
    }
}
