//! Links to other pages: related-story lists, read-more lines, next and previous links,
//! breadcrumbs.

use std::ops::Range;

use super::{declare_rule, Category, Kind, Profile};
use crate::segment::Document;

/// Labels of related-story lists: en, pt, de, fr, es, it, id, ru, ko, ja.
macro_rules! related {
    () => {
        r"(?:read\s+more|read\s+also|also\s+read|more\s+reading|further\s+reading|read\s+next|see\s+also|related(?:\s+(?:articles?|stories|posts?|coverage|links?|news|content|topics))?|more\s+(?:stories|news|articles|coverage|videos)(?:\s+(?:from|on|about)\s+[\w\s]{1,30})?|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|recommended(?:\s+(?:for\s+you|stories|reading))?|most\s+(?:read|popular|viewed|shared|watched)|trending(?:\s+now)?|top\s+stories|don'?t\s+miss|editor'?s\s+picks|leia\s+(?:também|mais)|veja\s+(?:também|mais)|saiba\s+mais|mais\s+lidas|lesen\s+sie\s+auch|lesen\s+sie\s+mehr|auch\s+interessant|mehr\s+zum\s+thema|weitere\s+(?:artikel|beiträge|nachrichten)|meistgelesen|lire\s+aussi|à\s+lire\s+aussi|voir\s+aussi|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|lee\s+también|ver\s+también|te\s+puede\s+interesar|noticias\s+relacionadas|lo\s+más\s+leído|leggi\s+anche|vedi\s+anche|articoli\s+correlati|baca\s+juga|berita\s+terkait|artikel\s+terkait|terpopuler|читайте\s+также|читайте\s+ещ[её]|по\s+теме|материалы\s+по\s+теме|смотрите\s+также|관련\s?기사|관련\s?뉴스|많이\s+본\s+뉴스|関連記事|あわせて読みたい)"
    };
}

declare_rule! {
    /// ## What it removes
    /// A related-stories label (`Related`, `Read more`, `See also`, `More stories`, `You may
    /// also like`, `Most read`, `Leia também`, `Lesen Sie auch`, `Lire aussi`, `Lee también`,
    /// `Leggi anche`, `Baca juga`, `Читайте также`, `관련기사`, `関連記事`) on a line of its own,
    /// and the headlines right under it: up to eight following lines, blank lines aside, for
    /// as long as they read like headlines (3 to 20 words, no sentence punctuation, no
    /// quotation marks).
    ///
    /// ## Why
    /// Links to other articles; an article body leaves them out.
    ///
    /// ## Example
    /// ```text
    /// Related
    /// Floods close schools across the region
    /// Council approves new bridge
    /// ```
    ///
    /// ## Keeps
    /// Lines after the label that read like prose or quotes, and everything after the first
    /// of them.
    pub(crate) static RELATED_LIST = { id: "related-list", category: Category::Navigation,
        kind: Kind::Block { trigger: &[
            concat!(r"(?i)^[-–—*•·|\s]*", related!(), r"\s*[.:!…»›>→]*\s*$"),
        ], extend: related_list },
        profile: Profile::Article };
}

/// The label and the headlines right under it: following lines (blank lines aside) while they
/// read like headlines, at most [`MAX_HEADLINES`] of them.
fn related_list(doc: &Document, trigger: usize) -> Range<usize> {
    let mut end = trigger + 1;
    let mut taken = 0;
    for i in trigger + 1..doc.lines.len() {
        let line = &doc.lines[i];
        if line.is_blank() {
            continue;
        }
        if taken == MAX_HEADLINES || !is_headline(line.trimmed()) {
            break;
        }
        taken += 1;
        end = i + 1;
    }
    trigger..end
}

/// The most headlines one related-stories label takes with it.
const MAX_HEADLINES: usize = 8;

/// Whether a line reads like a headline: 3 to 20 words, no sentence punctuation at the end or
/// inside, no quotation marks and not a list item.
fn is_headline(text: &str) -> bool {
    let words = crate::text::count_words(text, 21);
    (3..=20).contains(&words)
        && !text.contains(['"', '“', '”', '«', '»'])
        && !text.contains(". ")
        && !text.ends_with(['.', '!', ':', ';', ',', ')'])
        && !text.starts_with(['*', '•', '-', '–', '('])
}

declare_rule! {
    /// ## What it removes
    /// A line that links to another article with a label in front: `Read more: Floods close
    /// schools`, `READ MORE: …`, `Related: …`, `See also: …`, `Leia também: …`, `Lesen Sie
    /// auch: …`, `Lire aussi : …`, `Lee también: …`, `Baca juga: …`, `Читайте также: …`; or a
    /// headline in brackets with a media tag (`Floods close schools [VIDEO]`).
    ///
    /// ## Why
    /// A link to another story in the middle of this one.
    ///
    /// ## Example
    /// ```text
    /// Read more: Floods close schools across the region
    /// ```
    pub(crate) static READ_MORE_LINK = { id: "read-more-link", category: Category::Navigation,
        kind: Kind::Line(&[
            // the headline after the label starts like a title and does not end like a sentence
            concat!(r"(?i)^[-–—*•·|\s]*\(?", related!(), r"\s*(?::|»|›|>|→|\||–|—)\s*(?-i:[\p{Lu}\d\x22“‘«]).{2,200}[^.!\s]$"),
            r"(?i)^.{5,200}\s\[(?:video|videos|insight|news|warning|latest|analysis|opinion|watch|live|update|revealed|explained|pics|pictures|photos|poll|gallery|vídeo|fotos|видео|фото)\]$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A link to the previous or next story or page: `Previous article`, `Next story →`,
    /// `« Older`, `Próxima notícia`, `Nächster Artikel`, `Article suivant`, `Siguiente`,
    /// `Articolo successivo`, `Следующая статья`, `Selanjutnya`.
    ///
    /// ## Why
    /// Site navigation, not the article.
    ///
    /// ## Example
    /// ```text
    /// Next article →
    /// ```
    pub(crate) static NEXT_PREVIOUS = { id: "next-previous", category: Category::Navigation,
        kind: Kind::Line(&[
            // en, pt, es, fr, it, de, id, ru, ko
            r"(?i)^[←→«»‹›<>]?\s*(?:previous|next|older|newer|prev|anterior|próxim[oa]|siguiente|précédent|suivant|precedente|successivo|vorherige[rs]?|nächste[rs]?|sebelumnya|selanjutnya|предыдущ\w+|следующ\w+|이전|다음)(?:\s+(?:story|article|post|page|entry|news|artikel|beitrag|notícia|noticia|articolo|статья|новость))?\s*:?\s*[←→«»‹›<>]?$",
            r"(?i)^(?:article|articolo)\s+(?:suivant|précédent|successivo|precedente)\s*[←→«»‹›<>]?$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A breadcrumb trail: `Home > News > World`, `Startseite › Politik`, `Início / Brasil`,
    /// `Главная » Новости`.
    ///
    /// ## Why
    /// Where the page sits in the site, not what it says.
    ///
    /// ## Example
    /// ```text
    /// Home > News > World
    /// ```
    pub(crate) static BREADCRUMB = { id: "breadcrumb", category: Category::Navigation,
        kind: Kind::Line(&[
            // en, pt, de, fr, es, id, ru, ko
            r"(?i)^(?:home|início|inicio|startseite|accueil|beranda|главная|홈)\s*(?:[»›>/|]\s*[^»›>/|.!?]{1,60}){1,6}$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{cleaned, fires};

    #[test]
    fn related_label_takes_the_headlines_under_it() {
        let text = "Body of the story.\n\nRelated\n\nFloods close schools\nCouncil approves new bridge\n\nLast paragraph.\n";
        assert_eq!(cleaned("related-list", text), "Body of the story.\n\n\n\nLast paragraph.\n");
        let text = "Related\nFloods close schools\n\"We will rebuild,\" the mayor said.\nShort line here\n";
        assert_eq!(cleaned("related-list", text), "\"We will rebuild,\" the mayor said.\nShort line here\n");
        let text = "Body.\n\nSee also\n\nThe council met on Monday. It approved the bridge.\n";
        assert_eq!(
            cleaned("related-list", text),
            "Body.\n\n\nThe council met on Monday. It approved the bridge.\n"
        );
    }

    #[test]
    fn read_more_links() {
        for line in [
            "Read more: Floods close schools across the region",
            "READ MORE: Council approves bridge",
            "Leia também: Chuvas fecham escolas",
            "Baca juga: Banjir melanda Jakarta",
            "Floods close schools [VIDEO]",
        ] {
            assert!(fires("read-more-link", line), "{line}");
        }
        for line in [
            "Read more about it in the report, the minister said.",
            "Read more: the report is 400 pages long.",
            "Related: the two cases are linked, police say.",
        ] {
            assert!(!fires("read-more-link", line), "{line}");
        }
    }

    #[test]
    fn next_previous_and_breadcrumbs() {
        for line in ["Next article →", "« Previous", "Nächster Artikel", "Próxima notícia"] {
            assert!(fires("next-previous", line), "{line}");
        }
        assert!(!fires("next-previous", "Next, the council voted."));
        for line in ["Home > News > World", "Startseite › Politik", "Главная » Новости"] {
            assert!(fires("breadcrumb", line), "{line}");
        }
        assert!(!fires("breadcrumb", "Home is where the heart is."));
    }
}
