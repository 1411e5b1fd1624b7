//! Web links a reader of the copy may not follow, though their address is right:
//! one that goes through someone else's redirect (`wrapped`), one to a server of
//! the establishment's own network (`intranet`), one into a service that opens
//! only signed in (`signed_in`).

mod intranet;
mod signed_in;
mod wrapped;

use super::Renderer;

impl Renderer<'_, '_> {
    /// Names what keeps readers from following the web link `dest`; `place` finds
    /// its address in the source (only then: most links are fine).
    pub(super) fn check_remote_link(
        &mut self,
        dest: &str,
        place: impl Fn(&Self) -> (usize, usize),
    ) {
        let problems = [
            wrapped::problem(dest),
            intranet::problem(dest),
            signed_in::problem(dest),
        ];
        for (message, help) in problems.into_iter().flatten() {
            let (at, len) = place(self);
            self.warn(at, len, message, Some(help));
        }
    }
}

/// The host of a web address (`http://` or `https://`, any case), without the
/// account, port or IPv6 brackets around it.
fn web_host(dest: &str) -> Option<&str> {
    let scheme = |p: &str| {
        dest.get(..p.len())
            .filter(|d| d.eq_ignore_ascii_case(p))
            .map(|_| &dest[p.len()..])
    };
    let rest = scheme("https://").or_else(|| scheme("http://"))?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    Some(match host_port.strip_prefix('[') {
        Some(v6) => &v6[..v6.find(']')?],
        None => host_port.split(':').next().unwrap_or(host_port),
    })
}
