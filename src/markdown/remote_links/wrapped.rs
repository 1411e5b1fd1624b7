//! Links that go through someone else's redirect, as they are copied from an
//! e-mail or a document export: Outlook's Safe Links, Proofpoint's URL Defense,
//! Google's `/url?q=`. Published, each click passes through that service, which
//! may be unreachable, refuse readers outside the sender's organisation or expire;
//! Safe Links also carry the address of the mailbox the mail was sent to.

use crate::model::urls::decode_path;

/// The warning and its fix, when `dest` goes through a redirect.
pub(super) fn problem(dest: &str) -> Option<(String, String)> {
    let wrapped = unwrapped(dest)?;
    let mailbox = match wrapped.names_a_mailbox {
        true => ", and it names the mailbox the mail was sent to",
        false => "",
    };
    Some((
        format!(
            "this link goes through {}: readers may be refused or find it expired{mailbox}",
            wrapped.by
        ),
        format!("link to the address itself: `{}`", wrapped.target),
    ))
}

/// A link wrapped by a redirect, and the address it leads to.
#[derive(Debug, PartialEq)]
pub struct Wrapped {
    /// Who wrapped it, as the author knows them.
    pub by: &'static str,
    pub target: String,
    /// Whether the wrapped link names a mailbox (`…%40chu.fr`).
    pub names_a_mailbox: bool,
}

/// The redirect `dest` goes through, if any, and where it leads.
pub fn unwrapped(dest: &str) -> Option<Wrapped> {
    let rest = strip_prefix_ignore_case(dest, "https://")
        .or_else(|| strip_prefix_ignore_case(dest, "http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..host_end].to_ascii_lowercase();
    let path = &rest[host_end..];
    let (by, target) = if host.ends_with(".safelinks.protection.outlook.com")
        || host.ends_with(".safelinks.protection.office365.us")
    {
        ("Outlook's Safe Links", decode_path(query(path, "url")?))
    } else if host == "urldefense.com" || host == "urldefense.proofpoint.com" {
        ("Proofpoint's URL Defense", url_defense(path)?)
    } else if is_google(&host) && path.starts_with("/url?") {
        let target = query(path, "q").or_else(|| query(path, "url"))?;
        ("Google's redirect", decode_path(target))
    } else {
        return None;
    };
    let remote = |t: &str| {
        strip_prefix_ignore_case(t, "https://")
            .or_else(|| strip_prefix_ignore_case(t, "http://"))
            .is_some()
    };
    let names_a_mailbox = path.contains("%40") || path.contains('@');
    remote(&target).then_some(Wrapped {
        by,
        target,
        names_a_mailbox,
    })
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `www.google.com`, `google.fr`, `www.google.co.uk`…
fn is_google(host: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.strip_prefix("google.")
        .is_some_and(|tld| !tld.is_empty() && tld.split('.').all(|p| p.len() <= 3))
}

/// The raw value of parameter `name` in the query of `path`.
fn query<'p>(path: &'p str, name: &str) -> Option<&'p str> {
    let query = path.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// Proofpoint's two forms: `/v3/__https://site/page__;…` keeps the address as
/// written; `/v2/url?u=https-3A__site_page&…` writes `/` as `_` and `%` as `-`.
fn url_defense(path: &str) -> Option<String> {
    if let Some(v3) = path.strip_prefix("/v3/__") {
        return Some(
            v3.split_once("__;")
                .map_or(v3, |(target, _)| target)
                .to_string(),
        );
    }
    let u = query(path, "u")?;
    let escaped = u.replace('_', "/").replace('-', "%");
    Some(decode_path(&escaped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(dest: &str) -> Option<String> {
        unwrapped(dest).map(|w| w.target)
    }

    #[test]
    fn finds_the_address_inside_each_wrapper() {
        let safe = "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcyber.gouv.fr%2Fguide%3Fa%3D1&data=05%7C01%7Cjean.dupont%40chu-x.fr%7C&sdata=x&reserved=0";
        let wrapped = unwrapped(safe).unwrap();
        assert_eq!(wrapped.by, "Outlook's Safe Links");
        assert_eq!(wrapped.target, "https://cyber.gouv.fr/guide?a=1");
        assert!(wrapped.names_a_mailbox);
        assert_eq!(
            target("https://urldefense.com/v3/__https://cyber.gouv.fr/guide__;!!AbC$"),
            Some("https://cyber.gouv.fr/guide".into())
        );
        assert_eq!(
            target(
                "https://urldefense.proofpoint.com/v2/url?u=https-3A__cyber.gouv.fr_guide&d=DwM"
            ),
            Some("https://cyber.gouv.fr/guide".into())
        );
        let google = "https://www.google.com/url?q=https://cyber.gouv.fr/guide&sa=D&source=editors";
        let wrapped = unwrapped(google).unwrap();
        assert_eq!(wrapped.target, "https://cyber.gouv.fr/guide");
        assert!(!wrapped.names_a_mailbox);
        assert_eq!(
            target("HTTPS://www.google.fr/url?url=https%3A%2F%2Fars.sante.fr"),
            Some("https://ars.sante.fr".into())
        );
    }

    #[test]
    fn leaves_other_links_alone() {
        for dest in [
            "https://cyber.gouv.fr/guide?url=https://x.fr",
            "https://www.google.com/search?q=plan+blanc",
            "https://www.google.com/url?q=",
            "https://maps.google.com/url?q=https://x.fr",
            "https://safelinks.protection.outlook.com.example.org/?url=https://x.fr",
            "https://eur02.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)",
            "mailto:rssi@chu.fr",
            "../alerte/x.md",
        ] {
            assert_eq!(unwrapped(dest), None, "{dest}");
        }
    }
}
