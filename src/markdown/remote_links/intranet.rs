//! Links to a server of an establishment's own network (`http://intranet/…`,
//! `https://ged.chu.local/…`, `http://10.2.3.4/…`): out of reach for every reader
//! of the copy outside that network, and inside it during the attack or the
//! outage the handbook is read for.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Names of private networks' domains (RFC 6762, RFC 8375, common practice).
const PRIVATE_SUFFIXES: &[&str] = &[
    ".local",
    ".lan",
    ".intra",
    ".intranet",
    ".internal",
    ".corp",
    ".home",
    ".localdomain",
    ".localhost",
    ".home.arpa",
];

/// The warning and its fix, when `dest` is on a private network.
pub(super) fn problem(dest: &str) -> Option<(String, String)> {
    let host = private_host(dest)?;
    let help = "copy the document into `content/` and link to it by relative path, or link to its public address";
    // `https://legifrance/` is as likely a public site's name cut short.
    let bare = !host.contains(['.', ':']) && !host.eq_ignore_ascii_case("localhost");
    Some(match bare {
        false => (
            format!("link to `{host}`, a server of a private network: readers of the copy cannot reach it, nor can anyone during an attack or an outage"),
            help.into(),
        ),
        true => (
            format!("link to `{host}`, a name without a domain: a server of a private network, which readers of the copy cannot reach, nor can anyone during an attack or an outage"),
            format!("{help}; if `{host}` is a public site, write its whole name (`{host}.fr`…)"),
        ),
    })
}

/// The host of a web address when it belongs to a private network: a name with
/// no dot (`intranet`), a private domain (`ged.chu.local`) or a private, loopback
/// or link-local address.
pub fn private_host(dest: &str) -> Option<&str> {
    let host = super::web_host(dest)?;
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    let private = match name.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => private_v4(ip),
        Ok(IpAddr::V6(ip)) => private_v6(ip),
        // A machine's name: letters, digits and hyphens (`é` or `a b` are typos).
        Err(_)
            if !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') =>
        {
            false
        }
        Err(_) => {
            !name.is_empty()
                && (!name.contains('.') || PRIVATE_SUFFIXES.iter().any(|s| name.ends_with(s)))
        }
    };
    private.then_some(host)
}

fn private_v4(ip: Ipv4Addr) -> bool {
    ip.is_private() || ip.is_loopback() || ip.is_link_local()
}

fn private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_hosts_of_private_networks() {
        for (dest, host) in [
            ("http://intranet/crise", "intranet"),
            ("https://GED.chu-x.local/doc?id=3", "GED.chu-x.local"),
            ("http://srv-ged:8080/", "srv-ged"),
            ("http://10.2.3.4/plan.pdf", "10.2.3.4"),
            ("https://192.168.1.20", "192.168.1.20"),
            ("http://172.20.0.1/", "172.20.0.1"),
            ("http://localhost:3000/", "localhost"),
            ("http://[fe80::1]/x", "fe80::1"),
            ("http://[fd00::2]:80/", "fd00::2"),
            ("https://user@wiki.corp/page", "wiki.corp"),
            ("HTTP://portail.intra/", "portail.intra"),
        ] {
            assert_eq!(private_host(dest), Some(host), "{dest}");
        }
    }

    #[test]
    fn leaves_public_addresses_alone() {
        for dest in [
            "https://cyber.gouv.fr/",
            "https://www.ars.sante.fr/plan",
            "http://172.32.0.1/",
            "http://8.8.8.8/",
            "https://[2001:db8::1]/",
            "https://local.gouv.fr/",
            "https://",
            "http://é/",
            "http://intra net/",
            "mailto:rssi@chu.fr",
            "../alerte/x.md",
        ] {
            assert_eq!(private_host(dest), None, "{dest}");
        }
    }
}
