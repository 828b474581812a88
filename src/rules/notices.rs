//! Notices from the page's machinery: cookie banners, script and player messages, skip links.

use super::{declare_rule, Category, Kind};

declare_rule! {
    /// ## What it removes
    /// A cookie or consent banner's sentence, recognised by how such banners open: `We use
    /// cookies to …`, `This website uses cookies …`, `By continuing to browse the site you agree
    /// to our use of cookies`, `Accept all cookies`, `Cookie settings`, `Wir verwenden Cookies`,
    /// `Nous utilisons des cookies`, `Este sitio utiliza cookies`, `Utilizamos cookies`,
    /// `Questo sito utilizza i cookie`, `Мы используем файлы cookie`, `Situs ini menggunakan
    /// cookie`.
    ///
    /// ## Why
    /// A consent banner is printed on every page of a site; it is never the article.
    ///
    /// ## Example
    /// ```text
    /// We use cookies to give you the best experience. By using this site you accept our use of cookies.
    /// ```
    ///
    /// ## Keeps
    /// Articles about cookies or privacy law (`The court ruled that cookie banners must offer a
    /// reject button.`): the line must open like a banner, not merely mention cookies.
    pub(crate) static COOKIE_NOTICE = { id: "cookie-notice", category: Category::Notices,
        kind: Kind::Line(&[
            // en
            // the bare statement, or one that speaks of the visitor's experience or consent
            r"(?i)^(?:we|this\s+(?:web)?site|our\s+(?:web)?site|this\s+website)\s+(?:uses?|places?|stores?)\s+cookies(?:\s+and\s+similar\s+technologies)?\s*[.!]?$",
            r"(?i)^(?:we|this\s+(?:web)?site|our\s+(?:web)?site|this\s+website)\s+(?:uses?|places?|stores?)\s+cookies\b.{0,200}\b(?:experience|our\s+(?:web)?site|this\s+(?:web)?site|browsing|consent|accept|agree|cookie\s+policy|privacy\s+policy|settings|personali[sz]\w*|analytics|advertising|our\s+services)\b.{0,200}$",
            r"(?i)^by\s+(?:continuing\s+to\s+)?(?:using|browsing|use|browse|visiting|clicking)\b.{0,120}\b(?:cookies|privacy\s+policy|terms\s+of\s+(?:use|service))\b.{0,200}$",
            r"(?i)^(?:accept|allow|reject|decline|manage)\s+(?:all\s+)?(?:cookies|cookie\s+settings)\s*[.!]?$|^(?:cookie|privacy)\s+(?:settings|preferences|policy|notice|consent)\s*[.!]?$",
            // de
            r"(?i)^(?:wir\s+(?:verwenden|nutzen)|diese\s+(?:web)?seite\s+(?:verwendet|nutzt)|diese\s+website\s+(?:verwendet|nutzt))\s+cookies\b.{0,400}$",
            // fr
            r"(?i)^(?:nous\s+utilisons|ce\s+site\s+(?:web\s+)?utilise)\s+des\s+cookies\b.{0,400}$",
            r"(?i)^en\s+poursuivant\s+votre\s+navigation\b.{0,300}\bcookies\b.{0,200}$",
            // es, pt
            r"(?i)^(?:utilizamos|usamos|este\s+(?:sitio|site|portal)(?:\s+web)?\s+(?:utiliza|usa))\s+cookies\b.{0,400}$",
            r"(?i)^(?:ao|al)\s+(?:continuar|navegar|seguir)\b.{0,120}\bcookies\b.{0,200}$",
            // it
            r"(?i)^(?:utilizziamo|usiamo|questo\s+sito\s+(?:web\s+)?(?:utilizza|usa))\s+(?:i\s+)?cookie\b.{0,400}$",
            // ru, id
            r"(?i)^(?:мы\s+используем|этот\s+сайт\s+использует|сайт\s+использует)\s+(?:файлы\s+)?cookie\b.{0,400}$",
            r"(?i)^(?:situs\s+ini|kami)\s+menggunakan\s+cookie\b.{0,400}$",
        ]) };
}

declare_rule! {
    /// ## What it removes
    /// A message that a script, player or browser feature is missing: `This slideshow requires
    /// JavaScript.`, `Please enable JavaScript to view the comments`, `Your browser does not
    /// support the video tag.`, `To view this video please enable JavaScript`, `JavaScript is
    /// disabled`, `Bitte aktivieren Sie JavaScript`, `Activez JavaScript`, `Activa JavaScript`.
    ///
    /// ## Why
    /// It describes the scraper's browser, not the article.
    ///
    /// ## Example
    /// ```text
    /// This slideshow requires JavaScript.
    /// ```
    ///
    /// ## Keeps
    /// Sentences about JavaScript as a subject (`JavaScript is the most used language.`).
    pub(crate) static SCRIPT_NOTICE = { id: "script-notice", category: Category::Notices,
        kind: Kind::Line(&[
            // en
            r"(?i)^(?:this|the)\s+(?:slideshow|gallery|video|content|page|feature|player|site|interactive)\s+requires\s+(?:javascript|flash|a\s+(?:modern|newer)\s+browser)\b.{0,120}$",
            r"(?i)^(?:please\s+)?(?:enable|turn\s+on|activate|allow)\s+javascript(?:\s*[.!]?$|\s+(?:to|in\s+your|for\s+this|and\s+(?:reload|refresh|try))\b.{0,160}$)",
            r"(?i)^(?:to\s+(?:view|watch|see|play)\s+this\s+(?:video|content|gallery|media)|you\s+(?:need|must)\s+(?:to\s+)?(?:enable|have)\s+javascript)\b.{0,200}$",
            r"(?i)^javascript\s+(?:is\s+)?(?:disabled|required|not\s+enabled)(?:\s+(?:in|on)\s+your\s+browser|\s+(?:for|on)\s+this\s+(?:site|page))?\s*[.!]?$",
            r"(?i)^your\s+browser\s+(?:does\s+not|doesn't)\s+support\s+(?:the\s+)?(?:video|audio|html5|iframes?|javascript|this)\b.{0,200}$",
            // de, fr, es, pt, it, ru
            r"(?i)^(?:bitte\s+aktivieren\s+sie\s+javascript|activez\s+javascript|veuillez\s+activer\s+javascript|activa\s+javascript|habilite\s+o\s+javascript|ative\s+o\s+javascript|abilita\s+javascript|включите\s+javascript)\b.{0,160}$",
        ]) };
}

declare_rule! {
    /// ## What it removes
    /// The label of a page control left as a line of its own: `Skip to main content`,
    /// `Back to top`, `Toggle navigation`, `Loading…`, `Show more`, `Watch video`, `Now
    /// playing`, `Hide caption`, `Enlarge image`, `Zum Inhalt springen`, `Nach oben`, `Aller au
    /// contenu`, `Retour en haut`, `Ir al contenido`, `Voltar ao topo`, `Torna su`, `Наверх`,
    /// `Kembali ke atas`.
    ///
    /// ## Why
    /// Buttons and links of the page's interface; without the interface they mean nothing.
    ///
    /// ## Example
    /// ```text
    /// Skip to main content
    /// ```
    ///
    /// ## Keeps
    /// Longer lines that use the words in a sentence (`Back to top form, she won in straight
    /// sets.`).
    pub(crate) static CONTROL_LABEL = { id: "control-label", category: Category::Notices,
        kind: Kind::Line(&[
            // en
            r"(?i)^[«‹<←↑]?\s*(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|search)|skip\s+navigation|jump\s+to\s+(?:content|navigation|comments)|back\s+to\s+top|return\s+to\s+top|top\s+of\s+page|toggle\s+(?:navigation|menu|caption)|open\s+(?:menu|navigation|search)|close\s+(?:menu|navigation|search|caption|video)|main\s+menu|loading(?:\s+content)?|(?:show|load|view|see)\s+more(?:\s+(?:stories|articles|news|results|comments))?|show\s+less|(?:watch|play)\s+(?:the\s+)?video|watch\s+now|now\s+playing|replay|(?:hide|show)\s+caption|enlarge\s+(?:this\s+)?image|view\s+(?:full\s+)?(?:gallery|slideshow|image)|full\s*screen|(?:un)?mute|print\s+this\s+page)\s*[.…!»›→↑]*$",
            // de, fr, es, pt, it, ru, id
            r"(?i)^[«‹<←↑]?\s*(?:zum\s+inhalt\s+springen|zur\s+navigation\s+springen|nach\s+oben|mehr\s+anzeigen|wird\s+geladen|aller\s+au\s+contenu(?:\s+principal)?|retour\s+en\s+haut(?:\s+de\s+(?:la\s+)?page)?|chargement|voir\s+plus|ir\s+al\s+contenido(?:\s+principal)?|volver\s+arriba|cargando|ver\s+más|ir\s+para\s+o\s+conte[úu]do(?:\s+principal)?|voltar\s+ao\s+topo|carregando|ver\s+mais|vai\s+al\s+contenuto(?:\s+principale)?|torna\s+su|caricamento|mostra\s+(?:di\s+)?più|перейти\s+к\s+содержанию|наверх|загрузка|показать\s+(?:ещ[её]|больше)|kembali\s+ke\s+atas|memuat|lihat\s+(?:lebih\s+banyak|selengkapnya))\s*[.…!»›→↑]*$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn cookie_banners() {
        for line in [
            "We use cookies to give you the best experience on our website.",
            "This website uses cookies.",
            "By continuing to browse the site you are agreeing to our use of cookies.",
            "Accept all cookies",
            "Cookie settings",
            "Wir verwenden Cookies, um Inhalte zu personalisieren.",
            "Nous utilisons des cookies pour améliorer votre expérience.",
            "Este sitio web utiliza cookies propias y de terceros.",
            "Utilizamos cookies para melhorar a sua experiência.",
            "Questo sito utilizza i cookie.",
            "Мы используем файлы cookie.",
        ] {
            assert!(fires("cookie-notice", line), "{line}");
        }
        for line in [
            "The court ruled that cookie banners must offer a reject button.",
            "Cookies are small files that websites store, the regulator said.",
            "We use cookies as a reward for the dog, she laughed.",
            "We use cookies to track users, the report found.",
            "This website uses cookies to bake bread, the baker joked.",
        ] {
            assert!(!fires("cookie-notice", line), "{line}");
        }
    }

    #[test]
    fn script_notices() {
        for line in ["This slideshow requires JavaScript.", "Please enable JavaScript to view the comments powered by Disqus.", "Your browser does not support the video tag.", "To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video"] {
            assert!(fires("script-notice", line), "{line}");
        }
        for line in [
            "JavaScript is the most used language on the web.",
            "The team had to enable JavaScript-free pages for the app.",
            "Please enable JavaScript, the error message said, but the site still failed.",
            "JavaScript is disabled in the browser by default, the researchers found.",
        ] {
            assert!(!fires("script-notice", line), "{line}");
        }
    }

    #[test]
    fn control_labels() {
        for line in [
            "Skip to main content",
            "Back to top",
            "Toggle navigation",
            "Loading...",
            "Show more",
            "Watch video",
            "Zum Inhalt springen",
            "Retour en haut de la page",
            "Voltar ao topo",
            "Наверх",
        ] {
            assert!(fires("control-label", line), "{line}");
        }
        for line in [
            "Back to top form, she won in straight sets.",
            "Loading the ship took three days.",
            "Show more compassion, the bishop urged.",
        ] {
            assert!(!fires("control-label", line), "{line}");
        }
    }
}
