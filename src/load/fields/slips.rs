//! What YAML reads otherwise than its author meant: an invisible or control
//! character, text after ` #` taken for a comment, a `!tag` before a value.

use super::Fields;
use crate::diag::Diagnostic;

impl Fields<'_> {
    /// A control character (`"\u0000"` in YAML) would be written into the page as
    /// it is: an error. An invisible one is pasted by accident, and a symbol
    /// font's (Word's Wingdings arrow) shows as an empty box: warnings.
    pub(super) fn check_characters(&mut self, key: &str, value: &str) {
        let control = value
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        if let Some(c) = control {
            let message = format!(
                "`{key}` holds the control character {}",
                crate::load::text::describe(c)
            );
            self.error_at_key(
                key,
                message,
                Some("delete it: it is invisible and has no place in a page".into()),
            );
        } else if let Some((_, c, _)) = crate::load::text::invisibles(value) {
            let message = format!(
                "`{key}` holds the invisible character {} ({})",
                crate::load::text::describe(c),
                crate::load::text::name(c)
            );
            let help = crate::load::text::invisible_help(c);
            self.warning_at_key(key, message, Some(help.into()));
        } else if let Some(c) = value
            .chars()
            .find(|c| crate::load::text::is_private_use(*c))
        {
            let message = format!(
                "`{key}` holds U+{:04X}, a symbol-font character: an empty box in browsers and on paper",
                u32::from(c)
            );
            let help = crate::load::text::SYMBOL_FONT_HELP;
            self.warning_at_key(key, message, Some(help.into()));
        }
    }

    /// Warns when YAML took text of `key`'s line for a comment: `title: Appeler le
    /// #1` keeps "Appeler le", `tags: #urgent` keeps nothing. A `#` followed by a
    /// space is taken for the comment it usually is; quoted values keep their `#`.
    pub fn warn_comment(&mut self, key: &str) {
        let Some(value) = self.line_value(key) else {
            return;
        };
        let value = value.trim_end();
        if value.starts_with(['"', '\'', '[', '{', '|', '>']) {
            return;
        }
        let hash = if value.starts_with('#') {
            Some(0)
        } else {
            value.find(" #").map(|i| i + 1)
        };
        let Some(at) = hash else {
            return;
        };
        let kept = value[..at].trim();
        if !kept.is_empty() && value[at + 1..].starts_with([' ', '\t']) {
            return;
        }
        let message = if kept.is_empty() {
            format!(
                "`{key}` is empty: YAML reads `{}` as a comment",
                &value[at..]
            )
        } else {
            format!(
                "`{key}` stops at `{kept}`: YAML reads `{}` as a comment",
                &value[at..]
            )
        };
        let help = format!(
            "quote the value: `{key}: \"{}\"`",
            value.replace('"', "\\\"")
        );
        self.warning_at_key(key, message, Some(help));
    }

    /// Warns at each YAML tag (`!include x`, `!!binary …`): planblanc reads none,
    /// so the value is the text after it, which is not what its author meant.
    pub fn warn_tags(&mut self) {
        let mut found = Vec::new();
        for (i, line) in self.yaml_text.lines().enumerate() {
            let trimmed = line.trim_start();
            let value_at = if let Some(rest) = trimmed.strip_prefix("- ") {
                line.len() - rest.len()
            } else if let Some((key, _)) = line.split_once(": ") {
                key.len() + 2
            } else {
                continue;
            };
            let value = line[value_at..].trim_start();
            if let Some(tag) = value
                .strip_prefix('!')
                .map(|t| t.split_whitespace().next().unwrap_or_default())
            {
                let col = line[..line.len() - value.len()].chars().count() + 1;
                found.push((i + 1, col, format!("!{tag}")));
            }
        }
        for (line, col, tag) in found {
            let d = Diagnostic::warning(
                self.file.clone(),
                format!("YAML tag `{tag}` is not read: the value is the text after it"),
            )
            .at(
                self.source,
                line + self.line_offset,
                col + self.col_offset,
                tag.chars().count(),
            )
            .help("remove the tag and write the value itself (planblanc includes no file)");
            self.diags.push(d);
        }
    }
}
