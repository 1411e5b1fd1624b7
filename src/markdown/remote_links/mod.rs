//! Web links a reader of the copy may not follow, though their address is right:
//! one that goes through someone else's redirect (`wrapped`), one to a server of
//! the establishment's own network (`intranet`).

mod intranet;
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
        for (message, help) in [wrapped::problem(dest), intranet::problem(dest)]
            .into_iter()
            .flatten()
        {
            let (at, len) = place(self);
            self.warn(at, len, message, Some(help));
        }
    }
}
