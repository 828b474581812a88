//! Comment prompts and comment policies.

use super::{declare_rule, Category, Kind, Region};
use std::ops::Range;

use crate::segment::Document;

declare_rule! {
    /// ## What it removes
    /// A line that invites the reader to comment, or says that commenting is closed or needs an
    /// account: `Leave a comment`, `Add your comment`, `You must be logged in to post a comment.`,
    /// `Comments are closed.`, `Kommentar schreiben`, `Laisser un commentaire`,
    /// `Deja un comentario`, `Deixe seu comentário`, `Lascia un commento`,
    /// `Оставить комментарий`, `Tulis komentar`.
    ///
    /// ## Why
    /// The comment form is gone; its label is left without anything to act on.
    ///
    /// ## Example
    /// ```text
    /// Leave a comment
    /// ```
    ///
    /// ## Keeps
    /// Sentences about comments (`He declined to leave a comment on the deal.`).
    pub(crate) static COMMENT_PROMPT = { id: "comment-prompt", category: Category::Comments,
        kind: Kind::Line(&[
            // en
            r"(?i)^(?:leave|add|post|write|submit|view|show|read|see|load|hide)\s+(?:a|your|the|all|more|\d+)?\s*(?:new\s+)?(?:comments?|reply|replies|responses?)(?:\s*\(\d+\))?\s*[.!:»›>]*$",
            r"(?i)^(?:join|start)\s+the\s+(?:discussion|conversation)\s*[.!:]*$",
            r"(?i)^be\s+the\s+first\s+to\s+(?:comment|reply)(?:\s+on\s+this\s+(?:article|story|post))?\s*[.!]*$",
            r"(?i)^(?:comments?\s+(?:are|is)\s+(?:closed|disabled|turned\s+off)|no\s+comments(?:\s+yet)?)\s*[.!]*$",
            r"(?i)^you\s+must\s+(?:be\s+)?(?:log(?:ged)?\s+in|sign(?:ed)?\s+in|register(?:ed)?)\s+(?:to|before\s+you\s+can)\s+(?:post|leave|add|write)\s+a\s+comment\s*[.!]*$",
            r"(?i)^(?:log\s*in|sign\s*in|register)\s+to\s+(?:post\s+|leave\s+|add\s+)?(?:a\s+)?comments?\s*[.!]*$",
            // de
            r"(?i)^(?:(?:einen|ihren|deinen)\s+)?kommentar(?:e)?\s+(?:schreiben|verfassen|hinzufügen|abgeben|anzeigen|lesen)\s*[.!:]*$",
            r"(?i)^(?:die\s+)?kommentarfunktion\s+(?:ist|wurde)\s+(?:geschlossen|deaktiviert)\s*[.!]*$",
            // fr
            r"(?i)^(?:laisser|laissez|ajouter|écrire|publier|poster|réagir\s+à)\s+(?:un|votre|cet|les)?\s*commentaires?\s*[.!:]*$",
            // `article` only after `réagir à`: `Écrire un article` is a heading
            r"(?i)^réagir\s+à\s+cet\s+article\s*[.!:]*$",
            r"(?i)^les\s+commentaires\s+sont\s+fermés\s*[.!]*$",
            // es
            r"(?i)^(?:deja|dejar|deje|escribe|escribir|añade|añadir|ver|publicar)\s+(?:un|tu|su|los)?\s*comentarios?\s*[.!:]*$",
            r"(?i)^los\s+comentarios\s+están\s+cerrados\s*[.!]*$",
            // pt
            r"(?i)^(?:deixe|deixar|escreva|escrever|adicione|ver|publique)\s+(?:um|o\s+seu|seu|sua|os)?\s*coment[áa]rios?\s*[.!:]*$",
            // it
            r"(?i)^(?:lascia|lasciare|scrivi|aggiungi|leggi)\s+(?:un|il\s+tuo|i)?\s*comment[oi]\s*[.!:]*$",
            // ru
            r"(?i)^(?:оставить|оставьте|написать|добавить|показать)\s+(?:свой\s+)?комментари[йи]\s*[.!:]*$",
            r"(?i)^комментарии\s+(?:закрыты|отключены)\s*[.!]*$",
            // id
            r"(?i)^(?:tulis|tinggalkan|berikan|lihat)\s+komentar(?:\s+anda)?\s*[.!:]*$",
        ]) };
}

declare_rule! {
    /// ## What it removes
    /// A paragraph that sets out the site's rules for readers' comments (what will or will not
    /// be published, moderation, the right to edit), together with the bullet list that follows
    /// it, when the block ends in the tail of the text.
    ///
    /// ## Why
    /// A comment policy is site furniture printed under every article.
    ///
    /// ## Example
    /// ```text
    /// The editors welcome readers' comments. Comments are moderated and must follow these rules:
    ///  • We will not publish comments that contain personal attacks.
    ///  • We will not publish advertising.
    /// ```
    ///
    /// ## Keeps
    /// The same words in the body of an article (a story about a newspaper's comment rules):
    /// the rule only looks at the tail of the text.
    pub(crate) static COMMENT_POLICY = { id: "comment-policy", category: Category::Comments,
        // Every trigger is the line's first sentence, or its second after a short first one
        // (`Please be civil. Comments are moderated.`): a paragraph of the story that ends by
        // inviting comments is not a policy (tests/fixtures/comments/comment-policy-reported.txt).
        kind: Kind::Block { trigger: &[
            // en
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?[^.!?]*?\b(?:welcomes?|invites?|encourages?)\s+(?:readers?'?|your|users?'?)\s+comments\b",
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?[^.!?]*?\bwe\s+(?:will\s+not|won't|do\s+not|don't|may\s+not)\s+publish\s+(?:any\s+)?comments\b",
            // a statement of moderation only where a sentence starts: in a story it follows other
            // words (tests/fixtures/comments/comment-policy-reported.txt)
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:all\s+)?comments\s+(?:are|will\s+be)\s+(?:moderated|reviewed\s+before|subject\s+to)\b",
            // de
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:alle\s+)?kommentare\s+werden\s+(?:moderiert|vor\s+der\s+veröffentlichung\s+geprüft|nicht\s+veröffentlicht)\b",
            // fr
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:les\s+|tous\s+les\s+)?commentaires\s+(?:sont|seront)\s+(?:modérés|soumis\s+à)\b",
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?[^.!?]*?\bnous\s+ne\s+publierons\s+pas\s+(?:les\s+)?commentaires\b",
            // es, pt
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:los\s+|todos\s+los\s+)?comentarios\s+(?:son|serán)\s+(?:moderados|revisados)\b",
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?[^.!?]*?\bno\s+publicaremos\s+comentarios\b",
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:os\s+|todos\s+os\s+)?comentários\s+(?:são|serão)\s+(?:moderados|revisados)\b",
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?[^.!?]*?\bnão\s+publicaremos\s+comentários\b",
            // it
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:tutti\s+)?i\s+commenti\s+(?:sono|saranno|vengono)\s+moderati\b",
            // ru
            r"(?i)^(?:[^.!?]{0,60}[.!?:]\s+)?(?:все\s+)?комментарии\s+(?:проходят\s+модерацию|модерируются|публикуются\s+после)\b",
        ], extend: comment_policy },
        region: Region::Tail };
}

/// The policy's block from the trigger line on (the lines of its paragraph before it are not
/// the policy's), and the bullet or numbered lists that follow it (each after at most one
/// blank line).
fn comment_policy(doc: &Document, trigger: usize) -> Range<usize> {
    let block = |i: usize| doc.lines[i].block().map_or(i..i + 1, |b| doc.blocks[b].lines.clone());
    let start = trigger;
    let mut end = block(trigger).end;
    loop {
        let next = if doc.lines.get(end).is_some_and(|l| l.is_blank()) { end + 1 } else { end };
        match doc.lines.get(next) {
            Some(line) if is_list_item(line.trimmed()) => end = block(next).end,
            _ => return start..end,
        }
    }
}

/// Whether a line starts like an item of a bullet or numbered list.
fn is_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('•' | '·' | '-' | '*' | '–' | '—' | '▪' | '►' | '○') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{cleaned, fires};

    #[test]
    fn comment_prompts() {
        for line in [
            "Leave a comment",
            "Add a comment",
            "Comments are closed.",
            "You must be logged in to post a comment.",
            "Kommentar schreiben",
            "Laisser un commentaire",
            "Deja un comentario",
            "Deixe seu comentário",
            "Lascia un commento",
            "Оставить комментарий",
            "Tulis komentar",
            "View 12 comments",
            "Be the first to comment",
            "Réagir à cet article",
        ] {
            assert!(fires("comment-prompt", line), "{line}");
        }
    }

    #[test]
    fn sentences_about_comments_stay() {
        for line in [
            "He declined to leave a comment on the deal.",
            "Leave a comment, the mayor told them, and we will listen.",
            "No comments were made by the ministry.",
            // a heading in a guide (tests/fixtures/comments/comment-prompt.txt)
            "Écrire un article",
            "Publier un article",
        ] {
            assert!(!fires("comment-prompt", line), "{line}");
        }
    }

    fn page(tail: &str) -> String {
        let body = (1..=12)
            .map(|i| format!("Paragraph {i} of the story about the harbour.\n\n"))
            .collect::<String>();
        format!("{body}{tail}")
    }

    #[test]
    fn policy_paragraph_goes_with_its_bullets() {
        let text = page("The editors welcome readers' comments, subject to these rules:\n  • We will not publish insults.\n  • We will not publish advertising.\n\nLast paragraph.\n");
        let out = cleaned("comment-policy", &text);
        assert!(!out.contains("insults") && !out.contains("welcome readers"), "{out}");
        assert!(out.contains("Last paragraph."));
    }

    #[test]
    fn policy_reported_in_the_last_paragraph_stays() {
        let text = page("At the Gazette, comments are moderated by two editors, a spokeswoman said.\n");
        assert!(!fires("comment-policy", &text));
        let text = page("Der Verlag sagte, alle Kommentare werden moderiert.\n");
        assert!(!fires("comment-policy", &text));
        let text = page("Wir freuen uns über Ihre Meinung. Kommentare werden moderiert.\n");
        assert!(fires("comment-policy", &text));
    }

    #[test]
    fn policy_words_in_the_body_stay() {
        let text = format!("The paper said comments are moderated by two editors.\n\n{}", page(""));
        assert!(!fires("comment-policy", &text));
    }
}
