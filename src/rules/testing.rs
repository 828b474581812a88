//! Helpers for the rules' unit tests.

use crate::engine::Cleaner;

/// Whether rule `id`, run alone, removes anything from `text`.
pub(crate) fn fires(id: &str, text: &str) -> bool {
    let rule = super::find(id).unwrap_or_else(|| panic!("no rule `{id}`"));
    let cleaner = Cleaner::from_rules(&[rule]).expect("built-in rules compile");
    cleaner.clean(text).removals.iter().any(|r| &*r.rule == id)
}

/// What `text` becomes when rule `id` runs alone.
pub(crate) fn cleaned(id: &str, text: &str) -> String {
    let rule = super::find(id).unwrap_or_else(|| panic!("no rule `{id}`"));
    Cleaner::from_rules(&[rule]).expect("built-in rules compile").clean(text).text
}

/// What `text` becomes with the default profile's rules.
pub(crate) fn cleaned_by_default(text: &str) -> String {
    Cleaner::new(&crate::engine::Options::default()).expect("built-in rules compile").clean(text).text
}
