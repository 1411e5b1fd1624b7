//! What a printout says about itself and about each procedure, as plain strings, so
//! the HTML and the Typst writers show the same facts with the same labels.

use super::select::{Bundle, BundleKind};
use crate::load::Tlp;
use crate::model::Site;
use crate::render::context::{typeset, Strings};

/// The cover page.
pub struct Cover {
    pub title: String,
    /// Whether the procedures are French: the title's ordinals are raised.
    pub french: bool,
    /// "Manuel complet", "Édition de l'établissement", "Fiches du rôle".
    pub kind_label: String,
    /// (label, value): region and type of an edition, or the role.
    pub scope: Vec<(String, String)>,
    /// "Édition 2026.1"
    pub edition_line: String,
    /// "Contenu à jour au 2 novembre 2026", from the content date (never the wall clock).
    pub date_line: Option<String>,
    pub tlp: Tlp,
    pub marking_note: String,
    /// How to check that this printout is still the edition in force.
    pub check: String,
    /// "12 fiches dans ce recueil"
    pub count_line: String,
}

impl Cover {
    pub fn of(site: &Site, strings: &Strings, bundle: &Bundle) -> Cover {
        let tax = &site.tax;
        let (kind_key, scope) = match &bundle.kind {
            BundleKind::National => ("print_national", Vec::new()),
            BundleKind::Edition { region, kind } => (
                "print_edition",
                vec![
                    (
                        label(strings, "profile_region"),
                        tax.regions.label(region).into(),
                    ),
                    (label(strings, "profile_type"), tax.types.label(kind).into()),
                ],
            ),
            BundleKind::Role(code) => (
                "print_role",
                vec![(
                    label(strings, "print_role_label"),
                    tax.roles.label(code).into(),
                )],
            ),
        };
        let edition = &site.config.edition;
        Cover {
            title: typeset(site, &site.config.title).into_owned(),
            french: site.config.french_content(),
            kind_label: label(strings, kind_key),
            scope,
            edition_line: format!("{} {edition}", strings.get("edition")),
            date_line: site
                .date
                .map(|d| format!("{} {}", strings.get("content_date"), strings.long_date(d))),
            tlp: bundle.tlp(site),
            marking_note: label(strings, "print_marking"),
            check: strings
                .get("print_check")
                .replace("{edition}", edition)
                .replace("{where}", &check_with(site, strings, bundle)),
            count_line: format!(
                "{} {}",
                bundle.members.len(),
                // Both languages print one sheet in the singular; a bundle is never empty.
                strings.get(if bundle.members.len() == 1 {
                    "print_count_one"
                } else {
                    "print_count"
                })
            ),
        }
    }

    /// Bundle title for the PDF metadata and the HTML `<title>`.
    pub fn document_title(&self) -> String {
        let mut parts = vec![self.title.clone(), self.kind_label.clone()];
        parts.extend(self.scope.iter().map(|(_, v)| v.clone()));
        parts.push(self.edition_line.clone());
        parts.join(" — ")
    }
}

/// The edition's ARS when the region names one, else "votre ARS".
fn check_with(site: &Site, strings: &Strings, bundle: &Bundle) -> String {
    let ars = match &bundle.kind {
        BundleKind::Edition { region, .. } => site
            .tax
            .regions
            .get(region)
            .and_then(|r| r.extra.get("ars")),
        _ => None,
    };
    match ars {
        // "auprès de l'ARS Île-de-France": the article the language wants.
        Some(name) => match strings.map.get("print_named_ars") {
            Some(pattern) => pattern.replace("{ars}", name),
            None => name.clone(),
        },
        None => label(strings, "print_your_ars"),
    }
}

/// The facts printed at the head of each procedure.
pub struct Facts {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub trigger: Option<String>,
    pub deadline: Option<String>,
    pub priority: Option<String>,
    pub kind: String,
    pub phase: String,
    pub roles: String,
    pub last_reviewed: String,
    pub edition: String,
    pub tlp: Tlp,
    /// The procedures are French: their titles' ordinals print raised.
    pub french: bool,
}

impl Facts {
    pub fn of(site: &Site, strings: &Strings, page: usize) -> Facts {
        let f = &site.pages[page].src.front;
        let roles: Vec<&str> = f.roles.iter().map(|r| site.tax.roles.label(r)).collect();
        Facts {
            id: f.id.clone(),
            title: typeset(site, &f.title).into_owned(),
            summary: typeset(site, &f.summary).into_owned(),
            trigger: f.trigger.as_deref().map(|t| typeset(site, t).into_owned()),
            deadline: f.deadline.as_ref().map(|d| d.human(&site.config.language)),
            priority: f
                .priority
                .as_deref()
                .map(|p| strings.lookup("priority_", p).to_string()),
            kind: strings.kind(&f.kind).to_string(),
            phase: site.tax.phases.label(&f.phase).to_string(),
            roles: roles.join(", "),
            last_reviewed: f
                .last_reviewed
                .map(|d| strings.long_date(d))
                .unwrap_or_default(),
            edition: site.config.edition.clone(),
            tlp: f.tlp,
            french: site.config.french_content(),
        }
    }

    /// The title as HTML, its ordinals raised as the text's are.
    pub fn title_html(&self) -> String {
        crate::markdown::typography::title_html(self.french, &self.title)
    }

    /// The rows of the facts table, in print order; the trigger and the deadline
    /// are printed apart, boxed, because they decide whether to act now.
    pub fn rows(&self, strings: &Strings) -> Vec<Row> {
        let row = |key: &str, value: &String, authored: bool| Row {
            label: label(strings, key),
            value: value.clone(),
            authored,
        };
        let mut rows = vec![
            row("phase", &self.phase, true),
            row("roles", &self.roles, true),
        ];
        if let Some(p) = &self.priority {
            rows.push(row("priority", p, false));
        }
        rows.push(row("last_reviewed", &self.last_reviewed, false));
        rows.push(row("edition", &self.edition, false));
        rows
    }
}

/// A row of a procedure's facts table.
pub struct Row {
    pub label: String,
    pub value: String,
    /// The value is the author's words (a phase or role label), not the
    /// interface's (a date, a priority code).
    pub authored: bool,
}

pub fn label(strings: &Strings, key: &str) -> String {
    strings.get(key).to_string()
}

/// `TLP:AMBER`
pub fn marking(tlp: Tlp) -> String {
    format!("TLP:{}", tlp.code().to_uppercase())
}
