//! The theme's own markup keeps the offline promise the content keeps: no remote
//! script, stylesheet or font, no address from the disk's root (`/assets/x.css`
//! reaches no file from `file://`), and no asset the build does not write. The
//! first procedure page and the home page tell, the templates being the same for
//! all; a page's own text is left out (its raw HTML was checked where it was
//! written).

use super::{Engine, RenderError, TemplateError};
use crate::markdown::{html_check, html_tags};
use crate::model::urls;

pub fn loads_nothing_it_lacks(
    engine: &Engine,
    template: &str,
    url: &str,
    page: &[u8],
    text: &str,
) -> Result<(), RenderError> {
    let page = String::from_utf8_lossy(page);
    let chrome = match page.find(text.trim()).filter(|_| !text.trim().is_empty()) {
        Some(at) => format!("{}{}", &page[..at], &page[at + text.trim().len()..]),
        None => page.into_owned(),
    };
    let remote = html_check::remote_loads(&chrome).first().map(|r| {
        let address = chrome[r.clone()].to_string();
        let what = format!("loads a remote file (`{address}`), which fails offline");
        (what, FIX_REMOTE, address)
    });
    let problem = remote.or_else(|| {
        html_check::attribute_urls(&chrome)
            .into_iter()
            .map(|r| html_tags::decode_refs(&chrome[r]).into_owned())
            .find_map(|address| wrong_address(engine, url, &address))
    });
    let Some((what, fix, written)) = problem else {
        return Ok(());
    };
    Err(RenderError::Template(TemplateError {
        template: template.into(),
        parents: engine.parents(template),
        message: format!("the theme's markup {what}"),
        help: Some(fix.into()),
        markup: Some(written),
    }))
}

const FIX_REMOTE: &str =
    "put the file in the theme's css/, js/ or static/ folder and load it from `{{ root }}assets/`";

/// An address of the theme's markup that no reader's disk can serve: what is
/// wrong, the fix, and the text of the address as the template writes it.
fn wrong_address(
    engine: &Engine,
    url: &str,
    address: &str,
) -> Option<(String, &'static str, String)> {
    let address = address.trim();
    if address.starts_with('/') && !address.starts_with("//") {
        return Some((
            format!("writes `{address}`, an address from the disk's root, which no copy opened from a folder finds"),
            "write it from the site's root: `{{ root }}` then the path",
            address.to_string(),
        ));
    }
    let path = address.split(['#', '?']).next().unwrap_or_default();
    let name = urls::join(urls::parent(url), &urls::decode_path(path))?;
    let asset = name.strip_prefix("assets/")?;
    (!engine.asset_names.contains(asset)).then(|| {
        (
            format!("loads `{address}`, a file the build does not write"),
            "the theme's css/, js/ and static/ files are written to assets/ under their own names",
            format!("assets/{asset}"),
        )
    })
}
