//! Icon-font and sprite names that an extractor turned into text.

use super::{declare_rule, Category, Kind};

declare_rule! {
    /// ## What it removes
    /// A line made of many icon names glued together, as icon fonts and SVG sprites leave them
    /// when a page is turned into text: `icon bookmark-bicon cameraicon checkicon …`.
    ///
    /// ## Why
    /// These are the names of pictures, not words of the article.
    ///
    /// ## Example
    /// ```text
    /// icon arrow-lefticon arrow-righticon homeicon menuicon searchicon usericon x
    /// ```
    ///
    /// ## Keeps
    /// Prose that mentions icons (`The app icon changed colour.`): the line must hold at least
    /// five tokens that end in `icon`, with at most two other words between them.
    pub(crate) static ICON_FONT_STRING = { id: "icon-font-string", category: Category::Icons,
        kind: Kind::Line(&[
            // any language: five or more glued `…icon` tokens and little else
            r"(?i)^(?:(?:[\w-]+\s+){0,2}[\w-]*icons?(?:\s+|$)){5,}(?:[\w-]+\s*){0,3}$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn glued_icon_names() {
        assert!(fires("icon-font-string", "icon homeicon menuicon searchicon closeicon usericon"));
        assert!(fires(
            "icon-font-string",
            "icon chevron lefticon chevron righticon fbicon twicon mailicon x"
        ));
    }

    #[test]
    fn prose_about_icons_stays() {
        assert!(!fires("icon-font-string", "The icon of the app was redesigned, the company said."));
        assert!(!fires("icon-font-string", "icon icon icon"));
        assert!(!fires("icon-font-string", "Silicon chips, a lexicon and an icon: the silicon era."));
    }
}
