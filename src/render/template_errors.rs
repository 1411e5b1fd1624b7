//! A template error Tera meets while rendering, as a diagnostic at the theme file
//! and line that cause it. Tera names the template and what it could not find (a
//! variable, a filter, a macro, another template) but no place: the place is the
//! tag where that name is written.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::theme::{built_in_file, Template, Theme};

/// What a render error says, its templates, and a fix when one is known.
#[derive(Debug)]
pub struct TemplateError {
    /// The template rendered: the error is in it or in one it extends.
    pub template: String,
    pub parents: Vec<String>,
    pub message: String,
    pub help: Option<String>,
    /// Text of the templates' markup the error is about, when it is not a name
    /// in a tag (an address the theme writes).
    pub markup: Option<String>,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template `{}`: {}", self.template, self.message)?;
        if !self.parents.is_empty() {
            let names: Vec<String> = self.parents.iter().map(|p| format!("`{p}`")).collect();
            write!(f, " (in it or in {}, which it extends)", names.join(", "))?;
        }
        Ok(())
    }
}

impl TemplateError {
    /// Tera's error, in plain words: its chain of causes without the "Failed to
    /// render" and "while rendering" parts that only repeat the template's name.
    pub fn new(template: &str, parents: Vec<String>, e: &tera::Error) -> TemplateError {
        let mut parts = vec![e.to_string()];
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            parts.push(s.to_string());
            source = s.source();
        }
        let said: Vec<String> = parts
            .iter()
            .filter(|p| !p.starts_with("Failed to render "))
            .map(|p| match p.find(" while rendering '") {
                Some(i) => p[..i].to_string(),
                None => p.clone(),
            })
            .collect();
        let message = if said.is_empty() { parts } else { said }.join(": ");
        TemplateError {
            template: template.to_string(),
            parents,
            message,
            help: None,
            markup: None,
        }
    }

    /// For a variable Tera did not find, the closest name the context has.
    pub fn suggest_from(mut self, ctx: &tera::Context) -> TemplateError {
        let Some(missing) = quoted(&self.message)
            .next()
            .filter(|_| self.message.starts_with("Variable `"))
        else {
            return self;
        };
        let (parent, last) = missing.rsplit_once('.').unwrap_or(("", missing));
        let ctx = ctx.clone().into_json();
        let holder = parent
            .split('.')
            .filter(|k| !k.is_empty())
            .try_fold(&ctx, |value, key| value.get(key));
        if let Some(tera::Value::Object(keys)) = holder {
            let prefix = if parent.is_empty() {
                String::new()
            } else {
                format!("{parent}.")
            };
            let names: Vec<String> = keys.keys().map(|k| format!("{prefix}{k}")).collect();
            let wanted = format!("{prefix}{last}");
            self.help = did_you_mean(&wanted, names.iter().map(|n| (n.as_str(), n.as_str())));
        }
        self
    }

    /// The diagnostic, at the first tag of the theme's templates (the one rendered,
    /// then those it extends, then the others) that writes a name the error quotes.
    pub fn diagnostic(&self, theme: &Theme) -> Diagnostic {
        let order = std::iter::once(&self.template)
            .chain(&self.parents)
            .filter_map(|name| theme.templates.iter().find(|t| &t.name == name))
            .chain(&theme.templates);
        // The template rendered is named in the message, not where the error is.
        let names: Vec<&str> = quoted(&self.message)
            .filter(|n| *n != self.template)
            .collect();
        // An address as an attribute writes it: quoted, else whole if long enough
        // not to be found by chance (`/` alone is in every file).
        let in_markup = |t: &&Template| {
            let text = self.markup.as_deref()?;
            let quoted = ['"', '\''].into_iter().find_map(|q| {
                let at = t.source.find(&format!("{q}{text}{q}"))?;
                Some(at + 1)
            });
            let bare = || t.source.find(text).filter(|_| text.len() >= 4);
            quoted.or_else(bare).map(|at| (at, text.chars().count()))
        };
        let found = order.clone().find_map(|t| {
            names
                .iter()
                .find_map(|n| in_a_tag(&t.source, n).map(|at| (at, n.chars().count())))
                .or_else(|| in_markup(&t))
                .map(|(at, len)| (t, at, len))
        });
        let help = self.help.clone().unwrap_or_else(|| {
            "check the name in this tag; the theme's templates are in its `templates/` folder"
                .into()
        });
        match found {
            Some((t, at, len)) => {
                Diagnostic::error(&t.shown, format!("template: {}", self.message))
                    .at_offset(&t.source, at, len)
                    .help(help)
            }
            None => {
                // Unplaced: the file the theme itself changed is the likely one.
                let mut named = order.take(1 + self.parents.len());
                let own = named.clone().find(|t| !built_in_file(&t.shown));
                let file = own
                    .or_else(|| named.next())
                    .map_or_else(|| std::path::PathBuf::from("themes"), |t| t.shown.clone());
                Diagnostic::error(file, self.to_string()).help(help)
            }
        }
    }
}

/// The names an error message quotes, between backticks or single quotes.
fn quoted(message: &str) -> impl Iterator<Item = &str> + '_ {
    // Tera quotes a list of templates as `'[a.html, b.html]'`.
    ['`', '\''].into_iter().flat_map(move |q| {
        let chunks = message.split(q).skip(1).step_by(2);
        chunks
            .flat_map(|chunk| {
                chunk
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(", ")
            })
            .filter(|n| !n.is_empty())
    })
}

/// Where `name` is written as a whole name inside a `{{ … }}` or `{% … %}` tag.
fn in_a_tag(source: &str, name: &str) -> Option<usize> {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    source.match_indices(name).map(|(at, _)| at).find(|&at| {
        let before = source[..at].chars().next_back();
        let after = source[at + name.len()..].chars().next();
        let whole = !before.is_some_and(ident) && !after.is_some_and(ident);
        let before = &source[..at];
        let opened = before.rfind("{{").max(before.rfind("{%"));
        let closed = before.rfind("}}").max(before.rfind("%}"));
        // Inside a comment or a raw block, the name is text, not what Tera read.
        let comment = before.rfind("{#") > before.rfind("#}");
        let raw = before.rfind("{% raw %}") > before.rfind("{% endraw %}");
        whole && opened.is_some() && opened > closed && !comment && !raw
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_name_only_where_a_tag_writes_it() {
        let src = "page.sumary {# x #}\n<p>{{ page.summary }}</p>{{ page.sumary | upper }}";
        assert_eq!(in_a_tag(src, "page.sumary"), src.rfind("page.sumary"));
        assert_eq!(in_a_tag(src, "page"), None);
        assert_eq!(in_a_tag("{% if x %}shout{% endif %}", "shout"), None);
        let src = "{# {{ page.sumary }} #}{% raw %}{{ page.sumary }}{% endraw %}{{ page.sumary }}";
        assert_eq!(in_a_tag(src, "page.sumary"), src.rfind("page.sumary"));
        assert_eq!(in_a_tag("{{ a | shout }}", "shout"), Some(7));
    }

    #[test]
    fn quotes_are_read_in_both_styles() {
        let names: Vec<_> = quoted("Filter 'shout' not found; Variable `a.b` not found").collect();
        assert_eq!(names, ["a.b", "shout"]);
        let names: Vec<_> = quoted("Template '[nope.html, x.html]' not found").collect();
        assert_eq!(names, ["nope.html", "x.html"]);
    }
}
