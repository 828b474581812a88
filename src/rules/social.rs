//! Share, follow and subscribe prompts.

use super::{declare_rule, Category, Kind};

/// Social networks and messengers, as the prompts name them (a kind of service, not a site).
macro_rules! networks {
    () => {
        r"(?:facebook|twitter|x|instagram|linkedin|youtube|telegram|whatsapp|tiktok|pinterest|reddit|vk|vkontakte|threads|mastodon|bluesky|flipboard|google\s*news|e-?mail|rss|social\s+media|redes\s+sociales|redes\s+sociais|sozialen\s+netzwerken|réseaux\s+sociaux|social\s+network|соцсетях|социальных\s+сетях)\b"
    };
}

declare_rule! {
    /// ## What it removes
    /// A line that only asks the reader to share, print, e-mail or save the article, or that is
    /// the bare row of a share bar: `Share this article`, `Share on Facebook`,
    /// `Share | Tweet | Email`, `Artikel teilen`, `Partager cet article`, `Compartir en Twitter`,
    /// `Compartilhe`, `Condividi`, `Поделиться`, `Bagikan artikel ini`.
    ///
    /// ## Why
    /// The buttons are gone; their labels are left without anything to act on.
    ///
    /// ## Example
    /// ```text
    /// Share this article
    /// ```
    ///
    /// ## Keeps
    /// Sentences that use the words (`Share prices fell 4% on Monday.`, `Share this with a
    /// doctor before you start.`).
    pub(crate) static SHARE_PROMPT = { id: "share-prompt", category: Category::Social,
        kind: Kind::Line(&[
            // en: "Share this article", "Share on Facebook", "Share via email"
            concat!(r"(?i)^(?:share|tweet|pin|e-?mail|print|save)\s+(?:this|the)\s+(?:article|story|post|page|video|gallery|photo)(?:\s+(?:on|via|with)\s+", networks!(), r")?\s*[.!:]*$"),
            concat!(r"(?i)^(?:share|post|send)\s+(?:(?:it|this)\s+)?(?:on|to|via|with)\s+", networks!(), r"(?:\s*(?:,|and|or|/)\s*", networks!(), r")*\s*[.!:]*$"),
            // de, fr, es, pt, it, ru, id: "Artikel teilen", "Partager cet article", …
            r"(?i)^(?:(?:diesen\s+)?artikel\s+(?:teilen|drucken|versenden|merken)|jetzt\s+teilen|teilen\s+sie\s+diesen\s+artikel)\s*[.!:]*$",
            concat!(r"(?i)^(?:partager|imprimer|envoyer)\s+(?:cet\s+article|sur\s+", networks!(), r")\s*[.!:]*$"),
            concat!(r"(?i)^(?:compartir|compartilhar|compartilhe|comparte|imprimir)\s+(?:este\s+artículo|esta\s+not[ií]cia|esta\s+matéria|este\s+artigo|(?:en|no|na)\s+", networks!(), r")\s*[.!:]*$"),
            concat!(r"(?i)^(?:condividi|stampa|invia)\s+(?:questo\s+articolo|su\s+", networks!(), r")\s*[.!:]*$"),
            concat!(r"(?i)^(?:поделиться|поделитесь)(?:\s+(?:новостью|статьей|статьёй|в\s+", networks!(), r"))?\s*[.!:]*$"),
            r"(?i)^(?:bagikan|sebarkan)(?:\s+(?:artikel|berita)\s+ini)?\s*[.!:]*$",
            // a bare share bar: two or more button labels and nothing else
            concat!(r"(?i)^(?:(?:share|tweet|print|e-?mail|save|pin|whatsapp|messenger|copy\s+link|google\s*\+|google\s*plus|teilen|drucken|partager|imprimer|compartir|compartilhar|compartilhe|condividi|stampa|поделиться|bagikan|", networks!(), r")\s*[|·•/,]?\s*){2,}$"),
            // a single bare label of a share button, in many languages
            r"(?i)^(?:share|share\s+this|teilen|partager|compartir|compartilhe|compartilhar|condividi|поделиться|bagikan|공유하기|シェア)\s*[.!:]*$",
        ]) };
}

declare_rule! {
    /// ## What it removes
    /// A line that asks the reader to follow or like the publisher on social networks, or says
    /// where more news can be found there: `Follow us on Twitter`, `Like us on Facebook`,
    /// `Follow on Facebook and/or on Twitter`, `Follow The Daily Ledger on Instagram` (a name of
    /// up to three capitalised words, as a button: no full stop), `More news on Facebook and Twitter.`,
    /// `Folgen Sie uns auf Instagram`, `Suivez-nous sur Twitter`, `Síguenos en Facebook`,
    /// `Siga-nos no Instagram`, `Seguici su Facebook`, `Подписывайтесь на нас в Telegram`.
    ///
    /// ## Why
    /// A call to action for the publisher's own channels, not part of the article.
    ///
    /// ## Example
    /// ```text
    /// Follow us on Twitter and Facebook
    /// ```
    ///
    /// ## Keeps
    /// Sentences about social networks (`He had followed her on Twitter for years.`).
    pub(crate) static FOLLOW_PROMPT = { id: "follow-prompt", category: Category::Social,
        kind: Kind::Line(&[
            // en
            concat!(r"(?i)^(?:follow|like|find|join|connect\s+with|friend)\s+(?:us|me|[\w.-]+\s+(?:news|magazine))?\s*(?:on|at|via)\s+", networks!(), r"(?:\s*(?:,|and|or|and/or|/|&)\s*(?:on\s+)?", networks!(), r")*(?:\s+for\s+.{1,60})?\s*[.!:]*$"),
            // a handle: "Follow @ExampleNews on Twitter to keep up …"
            // a follow button that names the publisher: a label, so no sentence punctuation
            // (`Follow The Ledger on Facebook, Twitter and Instagram.` can be a story's line)
            concat!(r"(?i)^(?:follow|like)\s+(?-i:\p{Lu})[\w.&'-]*(?:\s+(?-i:\p{Lu})[\w.&'-]*){0,2}\s+on\s+", networks!(), r"(?:\s*(?:,|and|or|/|&)\s*(?:on\s+)?", networks!(), r")*$"),
            concat!(r"(?i)^follow\s+@\w{2,30}\s+on\s+", networks!(), r"\b.{0,120}$"),
            concat!(r"(?i)^(?:more|further|additional|latest|the\s+latest)\s+(?:news|articles|stories|updates|videos?|information)(?:\s+and\s+(?:news|articles|stories|updates|videos?))?\s+(?:can\s+be\s+found|are\s+available|is\s+available)?\s*(?:on|at|via)\s+", networks!(), r"(?:\s*(?:,|and|or|/|&)\s*", networks!(), r")*\s*[.!]*$"),
            concat!(r"(?i)^(?:stay|keep)\s+(?:up\s+to\s+date|updated|in\s+touch|connected)\s+(?:with\s+us\s+)?(?:on|via)\s+", networks!(), r".{0,40}[.!]*$"),
            // de, fr, es, pt, it, ru, id
            concat!(r"(?i)^(?:folgen|folge)\s+(?:sie\s+)?(?:uns|mir)\s+(?:auch\s+)?(?:auf|bei|in)\s+", networks!(), r".{0,40}$"),
            concat!(r"(?i)^(?:suivez|rejoignez)[\s-]*(?:nous)?\s+(?:sur|via)\s+", networks!(), r".{0,40}$"),
            concat!(r"(?i)^(?:s[ií]guenos|seguinos|siga-?nos|sigam-?nos|segue-?nos|curta\s+(?:nossa\s+página\s+)?no|seguici)\s+(?:en|no|na|nas|nos|em|su|sul|on)\s+", networks!(), r".{0,40}$"),
            concat!(r"(?i)^(?:подписывайтесь|подпишитесь|следите\s+за\s+нами|читайте\s+нас)\s+(?:на\s+нас\s+)?(?:в|на)\s+", networks!(), r".{0,40}$"),
            concat!(r"(?i)^(?:ikuti|follow)\s+(?:kami|akun)\s+(?:di|on)\s+", networks!(), r".{0,40}$"),
        ]) };
}

declare_rule! {
    /// ## What it removes
    /// A line that asks the reader to sign up for a newsletter, alerts or a subscription:
    /// `Sign up for our newsletter`, `Subscribe to our daily briefing`, `Get the latest news
    /// delivered to your inbox`, `Newsletter abonnieren`, `Inscrivez-vous à notre newsletter`,
    /// `Suscríbete a nuestro boletín`, `Assine nossa newsletter`, `Iscriviti alla newsletter`,
    /// `Подпишитесь на рассылку`.
    ///
    /// ## Why
    /// A sign-up form's leftover text, printed on every page of the site.
    ///
    /// ## Example
    /// ```text
    /// Sign up for our free daily newsletter
    /// ```
    ///
    /// ## Keeps
    /// Sentences about subscriptions (`Subscribers to the newsletter rose by a third.`).
    pub(crate) static SUBSCRIBE_PROMPT = { id: "subscribe-prompt", category: Category::Social,
        kind: Kind::Line(&[
            // en
            r"(?i)^(?:sign\s+up|subscribe|register|join|opt\s+in)(?:\s+now|\s+today|\s+here)?\s+(?:to|for)\s+(?:our|the|my)\s+(?:free\s+)?(?:daily\s+|weekly\s+|morning\s+|evening\s+|email\s+)?(?:newsletters?|briefings?|bulletins?|digest|alerts?|mailing\s+list|updates)\b.{0,80}$",
            r"(?i)^(?:get|receive|have)\s+(?:the\s+|our\s+)?(?:latest|best|top|breaking)?\s*(?:news|stories|headlines|updates|newsletter)(?:\s+\w+){0,3}\s+(?:delivered|sent)\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox\b.{0,60}$",
            r"(?i)^(?:subscribe|sign\s+up)(?:\s+now|\s+today|\s+here)?\s*[.!:]*$",
            r"(?i)^(?:click|tap)\s+here\s+to\s+(?:subscribe|sign\s+up|register|get\s+(?:the|our)\s+.{0,40}\b(?:app|newsletter))\b.{0,80}$",
            r"(?i)^by\s+(?:subscribing|signing\s+up|registering),?\s+(?:i|you)\s+(?:accept|agree)\b.{0,200}$",
            r"(?i)^subscribe\s+to\s+(?:the\s+|our\s+)?.{0,40}\b(?:youtube\s+channel|podcast|channel)\b.{0,80}$",
            // de
            r"(?i)^(?:(?:jetzt\s+)?(?:den\s+|unseren\s+)?newsletter\s+(?:abonnieren|bestellen)|melden\s+sie\s+sich\s+(?:jetzt\s+)?für\s+(?:unseren|den)\s+newsletter\s+an)\b.{0,60}$",
            // fr
            r"(?i)^(?:inscrivez-vous|abonnez-vous|recevez)\s+(?:gratuitement\s+)?(?:à|a|aux)\s+(?:notre|nos|la)\s+(?:newsletters?|lettres?\s+d'information|alertes?)\b.{0,60}$",
            // es, pt
            r"(?i)^(?:suscr[ií]bete|suscríbase|reg[ií]strate)\s+(?:a|al|en)\s+(?:nuestro|nuestra|nuestros|el|la)\s+(?:newsletter|bolet[ií]n|boletines)\b.{0,60}$",
            r"(?i)^(?:assine|inscreva-se|cadastre-se)\s+(?:na|em|a|no)?\s*(?:nossa|nosso|a|o)\s+(?:newsletter|boletim)\b.{0,60}$",
            // it
            r"(?i)^(?:iscriviti|abbonati)\s+(?:alla|alle|al)\s+(?:nostra\s+)?(?:newsletter|notifiche)\b.{0,60}$",
            // ru
            r"(?i)^(?:подпишитесь|подписывайтесь|подписаться)\s+на\s+(?:нашу\s+)?(?:рассылку|новостную\s+рассылку|newsletter)\b.{0,60}$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn share_prompts() {
        for line in [
            "Share this article",
            "Share on Facebook",
            "Share | Tweet | Email",
            "Facebook Twitter WhatsApp",
            "Facebook Twitter Google+ Whatsapp",
            "Artikel teilen",
            "Partager cet article",
            "Compartir en Twitter",
            "Compartilhar no WhatsApp",
            "Condividi su Facebook",
            "Поделиться в Telegram",
            "Поделиться",
            "Bagikan artikel ini",
            "Share",
        ] {
            assert!(fires("share-prompt", line), "{line}");
        }
    }

    #[test]
    fn sentences_with_share_words_stay() {
        for line in [
            "Share prices fell 4% on Monday.",
            "Share this with a doctor before you start.",
            "Facebook and Twitter were fined.",
            // headings that use the verb (tests/fixtures/social/share-prompt.txt)
            "Compartir en familia",
            "Imprimir en casa",
            "Partager sur place",
        ] {
            assert!(!fires("share-prompt", line), "{line}");
        }
    }

    #[test]
    fn follow_prompts() {
        for line in [
            "Follow us on Twitter",
            "Like us on Facebook",
            "Follow on Facebook and/or on Twitter",
            "Follow The Daily Ledger on Instagram",
            "Like Harbour Radio on Facebook",
            "More news can be found on Facebook and Twitter.",
            "Folgen Sie uns auf Instagram",
            "Suivez-nous sur Twitter",
            "Síguenos en Facebook",
            "Siga-nos no Instagram",
            "Seguici su Facebook",
            "Подписывайтесь на нас в Telegram",
        ] {
            assert!(fires("follow-prompt", line), "{line}");
        }
    }

    #[test]
    fn sentences_about_networks_stay() {
        for line in [
            "He had followed her on Twitter for years.",
            "Follow the money, the prosecutor said on Twitter.",
            "Follow the story on Twitter as it unfolds, she wrote.",
            "Follow Harbour Radio on Facebook and Instagram.",
            "More news outlets joined Facebook in 2010 than in any year before.",
            // a network is a whole word (tests/fixtures/social/follow-prompt.txt)
            "Folgen Sie uns in Xanten durch den Archäologischen Park.",
        ] {
            assert!(!fires("follow-prompt", line), "{line}");
        }
    }

    #[test]
    fn subscribe_prompts() {
        for line in [
            "Sign up for our free daily newsletter",
            "Subscribe to our newsletter",
            "Get the latest news delivered to your inbox",
            "Newsletter abonnieren",
            "Inscrivez-vous à notre newsletter",
            "Suscríbete a nuestro boletín",
            "Assine nossa newsletter",
            "Iscriviti alla newsletter",
            "Подпишитесь на рассылку",
            "Subscribe",
        ] {
            assert!(fires("subscribe-prompt", line), "{line}");
        }
    }

    #[test]
    fn sentences_about_subscriptions_stay() {
        for line in [
            "Subscribers to the newsletter rose by a third.",
            "She signed up for the army in 1990.",
            "Subscribe to a theory of everything and you will be disappointed.",
        ] {
            assert!(!fires("subscribe-prompt", line), "{line}");
        }
    }
}
