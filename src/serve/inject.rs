//! What the preview server adds to HTML pages as it sends them: the reload script
//! and, while the content has errors, an overlay listing them. Nothing here ever
//! touches the built files, so `build` output stays free of both.

use crate::diag::{count, Diagnostic, Severity};

/// URLs under this prefix belong to the server, never to the site.
pub const RESERVED_PREFIX: &str = "/__planblanc/";
pub const EVENTS_PATH: &str = "/__planblanc/events";
pub const SCRIPT_PATH: &str = "/__planblanc/reload.js";

/// The one tag added to every page, naming the build it was served from: a page
/// fetched while the next build ran reloads as soon as its stream says so.
pub fn script_tag(build: &str) -> String {
    format!(
        "<script src=\"{SCRIPT_PATH}\" data-build=\"{}\"></script>",
        escape(build)
    )
}

/// The client side: listens to the events and reloads the page.
pub const RELOAD_JS: &str = include_str!("reload.js");

/// Inserts the overlay (when given) and the reload script of `build` just before
/// the last `</body>`, or at the end when the page has none.
pub fn inject(html: &str, overlay: Option<&str>, build: &str) -> String {
    let tag = script_tag(build);
    let mut block = String::with_capacity(overlay.map_or(0, str::len) + tag.len());
    if let Some(overlay) = overlay {
        block.push_str(overlay);
    }
    block.push_str(&tag);
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + block.len());
    out.push_str(&html[..at]);
    out.push_str(&block);
    out.push_str(&html[at..]);
    out
}

/// Byte offset of the last `</body>`, whatever its case.
fn find_body_end(html: &str) -> Option<usize> {
    const TAG: &[u8] = b"</body>";
    let bytes = html.as_bytes();
    (0..=bytes.len().checked_sub(TAG.len())?)
        .rev()
        .find(|&i| bytes[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

/// Errors listed in the overlay; the rest are counted (the console has them all).
/// The overlay goes into every page served: it must stay small.
const MAX_LISTED: usize = 50;

/// The overlay for a failed build: a fixed panel with role="alert", so screen
/// readers announce it, listing the errors as `file:line:col`, message, the source
/// line with a caret, and the help. Warnings did not fail the build: they are only
/// counted. All text is HTML-escaped.
pub fn overlay(diags: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let warnings = diags.len() - errors.len();
    let mut html = String::new();
    html.push_str(concat!(
        "<div id=\"planblanc-overlay\" role=\"alert\" aria-labelledby=\"planblanc-overlay-title\" ",
        "style=\"position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;",
        "overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff5f5;color:#1a1a1a;",
        "border-bottom:4px solid #b00020;box-shadow:0 4px 16px rgba(0,0,0,.3);",
        "font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;text-align:left\">"
    ));
    html.push_str(&format!(
        "<p id=\"planblanc-overlay-title\" style=\"margin:0 0 .5rem;font-weight:bold;color:#8a0018\">\
         planblanc : {} dans le contenu. Cette page est la dernière version \
         construite sans erreur ; elle se recharge dès que le fichier est corrigé. \
         <button type=\"button\" data-planblanc-dismiss style=\"margin-left:.5rem\">Masquer</button></p>",
        count(errors.len(), "erreur", "erreurs")
    ));
    html.push_str("<ul style=\"margin:0;padding-left:1.25rem\">");
    for d in errors.iter().take(MAX_LISTED) {
        html.push_str(&item(d));
    }
    html.push_str("</ul>");
    let unlisted = errors.len().saturating_sub(MAX_LISTED);
    let mut rest = Vec::new();
    if unlisted > 0 {
        rest.push(count(unlisted, "autre erreur", "autres erreurs"));
    }
    if warnings > 0 {
        rest.push(count(warnings, "avertissement", "avertissements"));
    }
    if !rest.is_empty() {
        html.push_str(&format!(
            "<p style=\"margin:.5rem 0 0\">Et {} : voir la console de <code>planblanc serve</code>.</p>",
            rest.join(", ")
        ));
    }
    html.push_str("</div>");
    html
}

fn item(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "erreur",
        Severity::Warning => "avertissement",
    };
    let at = location(d);
    let mut html = String::from("<li style=\"margin:.5rem 0\">");
    if !at.is_empty() {
        html.push_str(&format!("<code>{}</code> — ", escape(&at)));
    }
    html.push_str(&format!("<strong>{kind}</strong> : {}", escape(&d.message)));
    if d.line > 0 && !d.source_line.is_empty() {
        let caret = format!(
            "{}{}",
            " ".repeat(d.col.saturating_sub(1 + d.cut_before)),
            "^".repeat(d.len.max(1))
        );
        html.push_str(&format!(
            "<pre style=\"margin:.25rem 0;padding:.25rem .5rem;background:#fff;border:1px solid #e0c0c0;\
             overflow:auto;font:13px/1.4 ui-monospace,monospace\">{:>4} | {}\n     | {}</pre>",
            d.line,
            escape(&d.source_line),
            caret
        ));
    }
    if let Some(help) = &d.help {
        html.push_str(&format!("<div>aide : {}</div>", escape(help)));
    }
    html.push_str("</li>");
    html
}

/// `content/a.md:6:8`, or just the file when the problem has no position.
pub fn location(d: &Diagnostic) -> String {
    let file = d.file.to_string_lossy().replace('\\', "/");
    if d.line > 0 {
        format!("{file}:{}:{}", d.line, d.col)
    } else {
        file
    }
}

pub use crate::html::escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = "<html><body><p>x</p></BODY></html>";
        let out = inject(html, None, "7.1-3");
        let tag = "<script src=\"/__planblanc/reload.js\" data-build=\"7.1-3\"></script>";
        assert_eq!(out, format!("<html><body><p>x</p>{tag}</BODY></html>"));
        assert_eq!(out.replacen(tag, "", 1), html);
        assert_eq!(inject("plain", None, "7.1-3"), format!("plain{tag}"));
    }

    #[test]
    fn overlay_escapes_everything() {
        let src = "---\nphase: <script>\n---\n";
        let d = Diagnostic::error("content/a&b.md", "unknown phase `<script>`")
            .at(src, 2, 8, 8)
            .help("did you mean `\"alerte\"`?");
        let html = overlay(&[d]);
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("content/a&amp;b.md:2:8"), "{html}");
        assert!(html.contains("unknown phase `&lt;script&gt;`"), "{html}");
        assert!(
            html.contains("did you mean `&quot;alerte&quot;`?"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn overlay_stays_small() {
        let mut diags: Vec<Diagnostic> = (0..80)
            .map(|i| Diagnostic::error("content/a.md", format!("problem {i}")))
            .collect();
        diags.extend((0..5000).map(|i| Diagnostic::warning("content/b.md", format!("w{i}"))));
        let html = overlay(&diags);
        assert!(html.contains("problem 49<") && !html.contains("problem 50<"));
        assert!(
            html.contains("Et 30 autres erreurs, 5000 avertissements"),
            "{html}"
        );
        assert!(html.len() < 20_000, "{}", html.len());
    }
}
