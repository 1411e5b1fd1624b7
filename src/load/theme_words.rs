//! A theme's translations, checked against what reads them: a key nothing uses
//! (`skip_lnk` for `skip_link`) changes nothing and says nothing, and a key the
//! theme gives in French only shows French in an English handbook.

use std::collections::BTreeSet;
use std::path::Path;

use super::yaml::Yaml;
use crate::diag::{closest, Diagnostic};

/// Warnings on the theme's own translation file `shown` (`langs` as parsed from
/// `text`): keys neither the default theme (`defaults`) nor any template (`used`)
/// knows, and, for a handbook in another language than French, keys of the
/// theme's own given only in French (the default theme translates its own).
pub fn check(
    shown: &Path,
    text: &str,
    langs: &[(String, Yaml)],
    defaults: &BTreeSet<String>,
    used: &BTreeSet<String>,
    language: &str,
) -> Vec<Diagnostic> {
    let known: BTreeSet<&String> = defaults.union(used).collect();
    let mut warnings = Vec::new();
    let keys_of = |lang: &str| -> BTreeSet<&str> {
        let table = langs.iter().find(|(l, _)| l == lang).map(|(_, t)| t);
        match table {
            Some(Yaml::Map(entries)) => entries.iter().map(|(k, _)| k.as_str()).collect(),
            _ => BTreeSet::new(),
        }
    };
    for (lang, _) in langs {
        for key in keys_of(lang) {
            if known.contains(&key.to_string()) {
                continue;
            }
            let near = closest(key, known.iter().map(|k| (k.as_str(), k.as_str())));
            let d = Diagnostic::warning(
                shown,
                format!("`{lang}.{key}` translates nothing: no template writes `t.{key}`"),
            )
            .help(match near {
                Some(k) => format!("did you mean `{k}`?"),
                None => {
                    format!("write `{{{{ t.{key} }}}}` where a template shows it, or remove it")
                }
            });
            warnings.push(at_line(d, text, key));
        }
    }
    if language != "fr" {
        let translated = keys_of(language);
        for key in keys_of("fr").difference(&translated) {
            if used.contains(*key) && !defaults.contains(*key) {
                let d = Diagnostic::warning(
                    shown,
                    format!("`{key}` is given in French only: this {language} handbook shows it in French"),
                )
                .help(format!("add `{key}: …` under `{language}:`"));
                warnings.push(at_line(d, text, key));
            }
        }
    }
    warnings
}

/// Every `t.<key>` a template writes.
pub fn used_keys(source: &str) -> impl Iterator<Item = &str> {
    let bytes = source.as_bytes();
    source.match_indices("t.").filter_map(move |(at, _)| {
        let starts = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let len = bytes[at + 2..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
            .count();
        (starts && len > 0).then(|| &source[at + 2..at + 2 + len])
    })
}

/// `d` at the first line that writes `key:`, at the top or indented under a
/// language.
pub(super) fn at_line(d: Diagnostic, text: &str, key: &str) -> Diagnostic {
    let indented = text.lines().map(|l| l.trim_start()).position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    match indented {
        Some(i) => {
            let line = text.lines().nth(i).unwrap_or_default();
            let col = line.len() - line.trim_start().len() + 1;
            d.at(text, i + 1, col, key.chars().count())
        }
        None => d,
    }
}

/// The keys of a translation file's languages.
pub fn keys(langs: &[(String, Yaml)]) -> impl Iterator<Item = String> + '_ {
    langs.iter().flat_map(|(_, table)| match table {
        Yaml::Map(entries) => entries.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_keys_templates_write() {
        let src =
            "{{ t.home }} <a title=\"{{ t.skip_link | upper }}\">{{ site.t }}{{ m::ref(x=t.see) }}";
        let keys: Vec<_> = used_keys(src).collect();
        assert_eq!(keys, ["home", "skip_link", "see"]);
    }

    #[test]
    fn warns_of_typos_and_of_french_only_keys() {
        let text = "fr:\n  skip_lnk: \"Aller\"\n  hospital: \"CHU\"\nen:\n  home: \"Home\"\n";
        let Ok(Yaml::Map(langs)) = crate::load::yaml::parse(text) else {
            panic!()
        };
        let defaults: BTreeSet<String> = ["skip_link", "home"].map(String::from).into();
        let used: BTreeSet<String> = ["home", "hospital"].map(String::from).into();
        let said = check(Path::new("i18n.yaml"), text, &langs, &defaults, &used, "en");
        let messages: Vec<_> = said.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    2,
                    "`fr.skip_lnk` translates nothing: no template writes `t.skip_lnk`"
                ),
                (
                    3,
                    "`hospital` is given in French only: this en handbook shows it in French"
                ),
            ]
        );
        assert_eq!(said[0].help.as_deref(), Some("did you mean `skip_link`?"));
        assert!(check(Path::new("i18n.yaml"), text, &langs, &defaults, &used, "fr").len() == 1);
    }
}
