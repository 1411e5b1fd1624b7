//! Which procedures a bundle holds, in which order, and where it is written.
//!
//! - national: every published procedure;
//! - edition: exactly `model::editions::members` (variants in place, TLP respected);
//! - role: the role's `fiche-role` sheets and the reflex cards assigned to it.
//!
//! Everything is ordered by phase, weight, then title (then path, so ties are
//! still deterministic), the order in which a crisis unfolds.

use crate::load::Tlp;
use crate::model::editions::{self, Edition, Variants};
use crate::model::Site;

/// What a bundle is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleKind {
    National,
    Edition { region: String, kind: String },
    Role(String),
}

/// A bundle: its kind and its procedures (indices into `site.pages`), in print order.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub kind: BundleKind,
    pub members: Vec<usize>,
}

impl Bundle {
    pub fn national(site: &Site) -> Bundle {
        let mut members: Vec<usize> = site.in_force().map(|(i, _)| i).collect();
        sort_by_phase(site, &mut members);
        Bundle {
            kind: BundleKind::National,
            members,
        }
    }

    pub fn edition(site: &Site, variants: &Variants, edition: Edition) -> Bundle {
        Bundle::of_edition(edition, editions::members(site, variants, edition))
    }

    /// Every edition's bundle, from one pass over the site.
    pub fn editions(site: &Site, variants: &Variants) -> Vec<Bundle> {
        editions::all(site)
            .into_iter()
            .zip(editions::members_of_all(site, variants))
            .map(|(edition, members)| Bundle::of_edition(edition, members))
            .collect()
    }

    fn of_edition(edition: Edition, members: Vec<usize>) -> Bundle {
        Bundle {
            kind: BundleKind::Edition {
                region: edition.region.to_string(),
                kind: edition.kind.to_string(),
            },
            members,
        }
    }

    /// A role's cards; empty when the role has none at this TLP level.
    pub fn role(site: &Site, code: &str) -> Bundle {
        let mut members: Vec<usize> = site
            .in_force()
            .filter(|(_, page)| {
                let f = &page.src.front;
                matches!(f.kind.as_str(), "fiche-role" | "fiche-reflexe")
                    && f.roles.iter().any(|r| r == code)
            })
            .map(|(i, _)| i)
            .collect();
        sort_by_phase(site, &mut members);
        Bundle {
            kind: BundleKind::Role(code.to_string()),
            members,
        }
    }

    /// Path under the bundles folder, without extension: `national`,
    /// `roles/<code>`, `editions/<region>/<type>`.
    pub fn stem(&self) -> String {
        match &self.kind {
            BundleKind::National => "national".to_string(),
            BundleKind::Edition { region, kind } => format!("editions/{region}/{kind}"),
            BundleKind::Role(code) => format!("roles/{code}"),
        }
    }

    /// The bundle's marking: the most restrictive TLP among its procedures.
    pub fn tlp(&self, site: &Site) -> Tlp {
        self.members
            .iter()
            .map(|&p| site.pages[p].src.front.tlp)
            .max()
            .unwrap_or(Tlp::Clear)
    }
}

/// Every bundle `bundle --all` writes: national, each role with cards, each edition.
pub fn all(site: &Site, variants: &Variants) -> Vec<Bundle> {
    let mut out = vec![Bundle::national(site)];
    out.extend(roles_with_cards(site));
    out.extend(Bundle::editions(site, variants));
    out
}

/// One bundle per role that has at least one card at this TLP level: an empty
/// bundle would only be a cover.
pub fn roles_with_cards(site: &Site) -> Vec<Bundle> {
    site.tax
        .roles
        .terms
        .iter()
        .map(|t| Bundle::role(site, &t.code))
        .filter(|b| !b.members.is_empty())
        .collect()
}

/// Where the site links to a bundle: `impression/<stem>.html`.
pub fn site_url(bundle_stem: &str) -> String {
    format!("{}/{bundle_stem}.html", super::SITE_DIR)
}

fn sort_by_phase(site: &Site, members: &mut [usize]) {
    members.sort_by(|&a, &b| site.phase_order(&site.pages[a], &site.pages[b]));
}
