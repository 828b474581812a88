//! Links to more reading glued to the article: `Read more`, `Continue reading`.

use super::{declare_rule, Category, Kind};

declare_rule! {
    /// ## What it removes
    /// A *read more* link glued to the end of a real paragraph, as teaser and feed text has it:
    /// `… the talks resumed. Read more »`, `… [...] Continue reading →`, `… Weiterlesen`,
    /// `… Lire la suite`, `… Leer más`, `… Leia mais`, `… Continua a leggere`, `… Читать далее`,
    /// `… Selengkapnya`. Only the link goes; the paragraph stays.
    ///
    /// ## Why
    /// The link target is gone; the words are navigation, not part of the sentence.
    ///
    /// ## Example
    /// ```text
    /// The council met on Monday to discuss the budget. Read more »
    /// ```
    ///
    /// ## Keeps
    /// Sentences that use the words (`Read more books, the minister urged.`) and a line that is
    /// nothing but the link (that is a line rule's job, not a span's).
    pub(crate) static READ_MORE_SUFFIX = { id: "read-more-suffix", category: Category::Links,
        kind: Kind::Span(&[
            // after sentence punctuation or an ellipsis: en, de, fr, es, pt, it, ru, id
            // (a run of links, as a repeated teaser leaves, is one match)
            r"(?i)[.!?…\]”»](?P<junk>\s*(?:\[\s*(?:\.\.\.|…)\s*\]\s*)?(?:\s*(?:read\s+more|continue\s+reading|read\s+the\s+full\s+(?:story|article)|weiterlesen|mehr\s+lesen|lire\s+la\s+suite|leer\s+m[áa]s|seguir\s+leyendo|leia\s+mais|continuar\s+lendo|continua\s+a\s+leggere|leggi\s+(?:tutto|di\s+più)|читать\s+(?:далее|дальше|полностью)|selengkapnya|baca\s+selengkapnya)\s*(?:»|›|→|>>|\.\.\.|…)?)+)\s*$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{cleaned, fires};

    #[test]
    fn glued_links_go_and_the_paragraph_stays() {
        assert_eq!(
            cleaned("read-more-suffix", "The council met on Monday. Read more »\n"),
            "The council met on Monday.\n"
        );
        assert_eq!(
            cleaned("read-more-suffix", "Er sagte, es gehe weiter … Weiterlesen\n"),
            "Er sagte, es gehe weiter …\n"
        );
        assert_eq!(
            cleaned("read-more-suffix", "Они встретились в пятницу. Читать далее →"),
            "Они встретились в пятницу."
        );
    }

    #[test]
    fn a_run_of_links_goes_at_once() {
        let line = format!("Talks resumed.{}\n", " Read more »".repeat(50));
        assert_eq!(cleaned("read-more-suffix", &line), "Talks resumed.\n");
    }

    #[test]
    fn sentences_and_bare_links_stay() {
        for line in ["Read more books, the minister urged.", "Read more", "She wanted to read more."] {
            assert!(!fires("read-more-suffix", line), "{line}");
        }
    }
}
