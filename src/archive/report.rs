//! The verdict of `verify`, and how it reads for a person.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// What happened with `SHA256SUMS.minisig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureStatus {
    /// Checked with the given public key: SHA256SUMS is authentic.
    Valid {
        key_id: String,
        trusted_comment: String,
    },
    /// Checked and wrong: wrong key, altered SHA256SUMS, malformed signature.
    Bad { reason: String },
    /// No signature. `expected` is true when a public key was given, which
    /// makes the copy fail: the reader asked for authenticity.
    Missing { expected: bool },
    /// A signature is there but no public key was given: integrity was
    /// checked, origin was not.
    NotChecked { key_id: Option<String> },
}

/// Whether the copy was a zip or a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyKind {
    Zip,
    Folder,
}

/// Result of checking a copy. Lists are of paths relative to the top folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// The zip file or the top folder that was checked.
    pub copy: PathBuf,
    pub kind: CopyKind,
    /// Name of the top folder, when the copy has exactly one.
    pub top_folder: Option<String>,
    /// Reasons the copy was refused outright (unsafe paths, symlinks, several
    /// top folders…). When not empty, nothing else was checked.
    pub refused: Vec<String>,
    /// Problems with SHA256SUMS itself (absent, malformed lines).
    pub manifest_problems: Vec<String>,
    /// Number of files listed in SHA256SUMS.
    pub listed: usize,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    /// Files only Windows or macOS add (`Thumbs.db`, `.DS_Store`, `._*`,
    /// `__MACOSX/`): listed, never a failure, since no page loads them.
    pub ignored: Vec<String>,
    pub modified: Vec<String>,
    /// Files that could not be read (I/O error, corrupt zip entry).
    pub unreadable: Vec<String>,
    /// Files the disk shows in another case than SHA256SUMS (`STYLE.CSS`) but
    /// opens by the name the pages use: fine on this disk, not to be copied on.
    pub recased: Vec<String>,
    pub signature: SignatureStatus,
}

impl VerifyReport {
    /// True only when every listed file matches, nothing is missing or added,
    /// SHA256SUMS is well-formed and the signature is valid (or, with no
    /// public key given, not checked or absent).
    pub fn ok(&self) -> bool {
        self.refused.is_empty()
            && self.manifest_problems.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.modified.is_empty()
            && self.unreadable.is_empty()
            && self.signature_acceptable()
    }

    /// True when the copy is `ok()` and its signature was checked with a
    /// public key: both intact and from the expected publisher.
    pub fn authenticated(&self) -> bool {
        self.ok() && matches!(self.signature, SignatureStatus::Valid { .. })
    }

    fn signature_acceptable(&self) -> bool {
        match self.signature {
            SignatureStatus::Valid { .. } | SignatureStatus::NotChecked { .. } => true,
            SignatureStatus::Missing { expected } => !expected,
            SignatureStatus::Bad { .. } => false,
        }
    }

    fn verdict(&self) -> &'static str {
        if !self.refused.is_empty() {
            match self.kind {
                CopyKind::Zip => "ARCHIVE REFUSÉE (REFUSED) — ne pas décompresser, ne pas utiliser",
                CopyKind::Folder => "COPIE REFUSÉE (REFUSED) — ne pas utiliser cette copie",
            }
        } else if !self.ok() {
            "COPIE NON CONFORME (FAILED) — ne pas utiliser cette copie"
        } else if self.authenticated() {
            "COPIE CONFORME ET AUTHENTIQUE (OK)"
        } else {
            "COPIE INTÈGRE, ORIGINE NON VÉRIFIÉE (OK, sans clé publique)"
        }
    }
}

impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            CopyKind::Zip => "archive zip",
            CopyKind::Folder => "dossier",
        };
        writeln!(f, "Copie vérifiée : {} ({kind})", self.copy.display())?;
        if let Some(top) = &self.top_folder {
            writeln!(f, "Dossier principal : {top}")?;
        }
        writeln!(f, "Résultat : {}", self.verdict())?;
        if !self.refused.is_empty() {
            write_list(f, "Raisons du refus", &self.refused)?;
            return writeln!(f, "Aucun autre contrôle n'a été fait.");
        }
        writeln!(f, "Fichiers listés dans SHA256SUMS : {}", self.listed)?;
        write_signature(f, &self.signature)?;
        write_list(f, "Problèmes dans SHA256SUMS", &self.manifest_problems)?;
        write_list(f, "Fichiers modifiés", &self.modified)?;
        write_list(f, "Fichiers manquants", &self.missing)?;
        write_list(f, "Fichiers en trop, absents de SHA256SUMS", &self.extra)?;
        // Listed so nothing goes unsaid; never a failure, since no page loads them.
        write_list(
            f,
            "Fichiers ajoutés par Windows ou macOS, ignorés",
            &self.ignored,
        )?;
        write_list(f, "Fichiers illisibles", &self.unreadable)?;
        write_list(
            f,
            "Noms montrés dans une autre casse par ce support (clé FAT lue sans ses \
             indications de casse) ; la copie s'ouvre ici, mais pour la recopier, \
             repartez de l'archive zip",
            &self.recased,
        )
    }
}

fn write_signature(f: &mut fmt::Formatter<'_>, status: &SignatureStatus) -> fmt::Result {
    match status {
        SignatureStatus::Valid {
            key_id,
            trusted_comment,
        } => {
            writeln!(f, "Signature : valide (clé {key_id})")?;
            writeln!(f, "Commentaire de confiance : {trusted_comment}")
        }
        SignatureStatus::Bad { reason } => writeln!(f, "Signature : INVALIDE : {reason}"),
        SignatureStatus::Missing { expected: true } => writeln!(
            f,
            "Signature : ABSENTE alors qu'une clé publique a été fournie (SHA256SUMS.minisig manquant)"
        ),
        SignatureStatus::Missing { expected: false } => writeln!(
            f,
            "Signature : absente (copie non signée : origine invérifiable)"
        ),
        SignatureStatus::NotChecked { key_id } => {
            let by = key_id
                .as_deref()
                .map(|id| format!(", faite par la clé {id}"))
                .unwrap_or_default();
            writeln!(
                f,
                "Signature : non vérifiée{by} (signature not checked) : donnez --pubkey cle.pub pour vérifier l'origine"
            )
        }
    }
}

/// Prints `title (n) :` then one indented line per item; nothing when empty.
/// Long lists are cut: a thousand lines help nobody decide.
fn write_list(f: &mut fmt::Formatter<'_>, title: &str, items: &[String]) -> fmt::Result {
    const SHOWN: usize = 50;
    if items.is_empty() {
        return Ok(());
    }
    writeln!(f, "{title} ({}) :", items.len())?;
    for item in items.iter().take(SHOWN) {
        writeln!(f, "  - {item}")?;
    }
    if items.len() > SHOWN {
        writeln!(f, "  … et {} autres", items.len() - SHOWN)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean() -> VerifyReport {
        VerifyReport {
            copy: PathBuf::from("copie.zip"),
            kind: CopyKind::Zip,
            top_folder: Some("plan".into()),
            refused: vec![],
            manifest_problems: vec![],
            listed: 3,
            missing: vec![],
            extra: vec![],
            ignored: vec![],
            modified: vec![],
            unreadable: vec![],
            recased: vec![],
            signature: SignatureStatus::Valid {
                key_id: "ABCD".into(),
                trusted_comment: "planblanc edition:1".into(),
            },
        }
    }

    #[test]
    fn ok_rules_for_signature_states() {
        assert!(clean().authenticated());
        let with = |signature| VerifyReport {
            signature,
            ..clean()
        };
        assert!(with(SignatureStatus::NotChecked { key_id: None }).ok());
        assert!(!with(SignatureStatus::NotChecked { key_id: None }).authenticated());
        assert!(with(SignatureStatus::Missing { expected: false }).ok());
        assert!(!with(SignatureStatus::Missing { expected: true }).ok());
        assert!(!with(SignatureStatus::Bad { reason: "x".into() }).ok());
    }

    #[test]
    fn any_difference_fails() {
        let one = vec!["index.html".to_string()];
        assert!(!VerifyReport {
            modified: one.clone(),
            ..clean()
        }
        .ok());
        assert!(!VerifyReport {
            missing: one.clone(),
            ..clean()
        }
        .ok());
        assert!(!VerifyReport {
            extra: one.clone(),
            ..clean()
        }
        .ok());
        assert!(!VerifyReport {
            unreadable: one.clone(),
            ..clean()
        }
        .ok());
        assert!(!VerifyReport {
            manifest_problems: one.clone(),
            ..clean()
        }
        .ok());
        assert!(!VerifyReport {
            refused: one,
            ..clean()
        }
        .ok());
    }

    #[test]
    fn display_is_french_and_lists_files() {
        let report = VerifyReport {
            modified: vec!["contacts.html".into()],
            signature: SignatureStatus::NotChecked {
                key_id: Some("ABCD".into()),
            },
            ..clean()
        };
        let text = report.to_string();
        assert!(text.contains("Résultat : COPIE NON CONFORME"), "{text}");
        assert!(
            text.contains("Fichiers modifiés (1) :\n  - contacts.html"),
            "{text}"
        );
        assert!(text.contains("signature not checked"), "{text}");
        assert!(clean()
            .to_string()
            .contains("COPIE CONFORME ET AUTHENTIQUE"));
    }

    #[test]
    fn refused_report_says_nothing_else_was_checked() {
        let report = VerifyReport {
            refused: vec!["../evil : composant « .. »".into()],
            ..clean()
        };
        let text = report.to_string();
        assert!(text.contains("ARCHIVE REFUSÉE"), "{text}");
        assert!(text.contains("../evil"), "{text}");
        assert!(!text.contains("Signature"), "{text}");
    }
}
