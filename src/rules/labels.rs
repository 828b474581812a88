//! Labels whose widget was stripped, left with nothing to label.

use super::{declare_rule, Category, Kind};

declare_rule! {
    /// ## What it removes
    /// A line that is only the label of a widget the extractor dropped: `Short link:`,
    /// `Permalink`, `Tags:`, `Keywords:`, `Filed under:`, `Schlagwörter:`, `Mots-clés :`,
    /// `Etiquetas:`, `Palavras-chave:`, `Parole chiave:`, `Теги:`, `Label:`.
    ///
    /// ## Why
    /// The link, tag list or button it labelled is gone; the label alone means nothing.
    ///
    /// ## Example
    /// ```text
    /// Short link:
    /// ```
    ///
    /// ## Keeps
    /// A label that still has its value (`Tags: budget, taxes`, `Source: Eurostat`) and
    /// ordinary words that could be headings (`Sources`, `Topics of the week`).
    pub(crate) static EMPTY_LABEL = { id: "empty-label", category: Category::Labels,
        kind: Kind::Line(&[
            // link labels, with or without a colon: en, de, fr, es, pt, it, ru
            r"(?i)^(?:short\s*(?:link|url)|permalink|permanent\s+link|perma-?link|kurzlink|lien\s+court|lien\s+permanent|enlace\s+corto|enlace\s+permanente|link\s+curto|link\s+permanente|короткая\s+ссылка|постоянная\s+ссылка)\s*:?$",
            // list labels, only with a colon: en, de, fr, es, pt, it, ru, id
            r"(?i)^(?:tags?|keywords?|topics?|categor(?:y|ies)|filed\s+under|posted\s+in|schlagwörter|schlagworte|stichwörter|themen|rubrik|étiquettes?|mots[\s-]clés|catégories?|etiquetas?|palabras\s+clave|temas|categor[ií]as?|palavras[\s-]chave|tag|parole\s+chiave|argomenti|categorie|теги|метки|ключевые\s+слова|рубрики?|label|kata\s+kunci|topik)\s*:$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn bare_labels() {
        for line in [
            "Short link:",
            "Permalink",
            "Tags:",
            "Filed under:",
            "Schlagwörter:",
            "Mots-clés :",
            "Palavras-chave:",
            "Теги:",
            "Kurzlink",
        ] {
            assert!(fires("empty-label", line), "{line}");
        }
    }

    #[test]
    fn labels_with_values_and_headings_stay() {
        for line in ["Tags: budget, taxes", "Source: Eurostat", "Sources", "Topics of the week", "Tags"] {
            assert!(!fires("empty-label", line), "{line}");
        }
    }
}
