//! Any UTF-8 text as a TOML rule file: parsing may fail but never panics; a file that parses
//! builds a cleaner (parsing promises to reject whatever the cleaner would), and that cleaner
//! cleans the file's own text with the removals describing the deletion exactly.

#![no_main]

use std::path::Path;

use dechaff::{rulefile, Cleaner, Options, Profile};
use dechaff_fuzz::check_cleaned;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(file) = rulefile::parse(Path::new("fuzz.toml"), text) else { return };
    // The file's rules (whatever their profile) and the whitespace tidying, as `--select`
    // would choose them: building every built-in rule's patterns for each input would leave
    // little time for fuzzing. The file's `disable` list is still checked against all names.
    let select = file.rules.iter().map(|r| r.id.clone()).chain(["whitespace".to_owned()]).collect();
    let options = Options {
        profile: Profile::Page,
        select,
        custom: file.rules.clone(),
        ignore: file.disable.clone(),
        ..Options::default()
    };
    let cleaner = match Cleaner::new(&options) {
        Ok(cleaner) => cleaner,
        Err(e) => panic!("a rule file that parses builds no cleaner: {e}\nfile: {file:?}\ntext: {text:?}"),
    };
    let cleaned = cleaner.clean(text);
    if let Err(problem) = check_cleaned(text, &cleaned) {
        panic!("custom rules {:?}: {problem}", file.rules);
    }
});
