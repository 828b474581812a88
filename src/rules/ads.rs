//! Advertising markers and the "continue reading" lines that ads leave in the text.

use super::{declare_rule, Category, Kind, Profile};

declare_rule! {
    /// ## What it removes
    /// A line that only marks an advertisement slot, in several languages: `Advertisement`,
    /// `Advert`, `Sponsored content`, `Anzeige`, `Werbung`, `Publicidade`, `Publicidad`,
    /// `Publicité`, `Pubblicità`, `Реклама`, `Iklan`, `광고`, `広告`, or such a marker run into a
    /// scroll prompt (`Advertisement - Scroll to continue`).
    ///
    /// ## Why
    /// The ad is gone; its label is left in the middle of the article.
    ///
    /// ## Example
    /// ```text
    /// Advertisement
    /// ```
    ///
    /// ## Keeps
    /// Sentences about advertising (`Advertisement spending fell 5%.`).
    pub(crate) static AD_MARKER = { id: "ad-marker", category: Category::Ads,
        kind: Kind::Line(&[
            // en, de, pt, es, fr, it, ru, id, ko, ja: the marker alone
            r"(?i)^[-–—*•·|\s]*(?:advertisements?|advert(?:s|ising)?|ads?|sponsored(?:\s+(?:content|links?|stories|posts?))?|paid\s+(?:content|post)|promoted(?:\s+content)?|ad\s*choices|anzeigen?|werbung|publicidade|publicidad|publicit[ée]|pubblicit[àa]|реклама|iklan|advertorial|광고|広告|スポンサーリンク)[-–—*•·|\s]*[:.]?$",
            // the marker run into a scroll prompt
            r"(?i)^(?:advertisement|anzeige|publicidade|publicidad|publicité|pubblicità|реклама|iklan)\s*[-–—:]?\s*(?:scroll|continue|story\s+continues|article\s+continues|weiterlesen|lesen\s+sie\s+weiter|continue\s+a\s+ler|sigue|prosegue|продолжение|lanjut).{0,60}$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A line that tells the reader the article goes on past an ad or a fold:
    /// `Continue reading below`, `Story continues below advertisement`, `Scroll to continue
    /// reading`, `Lesen Sie weiter`, `Continue a ler`, `Sigue leyendo`, `Lire la suite`,
    /// `Continua a leggere`, `Читать далее`, `Baca selengkapnya`.
    ///
    /// ## Why
    /// Navigation for a page layout that plain text does not have.
    ///
    /// ## Example
    /// ```text
    /// Story continues below advertisement
    /// ```
    ///
    /// ## Keeps
    /// Sentences such as `The story continues below the surface of the lake.`.
    pub(crate) static CONTINUE_READING = { id: "continue-reading", category: Category::Ads,
        kind: Kind::Line(&[
            // en
            r"(?i)^(?:continue\s+reading(?:\s+(?:below|the\s+main\s+story|the\s+story|the\s+article|here))?|(?:the\s+)?(?:story|article)\s+continues(?:\s+below)?(?:\s+(?:the\s+)?(?:ad|advertisement))?|scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|keep\s+reading)\s*[.…:»›>→]*$",
            // de, pt, es, fr, it, ru, id, ko, ja
            r"(?i)^(?:weiterlesen|lesen\s+sie\s+weiter|continue\s+a\s+ler|continue\s+lendo|continuar\s+lendo|seguir\s+leyendo|sigue\s+leyendo|lire\s+la\s+suite|continua\s+a\s+leggere|читать\s+далее|читать\s+полностью|baca\s+selengkapnya|lanjut\s+baca|더보기|続きを読む)\s*[.…:»›>→]*$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn markers() {
        for line in [
            "Advertisement",
            "ADVERTISEMENT",
            "- Advertisement -",
            "Anzeige",
            "Publicidade",
            "Реклама",
            "Sponsored content",
            "Advertisement - Scroll to continue",
        ] {
            assert!(fires("ad-marker", line), "{line}");
        }
        for line in [
            "Advertisement spending fell 5%.",
            "Ads were banned from the stadium.",
            "Werbung ist Teil des Geschäfts.",
        ] {
            assert!(!fires("ad-marker", line), "{line}");
        }
    }

    #[test]
    fn continue_prompts() {
        for line in [
            "Continue reading below",
            "Story continues below advertisement",
            "Scroll to continue reading",
            "Lesen Sie weiter",
            "Sigue leyendo",
            "Читать далее",
        ] {
            assert!(fires("continue-reading", line), "{line}");
        }
        for line in ["The story continues below the surface of the lake.", "Keep reading, she said."] {
            assert!(!fires("continue-reading", line), "{line}");
        }
    }
}
