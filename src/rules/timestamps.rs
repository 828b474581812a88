//! Stand-alone dates, times and update stamps.
//!
//! A date inside a sentence or a byline (`AFP, Wednesday 26 Jan 2011`) is content; these rules
//! only take lines that are nothing but a date or time, or a publish or update label with one.

use super::{declare_rule, Category, Kind};
use crate::segment::Document;
use crate::text;

/// Month names and their abbreviations: en, de, fr, es, pt, it, ru, id.
macro_rules! month {
    () => {
        r"(?:jan(?:uary|uar|vier|eiro|uari)?|j[äa]nner|feb(?:ruary|ruar|rero|ruari)?|f[ée]v(?:rier)?|fevereiro|febbraio|mar(?:ch|s|zo|ço|et)?|m[äa]rz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|maggio|mei|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust|usti)?|ago(?:sto)?|ao[uû]t|agustus|sep(?:t|tember|tembre|tiembre|tembro)?|setiembre|settembre|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|ottobre|nov(?:ember|embre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|d[ée]c(?:embre)?|dic(?:iembre|embre)?|des(?:ember)?|январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])\.?"
    };
}

/// Weekday names and their abbreviations: en, de, fr, es, pt, it, ru, id.
macro_rules! weekday {
    () => {
        r"(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda(?:-feira)?|ter[çc]a(?:-feira)?|quarta(?:-feira)?|quinta(?:-feira)?|sexta(?:-feira)?|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\.?"
    };
}

/// A date: `17 October 2019`, `October 17, 2019`, `17 de outubro de 2019`, `2019-10-17`,
/// `17.10.2019`, `2019년 10월 17일`, `2019年10月17日`.
macro_rules! date {
    () => {
        concat!(
            r"(?:\d{1,2}(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?",
            month!(),
            r",?\s*(?:de\s+)?\d{4}",
            r"|",
            month!(),
            r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
            r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}",
            r"|\d{4}\s*[년年]\s*\d{1,2}\s*[월月]\s*\d{1,2}\s*[일日](?:\s*\(\S\))?)"
        )
    };
}

/// A time of day with an optional zone: `08:24`, `5:30 p.m. ET`, `14.30 WIB`, `10h15`, `9:00 Uhr`.
macro_rules! time {
    () => {
        r"(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:uhr|hs|h|(?-i:[A-Z]{2,5})|(?:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?\d{2})?))?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    };
}

declare_rule! {
    /// ## What it removes
    /// A line that is nothing but a date, a time, or both, with an optional weekday:
    /// `19 Sep, 2009 08:24`, `Thursday, 17 October 2019`, `2019-10-17 14:05`,
    /// `17 de outubro de 2019`, `Kamis, 17 Oktober 2019 14:30 WIB`, `2019년 10월 17일`.
    ///
    /// ## Why
    /// A stamp from the page template; it is not a sentence of the article.
    ///
    /// ## Example
    /// ```text
    /// Thursday, 17 October 2019
    /// ```
    ///
    /// ## Keeps
    /// A date in a sentence or a byline (`AFP, Wednesday 26 Jan 2011`, `On 17 October 2019 the
    /// court ruled.`), and the dated headings of a timeline: at least three date lines without
    /// a clock time, each followed by a sentence of its own.
    ///
    /// ```text
    /// March 3, 2020
    /// The first case in the region is confirmed.
    /// March 10, 2020
    /// Schools close for two weeks.
    /// ```
    pub(crate) static TIMESTAMP_LINE = { id: "timestamp-line", category: Category::Timestamps,
        kind: Kind::LineUnless { spare: timeline, patterns: &[
            // date with optional weekday before and time after
            concat!(r"(?i)^(?:", weekday!(), r",?\s+)?", date!(), r"(?:\s*(?:,|at|um|à|às|a\s+las|alle|ore|в|pukul|-|–|\||/)?\s*", time!(), r")?$"),
            // time first, then the date
            concat!(r"(?i)^", time!(), r"\s*(?:,|-|–|\||/)?\s*(?:", weekday!(), r",?\s+)?", date!(), r"$"),
            // a clock time alone (with a colon, so that `1.50` or `10h` stay)
            r"(?i)^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?-i:[A-Z]{2,5}))?$",
        ] } };
}

/// How many dated headings make a timeline.
const MIN_TIMELINE: usize = 3;

/// The dated headings of a timeline among the date lines `dates`: lines without a clock time
/// (a comment's or a page's stamp has one) each followed, blank lines aside, by a sentence of
/// four words or more that is not a date, when the text has at least three of them.
fn timeline(doc: &Document, dates: &[usize]) -> Vec<usize> {
    let heads_text = |i: usize| {
        let next = (i + 1..doc.lines.len()).find(|&j| !doc.lines[j].is_blank());
        next.is_some_and(|j| {
            let line = doc.lines[j].trimmed();
            dates.binary_search(&j).is_err() && text::ends_sentence(line) && text::count_words(line, 4) >= 4
        })
    };
    let headings: Vec<usize> =
        dates.iter().copied().filter(|&i| !has_clock(doc.lines[i].trimmed()) && heads_text(i)).collect();
    if headings.len() >= MIN_TIMELINE {
        headings
    } else {
        Vec::new()
    }
}

/// Whether a line holds a clock time (`08:24`): digits on both sides of a colon.
fn has_clock(line: &str) -> bool {
    line.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
}

declare_rule! {
    /// ## What it removes
    /// A publish or update label with nothing but a date or time after it: `Last Update 12:5`,
    /// `Updated: 17 October 2019`, `Published 2019-10-17 14:05`, `Stand: 17.10.2019`,
    /// `Publié le 17 octobre 2019`, `Actualizado 17/10/2019`, `Atualizado em 17/10/2019 14h30`,
    /// `Aggiornato il 17 ottobre 2019`, `Обновлено 17.10.2019`.
    ///
    /// ## Why
    /// Template metadata about the page, not the article.
    ///
    /// ## Example
    /// ```text
    /// Last updated: 17 October 2019 at 08:24
    /// ```
    ///
    /// ## Keeps
    /// A label with more than a date (`Updated with comment from the ministry.`).
    pub(crate) static UPDATE_STAMP = { id: "update-stamp", category: Category::Timestamps,
        kind: Kind::Line(&[
            // en, de, fr, es, pt, it, ru, id
            concat!(
                r"(?i)^(?:last\s+)?(?:updated?|published|posted|modified|created|first\s+published|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|actualizado|publicado|atualizado|aggiornato|pubblicato|обновлено|опубликовано|diperbarui|diterbitkan|dipublikasikan)",
                r"(?:\s+(?:on|at|am|le|el|em|il|в|pada))?\s*[:|-]?\s*(?:", weekday!(), r",?\s+)?",
                r"(?:", date!(), r"(?:\s*(?:,|at|um|à|às|a\s+las|alle|ore|в|pukul|-|–|\|)?\s*", time!(), r")?|", time!(), r"|\d{1,2}:\d{1,2}",
                r"|\d+\s+(?:minutes?|hours?|days?)\s+ago)$"
            ),
            // de: `Stand` is also the score of a match (`Stand: 2:1`), so it takes a date, or a
            // time with `Uhr` (tests/fixtures/timestamps/update-stamp.txt)
            concat!(
                r"(?i)^stand\s*[:|-]?\s*(?:", weekday!(), r",?\s+)?",
                r"(?:", date!(), r"(?:\s*(?:,|um|-|–|\|)?\s*", time!(), r")?|\d{1,2}[:.]\d{2}\s*uhr)$"
            ),
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn stand_alone_dates_and_times() {
        for line in [
            "3 Mar, 2015 17:02",
            "Friday, 5 June 2020",
            "June 5, 2020",
            "2020-06-05 14:05",
            "05.06.2020",
            "5 de junho de 2020",
            "Jumat, 5 Juni 2020 14:30 WIB",
            "2020년 6월 5일",
            "5 июня 2020",
            "14:05",
            "Monday, June 5, 2020 at 5:30 p.m. ET",
        ] {
            assert!(fires("timestamp-line", line), "{line}");
        }
    }

    #[test]
    fn dates_in_sentences_and_bylines_stay() {
        for line in [
            "Reuters, Monday 5 June 2020",
            "On 5 June 2020 the court ruled.",
            "By Ann Lee, June 5, 2020",
            "March",
            "May 2020 was the warmest on record.",
            "1.50",
            "5 June 2020 14:05 hello",
        ] {
            assert!(!fires("timestamp-line", line), "{line}");
        }
    }

    #[test]
    fn timeline_headings_stay_and_stamps_go() {
        use crate::rules::testing::cleaned;
        let timeline = "Key dates\n\nMarch 3, 2020\nThe first case in the region is confirmed.\n\nMarch 10, 2020\nSchools close for two weeks.\n\nApril 2, 2020\nThe field hospital opens its doors.\n";
        assert_eq!(cleaned("timestamp-line", timeline), timeline);
        // Two are not a timeline; stamps with a clock time above comments are not headings.
        let two = "March 3, 2020\nThe first case in the region is confirmed.\nMarch 10, 2020\nSchools close for two weeks.\n";
        assert_eq!(
            cleaned("timestamp-line", two),
            "The first case in the region is confirmed.\nSchools close for two weeks.\n"
        );
        let comments = "March 3, 2020 at 6:58 am\nI agree with every word of this piece.\nMarch 3, 2020 at 7:12 am\nThe council should have acted much sooner.\nMarch 3, 2020 at 8:01 am\nWell said, and thank you for writing it.\n";
        assert!(!cleaned("timestamp-line", comments).contains("2020"));
    }

    #[test]
    fn update_stamps() {
        for line in [
            "Last Update 9:4",
            "Updated: 5 June 2020",
            "Published 2020-06-05 14:05",
            "Stand: 05.06.2020",
            "Stand: 05.06.2020 14:05 Uhr",
            "Stand: 14:05 Uhr",
            "Publié le 5 juin 2020",
            "Atualizado em 05/06/2020 14h30",
            "Обновлено 05.06.2020",
            "Updated 3 hours ago",
        ] {
            assert!(fires("update-stamp", line), "{line}");
        }
    }

    #[test]
    fn labels_with_more_than_a_date_stay() {
        for line in [
            "Updated with comment from the ministry.",
            "Published by the ministry on 5 June 2020, the report said",
            "Posted in Politics",
            // the score of a match
            "Stand: 2:1",
            "Stand: 21:18",
        ] {
            assert!(!fires("update-stamp", line), "{line}");
        }
    }
}
