//! Copyright and rights notices.

use super::{declare_rule, Category, Kind};

declare_rule! {
    /// ## What it removes
    /// A short line that is a copyright or rights notice: it starts with `©`, `(c)` or
    /// `Copyright` followed by a year or the sign, or it begins or ends with *all rights
    /// reserved* in one of several languages (`Alle Rechte vorbehalten`, `Tous droits réservés`,
    /// `Todos los derechos reservados`, `Todos os direitos reservados`, `Tutti i diritti
    /// riservati`, `Все права защищены`), or it is the Korean, Japanese or Chinese notice that
    /// forbids reproduction.
    ///
    /// ## Why
    /// Site footer text, the same under every article.
    ///
    /// ## Example
    /// ```text
    /// © 2024 Example Media Group. All rights reserved.
    /// ```
    ///
    /// ## Keeps
    /// Sentences about copyright (`Copyright law was changed in 2019.`) and long lines that
    /// only mention the phrase.
    pub(crate) static COPYRIGHT_LINE = { id: "copyright-line", category: Category::Copyright,
        kind: Kind::Line(&[
            // any language: the sign, or the word with a year or the sign, then a short name;
            // `(c)` alone also numbers the third clause of a list, so it takes the word or a
            // year (tests/fixtures/copyright/copyright-line.txt)
            r"(?i)^(?:copyright\s*(?:©|ⓒ|\(c\))|©|ⓒ|\(c\)\s*(?:\d{4}|copyright)\b)\s*(?:\S+\s*){0,8}$",
            // after the year, only names, numbers and rights words: "Copyright 2019 Example News."
            r"(?i)^(?:copyright|copr\.)\s+(?:\d{4}(?:\s*[-–]\s*\d{4})?|©)(?:\s+(?:(?-i:[\p{Lu}\d©(&])\S*|and|of|the|by|all|rights|reserved\.?))*\s*\.?$",
            // a longer notice only when it speaks of rights: en, de, fr, es, pt, it, ru
            r"(?i)^(?:copyright\s*(?:©|ⓒ|\(c\))|©|ⓒ|\(c\)\s*(?:\d{4}|copyright)\b|copyright\s+\d{4}).{0,150}\b(?:rights|reserved|may\s+not\s+be|reproduc\w*|redistribut\w*|rechte|vorbehalten|droits|derechos|direitos|diritti|права)\b.{0,150}$",
            // en, de, fr, es, pt, it, ru, id: the phrase at the start or end of a short line
            r"(?i)^.{0,80}(?:©|ⓒ|\(c\)|copyright|\b\d{4}\b).{0,80}\b(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|todos\s+os\s+direitos\s+reservados|tutti\s+i\s+diritti\s+riservati|все\s+права\s+защищены|hak\s+cipta\s+dilindungi(?:\s+undang-undang)?)\s*[.!]?$",
            r"(?i)^(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|todos\s+os\s+direitos\s+reservados|tutti\s+i\s+diritti\s+riservati|все\s+права\s+защищены|hak\s+cipta\s+dilindungi(?:\s+undang-undang)?)\b\s*[.!]?(?:\s+(?:(?-i:[\p{Lu}\d©(])\S*))*\s*$",
            // ko, ja, zh: "no reproduction or redistribution without permission"
            r"^.{0,80}(?:무단\s*전재\s*(?:및|&|,)?\s*재배포\s*금지|무단전재|無断転載(?:を禁じます|禁止)|版权所有|版權所有).{0,80}$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn notices() {
        for line in [
            "© 2024 Example Media Group.",
            "(c) 2019 Some Paper",
            "(C) Copyright Example Press",
            "Copyright (c) Example Press. All rights reserved.",
            "Copyright 2019 The Daily Example. All rights reserved.",
            "Copyright © Beispiel GmbH",
            "Alle Rechte vorbehalten.",
            "Tous droits réservés",
            "Todos os direitos reservados.",
            "Все права защищены",
            "ⓒ 예시신문, 무단 전재 및 재배포 금지",
            "無断転載を禁じます",
        ] {
            assert!(fires("copyright-line", line), "{line}");
        }
    }

    #[test]
    fn prose_about_copyright_stays() {
        for line in [
            "Copyright law was changed in 2019.",
            "The band said all rights reserved by the old label would return to them in May.",
            "Copyrights expire 70 years after the author's death.",
            "Copyright 2020 was a bad year for musicians.",
            "All rights reserved, he insisted, were not the same as all rights granted.",
            "The label said it kept nothing back and left it at all rights reserved.",
            // the third clause of a list (tests/fixtures/copyright/copyright-line.txt)
            "(c) teaching in schools and universities.",
            "(c) the rights of performers and producers, as set out in article 12;",
        ] {
            assert!(!fires("copyright-line", line), "{line}");
        }
    }
}
