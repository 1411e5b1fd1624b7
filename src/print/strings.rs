//! Default strings of the printouts (`themes/default/print/i18n.yaml`, built in),
//! in the handbook's language with French as the fallback.

use std::collections::BTreeMap;

use crate::load::yaml::{self, Yaml};

const PRINT_STRINGS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/themes/default/print/i18n.yaml"
));

pub fn defaults(language: &str) -> BTreeMap<String, String> {
    // The file is part of the binary and covered by tests: a parse error here is a
    // packaging bug, and the printouts then fall back to the strings' keys.
    let Ok(Yaml::Map(langs)) = yaml::parse(PRINT_STRINGS) else {
        return BTreeMap::new();
    };
    crate::load::theme::in_language(&langs, language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key() {
        let fr = defaults("fr");
        let en = defaults("en");
        assert!(fr.contains_key("print_check"));
        assert!(fr["print_check"].contains("{edition}"));
        let Ok(Yaml::Map(langs)) = yaml::parse(PRINT_STRINGS) else {
            panic!("print strings do not parse");
        };
        for (_, table) in langs {
            let Yaml::Map(entries) = table else {
                panic!("not a map")
            };
            assert_eq!(entries.len(), fr.len());
        }
        assert_eq!(en["print_contents"], "Contents");
    }
}
