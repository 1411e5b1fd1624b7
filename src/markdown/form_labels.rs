//! Form controls in raw HTML (`<input>`, `<select>`, `<textarea>`) need a name a
//! screen reader can announce (WCAG 1.3.1 and 4.1.2): a `<label>` around them,
//! a `<label for>` naming their id, or `aria-label`, `aria-labelledby` or
//! `title`. Without one, a checklist box is read out as "case à cocher" and
//! nothing else. A checklist written in Markdown (`- [ ] …`) is labelled by
//! planblanc itself.

use std::collections::HashSet;
use std::ops::Range;

use super::html_tags::tags;
use super::Renderer;

/// `<input type>`s that name themselves (their `value` or `alt`) or show nothing.
const SELF_NAMED: &[&str] = &["hidden", "submit", "reset", "button", "image"];

impl Renderer<'_, '_> {
    /// Names each control of the body's raw HTML that no label names.
    pub(super) fn report_unlabelled_controls(&mut self) {
        for range in unlabelled(self.html_balance.text()) {
            let (at, len) = self.locate_raw(&range);
            let written = &self.html_balance.text()[range];
            let help = if written.eq_ignore_ascii_case("<input") {
                "write a checklist in Markdown, `- [ ] Couper le réseau`, which planblanc labels, or put the box and its text in a `<label>`: `<label><input type=\"checkbox\"> Couper le réseau</label>`".to_string()
            } else {
                let name = written[1..].to_ascii_lowercase();
                format!(
                    "put it and its text in a `<label>`: `<label>Notes <{name}></{name}></label>`"
                )
            };
            self.warn(
                at,
                len,
                format!("raw HTML `{written}>` has no label: a screen reader announces it without saying what it is for"),
                Some(help),
            );
        }
    }
}

/// The name (`<input`) of each control in `html`, one body's raw HTML in order,
/// that no label names.
pub fn unlabelled(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    // Most pages' raw HTML holds no control: look no further.
    if !["<input", "<select", "<textarea"]
        .iter()
        .any(|c| lower.contains(c))
    {
        return Vec::new();
    }
    let lower = without_comments(&lower);
    // Where each `<label>` opens and closes: a control between is inside one.
    let mut bounds: Vec<(usize, bool)> = (lower.match_indices("</label"))
        .map(|(at, _)| (at, false))
        .collect();
    let mut named_ids = HashSet::new();
    let mut controls = Vec::new();
    for tag in tags(&lower) {
        let value = |name: &str| {
            (tag.attributes())
                .find(|(attr, _)| *attr == name)
                .map(|(_, range)| lower[range].trim())
        };
        match tag.name {
            "label" => {
                bounds.push((tag.start, true));
                named_ids.extend(value("for").filter(|id| !id.is_empty()));
            }
            "input" | "select" | "textarea" => {
                let kind = value("type").unwrap_or_default();
                let named = ["aria-label", "aria-labelledby", "title"]
                    .iter()
                    .any(|attr| value(attr).is_some_and(|v| !v.is_empty()));
                let self_named = tag.name == "input" && SELF_NAMED.contains(&kind);
                if !(named || self_named) {
                    let id = value("id").filter(|id| !id.is_empty());
                    controls.push((tag.start - 1..tag.start + tag.name.len(), id));
                }
            }
            _ => {}
        }
    }
    bounds.sort_unstable();
    // Controls come in order: one walk through the bounds gives each its depth.
    let mut bounds = bounds.into_iter().peekable();
    let mut depth = 0usize;
    let mut unnamed = Vec::new();
    for (range, id) in controls {
        while let Some((_, open)) = bounds.next_if(|(at, _)| *at < range.start) {
            depth = if open {
                depth + 1
            } else {
                depth.saturating_sub(1)
            };
        }
        if depth == 0 && !id.is_some_and(|id| named_ids.contains(id)) {
            unnamed.push(range);
        }
    }
    unnamed
}

/// `lower` with each comment blanked out, its length kept: a control in a
/// comment is not on the page.
pub(super) fn without_comments(lower: &str) -> String {
    let mut out = lower.to_string();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<!--").map(|i| from + i) {
        let end = lower[start + 4..]
            .find("-->")
            .map_or(lower.len(), |i| start + 4 + i + 3);
        out.replace_range(start..end, &" ".repeat(end - start));
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<&str> {
        unlabelled(html).into_iter().map(|r| &html[r]).collect()
    }

    #[test]
    fn finds_controls_no_label_names() {
        let html = "<p><input type=\"checkbox\"> Couper</p><SELECT><option>A</option></select>\
                    <textarea></textarea><input id=\"x\"><label for=\"y\">Y</label>";
        assert_eq!(names(html), ["<input", "<SELECT", "<textarea", "<input"]);
    }

    #[test]
    fn labels_in_every_form_are_read() {
        for html in [
            "<label><input type=checkbox> Couper</label>",
            "<label>Couper <span><input type=checkbox></span></label>",
            "<input id=\"c1\" type=checkbox><label for=\"c1\">Couper</label>",
            "<input type=checkbox aria-label=\"Couper\">",
            "<input type=checkbox aria-labelledby=\"t\">",
            "<select title=\"Site\"></select>",
            "<input type=submit value=Envoyer><input type=hidden name=x>",
            "<!-- <input type=checkbox> -->",
        ] {
            assert!(names(html).is_empty(), "{html}");
        }
        // After its `</label>`, a control is outside it.
        let after = "<label>A</label><input type=checkbox>";
        assert_eq!(names(after), ["<input"]);
    }
}
