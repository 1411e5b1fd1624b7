//! Keys nobody asked for: each reported where it is written, with the field its
//! author meant (a typo, another generator's name for it, a stray invisible).

use super::Fields;
use crate::diag::{closest, Diagnostic, LineIndex};
use crate::load::yaml;

impl Fields<'_> {
    /// Reports every key nobody asked for, with the closest known key.
    pub fn finish(mut self, known: &[&str]) -> Vec<Diagnostic> {
        // What Hugo, Zola and Jekyll call fields planblanc has under another name.
        const OTHER_NAMES: &[(&str, &str)] = &[
            ("description", "summary"),
            ("date", "last_reviewed"),
            ("lastmod", "last_reviewed"),
            ("updated", "last_reviewed"),
            ("categories", "tags"),
            ("keywords", "tags"),
            ("author", "owner"),
            ("authors", "owner"),
        ];
        let leftovers: Vec<String> = self
            .entries
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !self.seen.contains(k))
            .collect();
        let mut replaced = Vec::new();
        if leftovers.is_empty() {
            return self.diags;
        }
        // A page may hold thousands of unknown keys: each is placed without a scan.
        let key_lines = yaml::key_lines(self.yaml_text);
        let lines = LineIndex::new(self.source);
        for key in leftovers {
            let renamed = OTHER_NAMES
                .iter()
                .find(|(other, ours)| *other == key && known.contains(ours))
                .map(|(_, ours)| *ours);
            let meant = renamed.or_else(|| closest(&key, known.iter().map(|k| (*k, *k))));
            // Word's French autocorrect puts a no-break space before `:`.
            let odd = key.chars().find(|c| {
                *c == '\u{a0}' || *c == '\u{202f}' || crate::load::text::is_invisible(*c)
            });
            let help = match (renamed, meant) {
                (None, Some(meant)) if odd.is_some() && key.contains(meant) => format!(
                    "`{meant}` is followed by {} ({}), which no keyboard shows: delete it",
                    odd.map(crate::load::text::describe).unwrap_or_default(),
                    odd.map(crate::load::text::name).unwrap_or_default()
                ),
                _ if key == "<<" => {
                    "YAML merge keys are not supported: write each field out".to_string()
                }
                (Some(ours), _) => {
                    format!("planblanc calls this field `{ours}`: move its value there")
                }
                // Only quotes keep spaces in a key: `"title ":`.
                (None, Some(meant)) if key.trim() == meant => {
                    format!("delete the spaces inside the quotes: `{meant}:`")
                }
                (None, Some(meant)) => format!("did you mean `{meant}`?"),
                (None, None) => format!("known fields: {}", known.join(", ")),
            };
            // `sumary:` is the `summary` reported missing: one error, here.
            if let Some((_, at)) = self.missing.iter().find(|(k, _)| Some(k.as_str()) == meant) {
                replaced.push(*at);
            }
            let d = Diagnostic::error(self.file.clone(), format!("unknown field `{key}`"));
            let place = key_lines
                .get(key.as_str())
                .copied()
                .or_else(|| yaml::locate_key(self.yaml_text, &key).map(|(line, _)| (line, 1)));
            let d = match place {
                Some((line, col)) => {
                    let at = lines.offset_of(
                        self.source,
                        line + self.line_offset,
                        col + self.col_offset,
                    );
                    // The caret covers the key as written, quotes included.
                    let quotes = if self.source[at..].starts_with(['"', '\'']) {
                        2
                    } else {
                        0
                    };
                    d.at_offset_indexed(self.source, &lines, at, key.chars().count() + quotes)
                }
                None => d.at(self.source, self.anchor_line, 1, 0),
            };
            self.diags.push(d.help(help));
        }
        let mut index = 0;
        self.diags.retain(|_| {
            index += 1;
            !replaced.contains(&(index - 1))
        });
        self.diags
    }
}
