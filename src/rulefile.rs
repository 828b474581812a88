//! Rule files: rules written as TOML data, and built-in rules switched off by id.
//!
//! ```toml
//! # Built-in rules or categories to switch off.
//! disable = ["repeated-line"]
//!
//! [[rule]]
//! id = "newsletter-box"
//! category = "social"             # built-in or new; for --select and --ignore
//! kind = "line"                   # line (whole lines) or span (cut out of a line)
//! patterns = ['(?i)^get our .{0,40} newsletter$']
//! region = "tail"                 # anywhere (default), head or tail
//! profile = "safe"                # safe (default), article or page
//! ```
//!
//! Parsing validates everything a [`crate::Cleaner`] would reject later, and says where: the
//! file, the line, and what is wrong (the regex compiler's own message for a bad pattern).

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::engine::{suggest, CustomRule};
use crate::error::Error;
use crate::rules::{self, Category, Profile, Region};

/// What one rule file says.
///
/// ```
/// use std::path::Path;
///
/// let text = "disable = [\"repeated-line\"]\n[[rule]]\nid = \"promo-code\"\ncategory = \"ads\"\npatterns = ['^Use code \\w+$']\n";
/// let file = dechaff::rulefile::parse(Path::new("house.toml"), text).unwrap();
/// assert_eq!(file.rules[0].id, "promo-code");
/// assert_eq!(file.disable, ["repeated-line"]);
///
/// let bad = dechaff::rulefile::parse(Path::new("house.toml"), "[[rule]]\nid = \"x\"\n").unwrap_err();
/// assert!(bad.to_string().starts_with("`house.toml`:1: "), "{bad}");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleFile {
    /// The rules it adds.
    pub rules: Vec<CustomRule>,
    /// Built-in rule ids or category names it switches off.
    pub disable: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    category: Spanned<String>,
    #[serde(default = "default_kind")]
    kind: Spanned<String>,
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    region: Option<Spanned<String>>,
    #[serde(default)]
    profile: Option<Spanned<String>>,
    /// Free text for people reading the file; dechaff does not use it.
    #[serde(default)]
    #[allow(dead_code, reason = "documentation for readers of the file")]
    doc: Option<String>,
}

fn default_kind() -> Spanned<String> {
    Spanned::new(0..0, String::from("line"))
}

/// Parses and validates a rule file's text; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<RuleFile, Error> {
    let at = |span: Range<usize>, message: String| Error::RuleFile {
        path: path.to_path_buf(),
        line: 1 + text[..span.start.min(text.len())].matches('\n').count(),
        message,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        at(span, e.message().to_owned())
    })?;
    let builtin: Vec<&str> =
        rules::ALL.iter().map(|r| r.id).chain(Category::ALL.iter().map(|c| c.name())).collect();
    let mut out = RuleFile::default();
    for name in raw.disable {
        if !builtin.contains(&name.get_ref().as_str()) {
            let hint = suggest(name.get_ref(), &builtin)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(at(
                name.span(),
                format!("`disable` names no built-in rule or category `{}`{hint}", name.get_ref()),
            ));
        }
        out.disable.push(name.into_inner());
    }
    for rule in raw.rule {
        let span = rule.span();
        let rule = rule.into_inner();
        let custom = validate(rule, &builtin, &out.rules)
            .map_err(|(s, m)| at(if s.is_empty() { span.clone() } else { s }, m))?;
        out.rules.push(custom);
    }
    Ok(out)
}

/// Checks one rule; on failure, the span to blame and the message.
fn validate(
    rule: RawRule,
    builtin: &[&str],
    earlier: &[CustomRule],
) -> Result<CustomRule, (Range<usize>, String)> {
    let id = rule.id.get_ref();
    if !is_kebab(id) {
        return Err((rule.id.span(), format!("rule id `{id}` is not kebab-case (like `my-rule`)")));
    }
    if builtin.contains(&id.as_str()) || earlier.iter().any(|r| &r.id == id) {
        return Err((rule.id.span(), format!("rule id `{id}` is already taken")));
    }
    if !is_kebab(rule.category.get_ref()) {
        return Err((
            rule.category.span(),
            format!("category `{}` is not kebab-case", rule.category.get_ref()),
        ));
    }
    let span = match rule.kind.get_ref().as_str() {
        "line" => false,
        "span" => true,
        other => return Err((rule.kind.span(), format!("`kind` must be `line` or `span`, not `{other}`"))),
    };
    let region = match rule.region.as_ref().map(|r| (r.span(), r.get_ref().as_str())) {
        None | Some((_, "anywhere")) => Region::Anywhere,
        Some((_, "head")) => Region::Head,
        Some((_, "tail")) => Region::Tail,
        Some((s, other)) => {
            return Err((s, format!("`region` must be `anywhere`, `head` or `tail`, not `{other}`")))
        }
    };
    let profile = match rule.profile.as_ref().map(|p| (p.span(), p.get_ref().as_str())) {
        None => Profile::Safe,
        Some((s, name)) => Profile::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or((s, format!("`profile` must be `safe`, `article` or `page`, not `{name}`")))?,
    };
    if rule.patterns.is_empty() {
        return Err((rule.id.span(), format!("rule `{id}` has no patterns")));
    }
    for p in &rule.patterns {
        if let Err(e) = regex::Regex::new(p.get_ref()) {
            return Err((p.span(), format!("rule `{id}` has a bad pattern:\n{e}")));
        }
    }
    Ok(CustomRule {
        id: id.clone(),
        category: rule.category.into_inner(),
        span,
        patterns: rule.patterns.into_iter().map(Spanned::into_inner).collect(),
        region,
        profile,
    })
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<RuleFile, String> {
        parse(Path::new("r.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_full_rule() {
        let file = parse_str(
            "disable = [\"repeated-line\"]\n[[rule]]\nid = \"promo-box\"\ncategory = \"promos\"\nkind = \"span\"\npatterns = ['(?i)promo']\nregion = \"tail\"\nprofile = \"article\"\n",
        )
        .unwrap();
        assert_eq!(file.disable, ["repeated-line"]);
        assert_eq!(
            file.rules,
            [CustomRule {
                id: "promo-box".into(),
                category: "promos".into(),
                span: true,
                patterns: vec!["(?i)promo".into()],
                region: Region::Tail,
                profile: Profile::Article,
            }]
        );
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse_str("[[rule]]\nid = \"x\"\ncategory = \"c\"\npatterns = ['(unclosed']\n").unwrap_err();
        assert!(e.starts_with("`r.toml`:4: rule `x` has a bad pattern"), "{e}");
        let e = parse_str("disable = [\"veiw-counter\"]\n").unwrap_err();
        assert!(e.contains("did you mean `view-counter`"), "{e}");
        let e =
            parse_str("[[rule]]\nid = \"view-counter\"\ncategory = \"c\"\npatterns = ['x']\n").unwrap_err();
        assert!(e.contains("already taken"), "{e}");
        let e = parse_str("[[rule]]\nid = \"Bad_Id\"\ncategory = \"c\"\npatterns = ['x']\n").unwrap_err();
        assert!(e.starts_with("`r.toml`:2:"), "{e}");
        let e = parse_str("[[rule]]\nid = \"a\"\ncategory = \"c\"\npatterns = ['x']\nregion = \"middle\"\n")
            .unwrap_err();
        assert!(e.contains("`region` must be"), "{e}");
        let e =
            parse_str("[[rule]]\nid = \"a\"\ncategory = \"c\"\npatterns = ['x']\ncolour = 1\n").unwrap_err();
        assert!(e.contains("unknown field"), "{e}");
    }

    #[test]
    fn custom_rules_run_and_can_be_ignored() {
        let file =
            parse_str("[[rule]]\nid = \"promo-line\"\ncategory = \"promos\"\npatterns = ['^PROMO .*$']\n")
                .unwrap();
        let options = crate::Options { custom: file.rules.clone(), ..Default::default() };
        let cleaner = crate::Cleaner::new(&options).unwrap();
        let out = cleaner.clean("Body.\nPROMO buy now\n");
        assert_eq!(out.text, "Body.\n");
        assert_eq!(&*out.removals[0].rule, "promo-line");
        let options =
            crate::Options { custom: file.rules, ignore: vec!["promos".into()], ..Default::default() };
        assert_eq!(crate::Cleaner::new(&options).unwrap().clean("PROMO x\n").text, "PROMO x\n");
    }
}
