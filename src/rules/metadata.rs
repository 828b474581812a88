//! Page metadata printed as text: tag lists, reading times, relative times.

use super::{declare_rule, Category, Kind, Profile};

declare_rule! {
    /// ## What it removes
    /// A tag or topic list with its label: `Tags: budget, taxes, parliament`, `Topics: …`,
    /// `Filed under: …`, `Schlagwörter: …`, `Themen: …`, `Mots-clés : …`, `Etiquetas: …`,
    /// `Tópicos: …`, `Argomenti: …`, `Теги: …`, `Kategori: …`.
    ///
    /// ## Why
    /// Site taxonomy, which an article body leaves out.
    ///
    /// ## Example
    /// ```text
    /// Tags: budget, taxes, parliament
    /// ```
    pub(crate) static TAG_LIST = { id: "tag-list", category: Category::Metadata,
        kind: Kind::Line(&[
            // en, de, fr, es, pt, it, ru, ko, ja, id
            r"(?i)^[-–—*•·|\s]*(?:tags?|tagged(?:\s+with)?|topics?|filed\s+under|categor(?:y|ies)|kategorie|kategorien|schlagw[öo]rter|themen|temas|tópicos|categorias?|etiquetas|étiquettes|mots-clés|argomenti|теги|метки|рубрик[аи]|태그|タグ|kategori|topik)\s*[:|]\s*.{1,300}$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A reading-time line: `5 min read`, `Reading time: 3 minutes`, `Lesezeit: 4 Min.`,
    /// `Tempo de leitura: 2 min`, `Tiempo de lectura: 3 minutos`, `Temps de lecture : 4 min`,
    /// `3 menit baca`, `Время чтения: 5 минут`.
    ///
    /// ## Why
    /// A widget of the page, not part of the article.
    ///
    /// ## Example
    /// ```text
    /// 5 min read
    /// ```
    pub(crate) static READING_TIME = { id: "reading-time", category: Category::Metadata,
        kind: Kind::Line(&[
            // en, de, pt, es, fr, it, id, ru, ko: label and duration
            r"(?i)^(?:reading\s+time|read\s+time|lesezeit|lesedauer|tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture|tempo\s+di\s+lettura|waktu\s+baca|время\s+чтения|읽는\s+시간)\s*:?\s*(?:<\s*)?(?:\d+|one|two|three|five|ten)?\s*(?:min(?:ute)?s?|minuten|minutos?|minuti|menit|мин(?:ут[аы]?)?|분)?\.?$",
            // duration and "read"
            r"(?i)^(?:\d+|one|two|three|four|five|ten)\s*(?:-\s*)?(?:min(?:ute)?s?|minuten|minutos?|minuti|мин(?:ут[аы]?)?|menit|분)\.?\s*(?:read|reading|lesezeit|lesen|de\s+leitura|de\s+lectura|de\s+lecture|di\s+lettura|baca|чтения|읽기)$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A line that is only a relative time: `2 hours ago`, `Updated 5 minutes ago`, `vor 3
    /// Stunden`, `il y a 2 jours`, `hace 1 hora`, `há 2 horas`, `3 ore fa`, `13 menit lalu`,
    /// `5 минут назад`, `3시간 전`, `2時間前`, `just now`.
    ///
    /// ## Why
    /// A time stamp relative to when the page was scraped: wrong by the time anyone reads it.
    ///
    /// ## Example
    /// ```text
    /// 13 menit lalu
    /// ```
    ///
    /// ## Keeps
    /// Sentences with such phrases (`Two hours ago the bridge collapsed.`).
    pub(crate) static RELATIVE_TIME = { id: "relative-time", category: Category::Metadata,
        kind: Kind::Line(&[
            // en, de, fr, es, pt, it, id, ru, ko, ja
            r"(?i)^(?:(?:updated|posted|published|aktualisiert|atualizado|actualizado|diperbarui)\s*:?\s*)?(?:(?:about\s+|an?\s+|\d+\s*)(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|vor\s+(?:einer?|\d+)\s+(?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)|il\s+y\s+a\s+(?:une?|\d+)\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)|hace\s+(?:una?|\d+)\s+(?:segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?)|h[áa]\s+(?:uma?|\d+)\s+(?:segundos?|minutos?|horas?|dias?|semanas?|m[eê]s(?:es)?|anos?)|(?:\d+|un[ao]?)\s+(?:second[oi]|minut[oi]|or[ae]|giorn[oi]|settimane?|mes[ei]|ann[oi])\s+fa|\d+\s+(?:detik|menit|jam|hari|minggu|bulan|tahun)\s+(?:yang\s+)?lalu|\d+\s+(?:секунд\w*|минут\w*|час\w*|дн(?:я|ей)|день|недел\w*|месяц\w*|год\w*|лет)\s+назад|\d+\s*(?:초|분|시간|일|주|개월|년)\s*전|\d+\s*(?:秒|分|時間|日|週間|か月|ヶ月|年)前|just\s+now|gerade\s+eben|à\s+l'instant|agora\s+mesmo|ahora\s+mismo|baru\s+saja|только\s+что)\s*$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn tags_reading_and_relative_times() {
        for line in ["Tags: budget, taxes, parliament", "Schlagwörter: Haushalt, Steuern", "Теги: бюджет"]
        {
            assert!(fires("tag-list", line), "{line}");
        }
        assert!(!fires("tag-list", "Topics such as tax were discussed: the budget, the deficit."));
        for line in ["5 min read", "Reading time: 3 minutes", "Lesezeit: 4 Min.", "3 menit baca"] {
            assert!(fires("reading-time", line), "{line}");
        }
        assert!(!fires("reading-time", "5 minutes of reading a day helps children, the study found."));
        for line in [
            "2 hours ago",
            "Updated 5 minutes ago",
            "vor 3 Stunden",
            "il y a 2 jours",
            "hace 1 hora",
            "há 2 horas",
            "13 menit lalu",
            "5 минут назад",
            "3시간 전",
            "2時間前",
        ] {
            assert!(fires("relative-time", line), "{line}");
        }
        assert!(!fires("relative-time", "Two hours ago the bridge collapsed."));
    }
}
