//! View, like, share and comment counters.

use super::{declare_rule, Category, Kind};

declare_rule! {
    /// ## What it removes
    /// A line that only reports how often the page was viewed or read, in any of several
    /// languages: `Views: 1581`, `2.3K views`, `Aufrufe: 88`, `Просмотров: 120`.
    ///
    /// ## Why
    /// Page furniture; it says nothing about the article.
    ///
    /// ## Example
    /// ```text
    /// Views: 1581
    /// ```
    ///
    /// ## Keeps
    /// A sentence that contains a number of views (`The video drew 2 million views in a day.`).
    pub(crate) static VIEW_COUNTER = { id: "view-counter", category: Category::Counters,
        kind: Kind::Line(&[
            // en, de, fr, es, pt, it, ru, id: "<word>: <number>"
            r"(?i)^(?:views?|page\s*views|reads|hits|aufrufe|zugriffe|gelesen|vues|lectures|visitas|vistas|lecturas|visualiza[cç](?:ões|oes)|acessos|leituras|visualizzazioni|visite|letture|просмотр(?:ов|ы|а)?|прочитано|dilihat|dibaca)\s*[:(]?\s*[\d][\d.,\s\u{a0}]*[kmкмтыс.]*\s*\)?$",
            // the same words after the number: "1,581 views", "88 Aufrufe", "120 просмотров"
            r"(?i)^[\d][\d.,\s\u{a0}]*[kmкмтыс.]*\s*(?:views?|page\s*views|reads|aufrufe|zugriffe|vues|lectures|visitas|vistas|lecturas|visualiza[cç](?:ões|oes)|acessos|leituras|visualizzazioni|visite|letture|просмотр(?:ов|ы|а)?|kali\s+dibaca)$",
            // en, fr, it, id: "viewed 12 times", "lu 12 fois", "letto 12 volte", "dilihat 12 kali"
            r"(?i)^(?:viewed|read|lu|letto|visto|dilihat|dibaca)\s+[\d][\d.,\s\u{a0}]*\s*(?:times|fois|volte|veces|vezes|kali)$",
        ]) };
}

declare_rule! {
    /// ## What it removes
    /// A line made only of like, share and comment counts, in any of several languages:
    /// `12 Comments`, `1,234 shares`, `Likes: 5`, `3 Kommentare`, `0 comentarios`, or several of
    /// them on one line (`12 Comments · 48 Shares`).
    ///
    /// ## Why
    /// The counters of a social widget; the widget is gone and the numbers mean nothing.
    ///
    /// ## Example
    /// ```text
    /// 1,234 shares
    /// ```
    ///
    /// ## Keeps
    /// Prose with such numbers (`The post got 12 comments before it was deleted.`).
    pub(crate) static ENGAGEMENT_COUNTER = { id: "engagement-counter", category: Category::Counters,
        kind: Kind::Line(&[
            // "<number> <word>", one or more, separated by · | , / or spaces
            r"(?i)^(?:[\d][\d.,\u{a0}]*[kmкм]?\s*(?:comments?|shares?|likes?|reactions?|retweets?|tweets?|pins?|kommentare?|teilen|geteilt|commentaires?|partages?|j'aime|comentarios?|compartidos?|me\s+gusta|comentários?|compartilhamentos?|curtidas?|commenti|condivisioni|mi\s+piace|комментари(?:й|я|ев)|репост(?:ов|а)?|лайк(?:ов|а)?|komentar|dibagikan|suka)\s*[·|,/•]?\s*)+$",
            // "<word>: <number>" or "<word> (<number>)"
            r"(?i)^(?:comments?|shares?|likes?|reactions?|kommentare?|commentaires?|comentarios?|comentários?|commenti|комментари(?:и|ев)|komentar)\s*(?::\s*|\(\s*)[\d][\d.,\u{a0}]*\s*\)?$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn view_counters_in_several_languages() {
        for line in [
            "Views: 88",
            "views 1 204",
            "2.3K views",
            "Aufrufe: 12",
            "Просмотров: 120",
            "Dilihat 45 kali",
            "letto 7 volte",
            "1.581 visualizações",
        ] {
            assert!(fires("view-counter", line), "{line}");
        }
    }

    #[test]
    fn sentences_with_view_counts_stay() {
        for line in [
            "The video drew 2 million views in a day.",
            "Views: the readers respond",
            "Views differ on 12 points",
        ] {
            assert!(!fires("view-counter", line), "{line}");
        }
    }

    #[test]
    fn engagement_counters() {
        for line in [
            "12 Comments",
            "0 comments",
            "1,234 shares",
            "Likes: 5",
            "12 Comments · 48 Shares",
            "3 Kommentare",
            "Comentarios (4)",
            "5 комментариев",
        ] {
            assert!(fires("engagement-counter", line), "{line}");
        }
    }

    #[test]
    fn prose_about_comments_stays() {
        for line in [
            "The post got 12 comments before it was deleted.",
            "Comments: readers on the budget",
            "12 shares of stock were sold",
        ] {
            assert!(!fires("engagement-counter", line), "{line}");
        }
    }
}
