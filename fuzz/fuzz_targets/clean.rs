//! Any UTF-8 text, cleaned in every profile: no panic; the removals describe the deletion
//! exactly (see `check_cleaned`); and cleaning the output again changes nothing.

#![no_main]

use dechaff_fuzz::{check_cleaned, cleaners};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    for (profile, cleaner) in cleaners() {
        let cleaned = cleaner.clean(input);
        if let Err(problem) = check_cleaned(input, &cleaned) {
            panic!("profile {profile}: {problem}\ninput: {input:?}");
        }
        let again = cleaner.clean(&cleaned.text);
        if again.text != cleaned.text {
            // The engine gives up after a bounded number of rounds (README, *Idempotence*), so
            // a text built as a long chain of dependent removals may legitimately stay
            // unsettled; each round removes at least one byte, so such a text loses many.
            let removed = input.len() - cleaned.text.len();
            panic!(
                "profile {profile}: cleaning twice changes the text ({removed} bytes removed the \
                 first time)\ninput: {input:?}\n once: {:?}\ntwice: {:?}\nsecond removals: {:?}",
                cleaned.text, again.text, again.removals
            );
        }
    }
});
