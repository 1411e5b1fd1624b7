//! `planblanc new`: one procedure with complete front matter, a fresh id, the
//! phase and role checked against the taxonomies, and the usual body headings.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use super::init::write_new;
use super::ScaffoldError;
use crate::diag::did_you_mean;
use crate::load::frontmatter::numbering::{free_ids, split_id};
use crate::load::{self, Loaded, Taxonomy, CONTENT_DIR, RESERVED};

/// What to create. `path` is relative to `content/`; `today` is the review date.
#[derive(Debug, Clone)]
pub struct NewProcedure<'a> {
    pub root: &'a Path,
    pub path: &'a str,
    pub phase: Option<&'a str>,
    pub role: Option<&'a str>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Created {
    /// The procedure, relative to the site root: `content/alerte/ma-fiche.md`.
    pub file: PathBuf,
    pub id: String,
    pub phase: String,
    pub role: String,
    /// Section `_index.md` files written for folders that had none.
    pub sections: Vec<PathBuf>,
}

pub fn create_procedure(req: &NewProcedure) -> Result<Created, ScaffoldError> {
    let asked = content_rel(req.path)?;
    let content = req.root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(ScaffoldError::NotAHandbook(req.root.to_path_buf()));
    }
    let rel = addressable(&content, &asked);
    let target = content.join(&rel);
    if target.exists() {
        return Err(ScaffoldError::Exists(display(&rel)));
    }
    if !stays_in(&content, &target) {
        return Err(ScaffoldError::BadPath {
            path: req.path.to_string(),
            reason:
                "a folder on the way is a link to outside content/: the file would be written there"
                    .into(),
        });
    }
    let loaded = load::load(req.root);
    let folder = rel.rsplit_once('/').map_or("", |(d, _)| d);
    let phase = choose_phase(req, &loaded, folder, &rel)?;
    let role = choose_role(req.role, &loaded.taxonomies.roles)?;
    let id = next_id(&loaded, &frozen_ids(req.root), &phase);
    let typed_folder = asked.rsplit_once('/').map_or("", |(d, _)| d);
    let sections = write_missing_sections(&content, folder, typed_folder, &loaded)?;
    let text = procedure_text(&id, &title_from(&asked), &phase, &role, req.today);
    write_new(&target, &text)?;
    Ok(Created {
        file: display(&rel),
        id,
        phase,
        role,
        sections,
    })
}

/// Checks the requested path and returns it `/`-separated under `content/`, with
/// `.md` added. Refused: anything that leaves `content/`, names the generator
/// reserves, `_`-names (sections, taxonomies) and hidden names.
pub fn content_rel(path: &str) -> Result<String, ScaffoldError> {
    let bad = |reason: &str| ScaffoldError::BadPath {
        path: path.to_string(),
        reason: reason.to_string(),
    };
    if path.is_empty() || path.ends_with('/') || path.contains(['\\', '\0']) {
        return Err(bad(
            "write a path under content/ with `/`, e.g. `alerte/ma-fiche.md`",
        ));
    }
    let trimmed = path.strip_prefix("content/").unwrap_or(path);
    let mut names = Vec::new();
    for component in Path::new(trimmed).components() {
        match component {
            Component::Normal(name) => match name.to_str() {
                Some(name) => names.push(name.to_string()),
                None => return Err(bad("the path is not valid UTF-8")),
            },
            _ => {
                return Err(bad(
                    "the path must stay inside content/: no `..`, no `.`, no absolute path",
                ))
            }
        }
    }
    let Some(last) = names.last_mut() else {
        return Err(bad("the path names no file"));
    };
    // `x.MD` is taken as the author's `x.md`, not made `x.MD.md`.
    let ext = last.len().saturating_sub(3);
    if last.is_char_boundary(ext) && last[ext..].eq_ignore_ascii_case(".md") {
        last.truncate(ext);
    }
    last.push_str(".md");
    if names.iter().any(|n| n.starts_with(['_', '.'])) {
        return Err(bad(
            "names starting with `_` or `.` are not procedures (`_index.md` describes a section)",
        ));
    }
    let top = names[0].strip_suffix(".md").unwrap_or(&names[0]);
    if RESERVED.contains(&top) {
        return Err(bad(&format!(
            "`{top}` is reserved for generated pages; choose another folder or name"
        )));
    }
    // The page is published as a folder named after the file: it must fit on a stick.
    for name in &names {
        let folder = name.strip_suffix(".md").unwrap_or(name);
        if let Some(why) = crate::validate::portable::unportable(folder) {
            return Err(bad(&format!(
                "`{folder}` {why}: the copy on a USB stick or a Windows laptop would lack it"
            )));
        }
    }
    Ok(names.join("/"))
}

/// `rel` with the new file's name, and each folder still to be made, as a slug:
/// `alerte/Coupure électrique.md` is published as `alerte/coupure-electrique/`,
/// an address that survives a zip, a FAT stick and a pasted link unchanged. A
/// folder that exists keeps its name; the title keeps the name as it was typed.
fn addressable(content: &Path, rel: &str) -> String {
    let names: Vec<&str> = rel.split('/').collect();
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let last = i + 1 == names.len();
        let stem = if last {
            name.strip_suffix(".md").unwrap_or(name)
        } else {
            name
        };
        let exists = !last && content.join(out.join("/")).join(name).is_dir();
        let slug = crate::slug::slugify(stem);
        let keep = exists || !stem.chars().any(char::is_alphanumeric);
        let mut name = if keep { stem.to_string() } else { slug };
        if last {
            name.push_str(".md");
        }
        out.push(name);
    }
    out.join("/")
}

/// Whether `target`, once the links of its existing folders are followed, is
/// still under `content`.
fn stays_in(content: &Path, target: &Path) -> bool {
    use crate::write::resolved;
    resolved(target).starts_with(resolved(content))
}

fn display(rel: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(rel)
}

/// The phase asked for, else the one most procedures of the folder have, else a
/// folder named after a phase.
fn choose_phase(
    req: &NewProcedure,
    loaded: &Loaded,
    folder: &str,
    rel: &str,
) -> Result<String, ScaffoldError> {
    let phases = &loaded.taxonomies.phases;
    if phases.terms.is_empty() {
        return Err(ScaffoldError::NoTaxonomy("phases"));
    }
    if let Some(phase) = req.phase {
        return checked(phase, phases, "phase");
    }
    let in_folder = loaded
        .pages
        .iter()
        .filter(|p| p.rel.rsplit_once('/').map_or("", |(d, _)| d) == folder)
        .map(|p| p.front.phase.clone())
        .filter(|p| phases.get(p).is_some());
    if let Some(phase) = most_common(in_folder) {
        return Ok(phase);
    }
    folder
        .split('/')
        .find(|name| phases.get(name).is_some())
        .map(str::to_string)
        .ok_or_else(|| ScaffoldError::PhaseNeeded {
            path: rel.to_string(),
            known: codes(phases),
        })
}

/// The role asked for, else the first of the taxonomy (in the handbooks
/// `init` makes, `tout-personnel`).
fn choose_role(role: Option<&str>, roles: &Taxonomy) -> Result<String, ScaffoldError> {
    match (role, roles.terms.first()) {
        (_, None) => Err(ScaffoldError::NoTaxonomy("roles")),
        (Some(role), _) => checked(role, roles, "role"),
        (None, Some(first)) => Ok(first.code.clone()),
    }
}

fn checked(value: &str, taxonomy: &Taxonomy, what: &'static str) -> Result<String, ScaffoldError> {
    if taxonomy.get(value).is_some() {
        return Ok(value.to_string());
    }
    Err(ScaffoldError::UnknownCode {
        what,
        value: value.to_string(),
        help: did_you_mean(value, taxonomy.candidates()),
        known: codes(taxonomy),
    })
}

fn codes(taxonomy: &Taxonomy) -> String {
    taxonomy
        .terms
        .iter()
        .map(|t| t.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The next id in the numbering the handbook uses for `phase`: after the highest
/// number with the same prefix (`PBN-ALE-006` → `PBN-ALE-007`), never reusing a
/// retired number below it. A phase with no procedure yet gets the site's scheme:
/// `<site prefix>-<3 letters of the phase>-001`, or the site-wide sequence.
pub fn next_id(loaded: &Loaded, frozen: &[String], phase: &str) -> String {
    let ids: Vec<&str> = loaded
        .pages
        .iter()
        .map(|p| p.front.id.as_str())
        .chain(frozen.iter().map(String::as_str))
        .collect();
    let of_phase = loaded
        .pages
        .iter()
        .filter(|p| p.front.phase == phase)
        .filter_map(|p| split_id(&p.front.id).map(|(prefix, _)| prefix.to_string()));
    let prefix = most_common(of_phase).unwrap_or_else(|| site_prefix(&ids, phase));
    let taken: HashSet<&str> = ids.iter().copied().collect();
    free_ids(&prefix, &taken, 1)
        .pop()
        .unwrap_or_else(|| format!("{prefix}1"))
}

/// The ids of the frozen versions' procedures: a sheet deleted since one was
/// cut keeps its id there, and a new sheet given it would be taken for it (the
/// changelog would call it renamed, the switcher would lead to the old one).
fn frozen_ids(root: &Path) -> Vec<String> {
    crate::versions::list(root)
        .iter()
        .flat_map(|v| walkdir::WalkDir::new(v.root.join(load::CONTENT_DIR)))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(".md"))
        .filter(|e| e.file_name() != "_index.md")
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|text| load::yaml::salvage_id(&text))
        .collect()
}

/// The prefix for a phase no procedure uses yet. Handbooks numbered per phase
/// (`PBN-ALE-`) get `PBN-` plus the phase's abbreviation; handbooks with one
/// sequence (`PROC-`) continue it; an empty handbook starts `PBN-<PHA>-`.
fn site_prefix(ids: &[&str], phase: &str) -> String {
    let abbreviation: String = phase
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    let prefixes: Vec<&str> = ids
        .iter()
        .filter_map(|id| split_id(id))
        .map(|(p, _)| p)
        .collect();
    let per_phase = prefixes
        .iter()
        .filter(|p| p.matches('-').count() >= 2)
        .count();
    if prefixes.is_empty() || per_phase * 2 > prefixes.len() {
        let site = most_common(
            prefixes
                .iter()
                .filter(|p| p.matches('-').count() >= 2)
                .filter_map(|p| p.split('-').next())
                .map(str::to_string),
        )
        .unwrap_or_else(|| "PBN".into());
        format!("{site}-{abbreviation}-")
    } else {
        most_common(prefixes.iter().map(|p| p.to_string())).unwrap_or_default()
    }
}

/// The most frequent value; ties go to the first in sort order, so the choice does
/// not depend on file order.
fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut best: Option<(String, usize)> = None;
    for (value, count) in counts {
        if best.as_ref().is_none_or(|(_, c)| count > *c) {
            best = Some((value, count));
        }
    }
    best.map(|(v, _)| v)
}

/// `alerte/ma-fiche.md` → `Ma fiche`.
fn title_from(rel: &str) -> String {
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let stem = stem
        .strip_suffix(".md")
        .unwrap_or(stem)
        .replace(['-', '_'], " ");
    let mut chars = stem.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Gives every folder on the way to the new file an `_index.md`, so that the
/// handbook has no "section without `_index.md`" warning; its title is the
/// folder's name as typed (`typed`, in step with `folder`).
fn write_missing_sections(
    content: &Path,
    folder: &str,
    typed: &str,
    loaded: &Loaded,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut written = Vec::new();
    let mut dir = String::new();
    let names = folder.split('/').zip(typed.split('/'));
    for (name, typed) in names.filter(|(n, _)| !n.is_empty()) {
        if !dir.is_empty() {
            dir.push('/');
        }
        dir.push_str(name);
        let index = content.join(&dir).join("_index.md");
        if index.exists() {
            continue;
        }
        let title = loaded
            .taxonomies
            .phases
            .get(name)
            .map_or_else(|| title_from(typed), |t| t.label.clone());
        let text = format!(
            "---\ntitle: {}\nsummary: \"À compléter : ce que regroupe cette section.\"\n---\n",
            quoted(&title)
        );
        write_new(&index, &text)?;
        written.push(display(&format!("{dir}/_index.md")));
    }
    Ok(written)
}

fn procedure_text(id: &str, title: &str, phase: &str, role: &str, today: NaiveDate) -> String {
    format!(
        r#"---
id: {id}
title: {title}
summary: "À compléter : à quoi sert cette fiche, en une phrase."
kind: procedure
phase: {phase}
roles: [{role}]
regions: ["*"]
establishment_types: ["*"]
priority: P2
trigger: "À compléter : l'événement qui déclenche cette fiche."
status: brouillon
last_reviewed: {today}
tlp: clear
---

## Pour qui {{#pour-qui}}

À compléter : les rôles qui appliquent cette fiche.

## Quand utiliser cette fiche {{#quand}}

À compléter : la situation qui la déclenche, et celle où elle ne s'applique pas.

## Étapes {{#etapes}}

1. **H+0** — À compléter.
2. À compléter.

## Critères de sortie {{#sortie}}

- [ ] À compléter : ce qui doit être vrai pour passer à la fiche suivante.
"#,
        title = quoted(title),
        phase = yaml_code(phase),
        role = yaml_code(role),
        today = today.format("%Y-%m-%d"),
    )
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Codes are written bare, as authors do, unless YAML would read them as
/// something else than a string (`01`, `true`).
fn yaml_code(code: &str) -> String {
    let bare = code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !matches!(
            code,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off"
        );
    if bare {
        code.to_string()
    } else {
        quoted(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_in_content() {
        assert_eq!(
            content_rel("alerte/ma-fiche").unwrap(),
            "alerte/ma-fiche.md"
        );
        assert_eq!(
            content_rel("alerte/ma-fiche.md").unwrap(),
            "alerte/ma-fiche.md"
        );
        assert_eq!(content_rel("content/alerte/x.md").unwrap(), "alerte/x.md");
        assert_eq!(content_rel("alerte/x.MD").unwrap(), "alerte/x.md");
        for bad in [
            "",
            "../x.md",
            "alerte/../../x.md",
            "/etc/x.md",
            "./x.md",
            "a\\b.md",
            "_taxonomies/x.md",
            "alerte/_index.md",
            ".cache/x.md",
            "assets/x.md",
            "search.md",
            "alerte/",
            "alerte/con.md",
            "aux/x.md",
            "alerte/x?.md",
            "alerte./x.md",
        ] {
            assert!(content_rel(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn prefixes_for_new_phases() {
        assert_eq!(site_prefix(&[], "retex"), "PBN-RET-");
        assert_eq!(
            site_prefix(&["CHX-ALE-001", "CHX-MOB-002"], "reprise"),
            "CHX-REP-"
        );
        assert_eq!(site_prefix(&["PROC-00001", "PROC-00002"], "retex"), "PROC-");
    }

    #[test]
    fn titles_and_codes() {
        assert_eq!(title_from("alerte/ma-fiche.md"), "Ma fiche");
        assert_eq!(title_from("été_2.md"), "Été 2");
        assert_eq!(yaml_code("tout-personnel"), "tout-personnel");
        assert_eq!(yaml_code("01"), "\"01\"");
        assert_eq!(quoted("a \"b\""), "\"a \\\"b\\\"\"");
    }
}
