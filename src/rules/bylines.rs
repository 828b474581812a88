//! Bylines, reporting credits and contact lines.
//!
//! These are content in the default profile: a reader of the article sees them. The `article`
//! profile removes them, because an article body, as extractors and datasets define it, leaves
//! them out.

use super::{declare_rule, Category, Kind, Profile};

/// A capitalised name word.
macro_rules! name {
    () => {
        r"\p{Lu}[\p{L}.'’\-]*"
    };
}

/// Words that join the parts of names: en, de, pt, es, fr, id, ru, it, nl.
macro_rules! glue {
    () => {
        r"(?:and|und|e|y|et|dan|и|&|de|da|do|dos|van|von|der|den|la|le|di|del)"
    };
}

declare_rule! {
    /// ## What it removes
    /// A byline: `By Jane Roe`, `By Jane Roe and John Doe | Reuters`, `Written by Jane Roe`,
    /// `Von Hans Muster`, `Por María Pérez`, `Par Jean Dupont`, `Oleh Budi Santoso`,
    /// `Автор: Иван Петров`; a byline label alone (`By`, `Autor:`); and a name with a newsroom
    /// role or agency (`Jane Roe, Associated Press`, `John Doe Staff Writer`).
    ///
    /// ## Why
    /// Who wrote the article is metadata, which an article body leaves out.
    ///
    /// ## Example
    /// ```text
    /// By Jane Roe and John Doe | Reuters
    /// ```
    ///
    /// ## Keeps
    /// Sentences that start with the same words (`By Monday, the river had risen two metres.`):
    /// the words after `By` must all be capitalised name words.
    pub(crate) static BYLINE = { id: "byline", category: Category::Bylines,
        kind: Kind::Line(&[
            // en, de, pt, es, fr, id, ru: label, names, optional "| outlet" or ", date"
            concat!(
                r"^(?i:by|written\s+by|posted\s+by|reported\s+by|story\s+by|words\s+by|von|por|publicado\s+por|escrito\s+por|par|oleh|ditulis\s+oleh|автор|текст)[:\s]\s*",
                name!(), r"(?:[\s,]+(?:", name!(), "|", glue!(), r"))*\s*(?:(?:[|\-–—/·•]|,\s*(?:\p{Lu}|\d)|\s(?:on|am|em|le|el|il|pada)\s)\s*.{0,100})?$"
            ),
            // the label alone
            r"(?i)^(?:by|von|por|par|oleh|автор|текст|author|autor|auteur|autore|penulis)\s*[:|]?$",
            // name + agency or newsroom role
            concat!(
                "^", name!(), r"(?:\s+(?:", name!(), "|", glue!(), r"))*\s*,\s+(?i:(?:the\s+)?associated\s+press|ap|reuters|afp|dpa|bloomberg|(?:\w+\s+)?(?:staff\s+)?(?:writer|reporter|correspondent|editor|columnist|contributor)|staff)$"
            ),
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A reporting credit: `Reporting by Jane Roe; Editing by John Doe`, `(Additional reporting
    /// by …)`, `Jane Roe contributed to this report.`, `… trugen zu diesem Bericht bei`,
    /// `… colaborou`, `… contribuyó a este informe`.
    ///
    /// ## Why
    /// Newsroom credits, which an article body leaves out.
    ///
    /// ## Example
    /// ```text
    /// Reporting by Jane Roe; Editing by John Doe
    /// ```
    pub(crate) static REPORTING_CREDIT = { id: "reporting-credit", category: Category::Bylines,
        kind: Kind::Line(&[
            // en
            r"^[(\[]?\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics?)\s+by)\s+\p{Lu}.{0,300}$",
            r"(?i)^.{0,200}\b(?:contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)|contributed\s+reporting)\s*[.)\]]*$",
            // de, pt, es, it
            r"(?i)^.{0,200}\b(?:trugen\s+zu\s+diesem\s+bericht\s+bei|colaborou|colaboraram|contribuy[óo]\s+a\s+este\s+informe|ha\s+collaborato)\s*[.)\]]*$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A line that tells the reader how to reach the writer or the newsroom: `Write to Jane Roe
    /// at jane.roe@example.com`, `Contact the reporter at …`, `Send story tips to …`.
    ///
    /// ## Why
    /// Contact details of the newsroom, not the story.
    ///
    /// ## Example
    /// ```text
    /// Write to Jane Roe at jane.roe@example.com
    /// ```
    ///
    /// ## Keeps
    /// Sentences with an address in them (`Readers can write to the council at its Main
    /// Street office, she said.`): the line must start like a contact line and hold an address.
    pub(crate) static CONTACT_LINE = { id: "contact-line", category: Category::Bylines,
        kind: Kind::Line(&[
            // en, de, pt, es
            r"(?i)^(?:write\s+to|contact|email|e-mail|reach|send\s+(?:story\s+)?tips\s+to|kontakt|contato|contacto)\b.{0,120}(?:@\S+\.\w+|\bat\s+\S+@\S+).{0,120}$",
        ]),
        profile: Profile::Article };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn bylines() {
        for line in [
            "By Jane Roe",
            "By Jane Roe and John Doe | Reuters",
            "Written by Jane Roe",
            "Von Hans Muster",
            "Por María Pérez",
            "Oleh Budi Santoso",
            "By",
            "Jane Roe, Associated Press",
            "John Doe, Staff Writer",
        ] {
            assert!(fires("byline", line), "{line}");
        }
        for line in [
            "By Monday, the river had risen two metres.",
            "By the end of the year the plant closed.",
            "Por lo tanto, nada cambió.",
            "Par conséquent, le projet est abandonné.",
            "The Hollywood Reporter",
        ] {
            assert!(!fires("byline", line), "{line}");
        }
    }

    #[test]
    fn credits_and_contacts() {
        for line in [
            "Reporting by Jane Roe; Editing by John Doe",
            "(Additional reporting by Jan Novak)",
            "Jane Roe contributed to this report.",
        ] {
            assert!(fires("reporting-credit", line), "{line}");
        }
        assert!(!fires("reporting-credit", "Reporting by the agency was later retracted, the court heard, and the editor resigned in protest over it."));
        for line in ["Write to Jane Roe at jane.roe@example.com", "Contact the reporter at jroe@example.com"]
        {
            assert!(fires("contact-line", line), "{line}");
        }
        assert!(!fires(
            "contact-line",
            "Readers can write to the council at its Main Street office, she said."
        ));
    }
}
