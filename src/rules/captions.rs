//! Photo captions and credits.

use super::{declare_rule, Category, Kind, Profile};

declare_rule! {
    /// ## What it removes
    /// A line that credits or labels a picture: `Image copyright Getty Images`, `Image caption
    /// The minister arrives in Brussels`, `Photo: Jane Roe / AP`, `Foto: dpa`, `Bild: Keystone`,
    /// `Crédito: Reuters`, `Фото: ТАСС`, `사진=연합뉴스`, or a credit alone (`AFP/Getty Images`,
    /// `Jane Roe/Reuters`).
    ///
    /// ## Why
    /// Captions and credits belong to pictures the text no longer has; an article body leaves
    /// them out.
    ///
    /// ## Example
    /// ```text
    /// Photo: Jane Roe / AP
    /// ```
    ///
    /// ## Keeps
    /// Sentences about photos (`Photo agencies lost 30% of their income.`).
    pub(crate) static PHOTO_CREDIT = { id: "photo-credit", category: Category::Captions,
        kind: Kind::Line(&[
            // en labels that run straight into the caption or credit
            r"(?i)^(?:image\s+copyright|image\s+caption|media\s+caption|photo\s+credit|image\s+credit|picture\s+credit)\b.{0,300}$",
            // a label with a separator, then a short credit: en, de, fr, es, pt, it, ru, ko, ja
            r"(?i)^(?:photos?|photograph|pictures?|images?|credits?|illustration|foto|fotos|fotografia|bild|bildquelle|crédit|crédito|фото|사진|写真)\s*(?::|=|/|©|\||–|—|\bby\b|\bvon\b|\bpor\b|\bpar\b|\bdi\b|\boleh\b)\s*\S.{0,80}$",
            // a credit alone: two agencies (EPA/EFE), or names of which one side has two words
            // or more (Jane Roe/Reuters, AFP/Getty Images, AP Photo/Jane Roe); two single words
            // are more often a heading in two languages (`PREAMBLE / PRÉAMBULE`)
            r"^\p{Lu}{2,6}\s?/\s?\p{Lu}{2,6}$",
            r"^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}\s?/\s?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s?/\s?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?$",
            r"^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s?/\s?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}(?:\s?/\s?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?$",
            r"(?i)^(?:getty\s+images|(?:afp|ap|epa|reuters|ap\s+photo|afp\s+photo)(?:\s*(?:/|via)\s*getty\s+images)?|shutterstock|istock(?:photo)?|alamy(?:\s+stock\s+photo)?|dpa|picture\s+alliance)\s*\.?$",
            // a caption ending in an agency credit: "… on Monday. REUTERS/Jane Roe"
            r"^.{10,400}(?:\(|\s)(?:REUTERS|AP\s+Photo|AFP\s+PHOTO|EPA|EPA-EFE)\s*/\s*[\p{L} .'’-]{2,60}\)?$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// A caption line that archive pictures carry: `FILE PHOTO: …`, `File photo: …`,
    /// `Archivbild: …`, `Foto de archivo: …`, `Foto de arquivo: …`, `Photo d'archives : …`.
    ///
    /// ## Why
    /// The caption of a picture, not part of the story.
    ///
    /// ## Example
    /// ```text
    /// FILE PHOTO: A man walks past the central bank in Frankfurt, Germany, March 3, 2019.
    /// ```
    pub(crate) static FILE_PHOTO = { id: "file-photo", category: Category::Captions,
        kind: Kind::Line(&[
            // en, de, es, pt, fr
            r"(?i)^(?:file\s+photo|archivbild|archivfoto|foto\s+de\s+archivo|foto\s+de\s+arquivo|photo\s+d'archives?)\s*[:\-–—]\s*\S.{0,400}$",
        ]),
        profile: Profile::Article };
}

declare_rule! {
    /// ## What it removes
    /// The position counter of a photo gallery: `1 of 12`, `Photo 3/10`, `Bild 2 von 5`,
    /// `Foto 4 de 9`, `Фото 1 из 7`.
    ///
    /// ## Why
    /// The gallery's navigation; the pictures are gone.
    ///
    /// ## Example
    /// ```text
    /// Photo 3 of 10
    /// ```
    pub(crate) static GALLERY_COUNTER = { id: "gallery-counter", category: Category::Captions,
        kind: Kind::Line(&[
            // en, de, es, pt, fr, it, ru
            r"(?i)^(?:(?:image|photo|slide|picture|foto|bild|imagen|imagem|фото)\s+)?\d{1,3}\s*(?:/|of|von|de|di|sur|из)\s*\d{1,3}$",
        ]) };
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    #[test]
    fn credits() {
        for line in [
            "Image copyright Getty Images",
            "Image caption The minister arrives in Brussels",
            "Photo: Jane Roe / AP",
            "Foto: dpa",
            "Crédito: Reuters",
            "Фото: ТАСС",
            "사진=연합뉴스",
            "AFP/Getty Images",
            "Jane Roe/Reuters",
            "Getty Images",
            "Protesters gather outside parliament on Monday. REUTERS/Jane Roe",
        ] {
            assert!(fires("photo-credit", line), "{line}");
        }
        for line in [
            "Photo agencies lost 30% of their income.",
            "Pictures of the event spread quickly.",
            "Source: the ministry said it would act",
            "Reuters reported the deal on Monday.",
        ] {
            assert!(!fires("photo-credit", line), "{line}");
        }
    }

    #[test]
    fn file_photos_and_galleries() {
        assert!(fires("file-photo", "FILE PHOTO: A man walks past the central bank in Frankfurt."));
        assert!(!fires("file-photo", "File photos were used by the prosecution."));
        for line in ["1 of 12", "Photo 3/10", "Bild 2 von 5", "Фото 1 из 7"] {
            assert!(fires("gallery-counter", line), "{line}");
        }
        assert!(!fires("gallery-counter", "1 of 12 jurors dissented"));
    }
}
