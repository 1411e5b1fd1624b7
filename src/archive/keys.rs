//! Minisign keys and signatures, compatible with the standard `minisign` tool.
//!
//! - `keygen` writes keys in minisign's own format: `minisign -V` accepts the
//!   public key, `minisign -S` the secret key.
//! - `Signer::load` accepts keys from `minisign -G` (encrypted, with a
//!   password) and `minisign -G -W` (unencrypted).
//! - Signatures are prehashed (BLAKE2b-512 then Ed25519), like current
//!   minisign, with a trusted comment naming the handbook edition. They are
//!   plain RFC 8032 Ed25519, which is deterministic: the same key, data and
//!   comment give the same `.minisig` bytes, so signed archives are
//!   reproducible. (The `minisign` crate's own `sign` mixes in fresh
//!   randomness; it is still used to load keys and to check every signature.)
//!
//! The `minisign` crate asks for a password on the terminal when given
//! `None`; this module never passes `None`, so a library call can never
//! block on a prompt.

use std::fs::{self, OpenOptions};
use std::io::{self, Cursor, Read, Write};
use std::path::Path;

use blake2::{Blake2b512, Digest};
use ct_codecs::{Base64, Decoder, Encoder};
use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox, SignatureBox};

use super::error::ArchiveError;

/// Key files are a few hundred bytes; anything much larger is not a key.
const MAX_KEY_FILE: u64 = 16 * 1024;
/// minisign refuses longer passwords.
const MAX_PASSWORD: usize = 1024;
/// minisign's limit for a trusted comment line is 8192 bytes.
pub const MAX_TRUSTED_COMMENT: usize = 8000;
/// A signature file holds four short lines.
pub const MAX_SIGNATURE_FILE: u64 = 16 * 1024;

/// Start of the base64 secret key line, by kind (`Ed` + KDF + checksum algorithm):
/// `Ed Sc B2` is scrypt-encrypted, `Ed \0\0 B2` is unencrypted (`minisign -W`).
const ENCRYPTED_PREFIX: &str = "RWRTY0Iy";
const UNENCRYPTED_PREFIX: &str = "RWQAAEIy";

/// Byte layout of a serialized secret key (see minisign's `SecretKey::to_bytes`).
const KDF_ALG: std::ops::Range<usize> = 2..4;
const KDF_PARAMS: std::ops::Range<usize> = 6..54;
/// Serialized secret key: algorithms, salt, limits, key id, key, checksum.
const SECRET_KEY_LEN: usize = 158;
/// Where the 8-byte key id and the 64-byte Ed25519 key (seed, then public
/// half) sit in a serialized, decrypted secret key.
const KEY_ID: std::ops::Range<usize> = 54..62;
const ED25519_KEY: std::ops::Range<usize> = 62..126;
/// A prehashed signature starts with these two bytes (`ED`); legacy ones, `Ed`.
const PREHASHED_ALG: &[u8; 2] = b"ED";

/// A loaded secret key, ready to sign.
pub struct Signer {
    secret: SecretKey,
    public: PublicKey,
}

impl Signer {
    /// Loads a minisign secret key. `password` must be given for an encrypted
    /// key and must not be given for an unencrypted one (a password there
    /// most likely means the wrong key file).
    pub fn load(path: &Path, password: Option<&str>) -> Result<Self, ArchiveError> {
        let text = read_small_text(path, "lire la clé secrète")?;
        let key_line = text.lines().nth(1).unwrap_or("").trim();
        let password = password.filter(|p| !p.is_empty());
        let secret = match (encryption_of(key_line), password) {
            (Some(true), Some(password)) => decode_encrypted(path, &text, password)?,
            // Keys made by the minisign crate without a password still say
            // "scrypt"; an empty password opens them without any scrypt work.
            (Some(true), None) => decode_encrypted(path, &text, "").map_err(|_| {
                ArchiveError::key(path, "clé chiffrée : un mot de passe est nécessaire")
            })?,
            (Some(false), None) => decode_unencrypted(path, key_line)?,
            (Some(false), Some(_)) => {
                return Err(ArchiveError::key(
                    path,
                    "cette clé n'est pas chiffrée mais un mot de passe a été fourni : est-ce la bonne clé ?",
                ))
            }
            (None, _) => {
                return Err(ArchiveError::key(
                    path,
                    "ce n'est pas une clé secrète minisign (Ed25519)",
                ))
            }
        };
        let public = PublicKey::from_secret_key(&secret)
            .map_err(|err| ArchiveError::key(path, err.to_string()))?;
        let signer = Signer { secret, public };
        // A test signature, checked with the key's own public half, catches
        // a corrupted key now rather than after hashing the whole site.
        signer
            .sign(path, b"", "planblanc key check")
            .map_err(|_| ArchiveError::key(path, "clé corrompue (la signature de test échoue)"))?;
        Ok(signer)
    }

    /// The key identifier as minisign prints it (`28DE224E05C0AE89`).
    pub fn key_id(&self) -> String {
        key_id(self.public.keynum())
    }

    /// Signs `data` and returns the `.minisig` file text. `path` names the
    /// signed file in error messages.
    pub fn sign(
        &self,
        path: &Path,
        data: &[u8],
        trusted_comment: &str,
    ) -> Result<String, ArchiveError> {
        let sign_error = |reason: String| ArchiveError::Sign {
            path: path.to_path_buf(),
            reason,
        };
        if trusted_comment.len() > MAX_TRUSTED_COMMENT || trusted_comment.contains(['\n', '\r']) {
            return Err(sign_error(
                "commentaire de confiance trop long ou sur plusieurs lignes".into(),
            ));
        }
        let untrusted = format!("signature from planblanc, key {}", self.key_id());
        let key_bytes = self.secret.to_bytes();
        let key = ed25519_compact::SecretKey::from_slice(&key_bytes[ED25519_KEY])
            .map_err(|err| sign_error(err.to_string()))?;
        // No noise: RFC 8032 signing, whose nonce comes from the key and the
        // message, so signing twice gives the same bytes.
        let signature = key.sign(Blake2b512::digest(data), None);
        let mut signed_comment = signature.to_vec();
        signed_comment.extend_from_slice(trusted_comment.as_bytes());
        let global = key.sign(&signed_comment, None);

        let mut signature_line = PREHASHED_ALG.to_vec();
        signature_line.extend_from_slice(&key_bytes[KEY_ID]);
        signature_line.extend_from_slice(signature.as_ref());
        let text = format!(
            "untrusted comment: {untrusted}\n{}\ntrusted comment: {trusted_comment}\n{}\n",
            base64_encode(&signature_line),
            base64_encode(global.as_ref()),
        );
        // Checked with minisign's own verifier and the key's public half:
        // what we write is what `minisign -V` will accept.
        match check_signature(&self.public, text.as_bytes(), data) {
            SignatureCheck::Valid { .. } => Ok(text),
            SignatureCheck::Bad { reason } => Err(sign_error(reason)),
        }
    }
}

/// `Some(true)` for an encrypted key line, `Some(false)` for an unencrypted
/// one, `None` for anything else.
fn encryption_of(key_line: &str) -> Option<bool> {
    if key_line.starts_with(ENCRYPTED_PREFIX) {
        Some(true)
    } else if key_line.starts_with(UNENCRYPTED_PREFIX) {
        Some(false)
    } else {
        None
    }
}

/// Decrypts a scrypt-protected key; the crate checks the checksum, which
/// is how a wrong password shows.
fn decode_encrypted(path: &Path, text: &str, password: &str) -> Result<SecretKey, ArchiveError> {
    SecretKeyBox::from_string(text)
        .and_then(|key_box| key_box.into_secret_key(Some(password.to_string())))
        .map_err(|err| {
            let reason = err.to_string();
            if reason.contains("Wrong password") {
                ArchiveError::key(path, "mot de passe incorrect (ou clé corrompue)")
            } else {
                ArchiveError::key(path, reason)
            }
        })
}

/// Decodes an unencrypted key directly. `minisign -G -W` leaves its
/// checksum at zero and never checks it, while the crate always would, so
/// the crate's loader refuses such keys; the signing self-test in `load`
/// checks the key instead.
fn decode_unencrypted(path: &Path, key_line: &str) -> Result<SecretKey, ArchiveError> {
    let bytes = base64_decode(key_line)
        .filter(|bytes| bytes.len() == SECRET_KEY_LEN)
        .ok_or_else(|| ArchiveError::key(path, "clé secrète mal encodée (base64)"))?;
    SecretKey::from_bytes(&bytes).map_err(|err| ArchiveError::key(path, err.to_string()))
}

/// Standard base64 with padding, as minisign writes it.
fn base64_encode(bytes: &[u8]) -> String {
    // Only fails when the output would overflow `usize`.
    Base64::encode_to_string(bytes).unwrap_or_default()
}

/// Strict standard base64 with padding, as minisign writes it.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    Base64::decode_to_vec(text, None).ok()
}

/// Reads a key or signature file, refusing anything too large to be one. The
/// read itself is bounded: a device or a pipe (`/dev/zero`, `<(…)`) has no
/// size to check beforehand.
fn read_small_text(path: &Path, action: &'static str) -> Result<String, ArchiveError> {
    let file = fs::File::open(path).map_err(|err| ArchiveError::io(path, action, err))?;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| ArchiveError::io(path, action, err))?;
    if bytes.len() as u64 > MAX_KEY_FILE {
        return Err(ArchiveError::key(
            path,
            "fichier trop grand pour être une clé",
        ));
    }
    String::from_utf8(bytes).map_err(|_| ArchiveError::key(path, "ce n'est pas un fichier texte"))
}

/// Loads a minisign public key file (`untrusted comment: …` then the base64 key).
pub fn load_public_key(path: &Path) -> Result<PublicKey, ArchiveError> {
    let text = read_small_text(path, "lire la clé publique")?;
    let key = PublicKeyBox::from_string(&text)
        .and_then(PublicKeyBox::into_public_key)
        .map_err(|_| ArchiveError::key(path, "ce n'est pas une clé publique minisign"))?;
    Ok(key)
}

/// Hex key identifier, most significant byte first, as minisign prints it.
pub fn key_id(keynum: &[u8]) -> String {
    keynum
        .iter()
        .rev()
        .map(|byte| format!("{byte:02X}"))
        .collect()
}

/// Outcome of checking a `.minisig` against data with a public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    Valid {
        key_id: String,
        trusted_comment: String,
    },
    Bad {
        reason: String,
    },
}

/// Checks `signature_text` (a `.minisig` file) over `data` with `public`.
pub fn check_signature(public: &PublicKey, signature_text: &[u8], data: &[u8]) -> SignatureCheck {
    let bad = |reason: String| SignatureCheck::Bad { reason };
    let signature = match parse_signature(signature_text) {
        Ok(signature) => signature,
        Err(reason) => return bad(reason),
    };
    let signed_by = key_id(signature.keynum());
    let expected = key_id(public.keynum());
    if signed_by != expected {
        return bad(format!(
            "signée par la clé {signed_by}, mais la clé publique fournie est {expected}"
        ));
    }
    // quiet: no printing; no output copy; legacy (non-prehashed) refused.
    if minisign::verify(public, &signature, Cursor::new(data), true, false, false).is_err() {
        return bad("signature invalide : SHA256SUMS ou la signature ont été modifiés".into());
    }
    match signature.trusted_comment() {
        Ok(trusted_comment) => SignatureCheck::Valid {
            key_id: expected,
            trusted_comment,
        },
        Err(_) => bad("commentaire de confiance illisible".into()),
    }
}

/// Key identifier of the key that made a signature, without checking it.
pub fn signature_key_id(signature_text: &[u8]) -> Option<String> {
    parse_signature(signature_text)
        .ok()
        .map(|signature| key_id(signature.keynum()))
}

/// Parses a `.minisig`, with the checks the `minisign` crate does not do:
/// it slices the global signature as 64 bytes without checking its length,
/// which would panic on a crafted file.
fn parse_signature(text: &[u8]) -> Result<SignatureBox, String> {
    let text =
        std::str::from_utf8(text).map_err(|_| "signature illisible (pas du texte)".to_string())?;
    let lines: Vec<&str> = text.lines().collect();
    let [_, _, _, global] = lines.as_slice() else {
        return Err("signature mal formée (4 lignes attendues)".into());
    };
    if base64_decoded_len(global.trim()) != 64 {
        return Err("signature mal formée (signature globale de mauvaise taille)".into());
    }
    SignatureBox::from_string(text).map_err(|err| format!("signature mal formée : {err}"))
}

/// Length of the bytes a padded base64 string decodes to.
fn base64_decoded_len(text: &str) -> usize {
    let padding = text.bytes().rev().take_while(|b| *b == b'=').count();
    (text.len() / 4 * 3).saturating_sub(padding)
}

/// Creates a minisign key pair. The secret key file is created with mode
/// 0600 from the start (never readable by others, not even briefly); both
/// files are refused if they exist, unless `force`.
pub fn keygen(
    secret_path: &Path,
    public_path: &Path,
    password: Option<&str>,
    force: bool,
) -> Result<(), ArchiveError> {
    if secret_path == public_path {
        return Err(ArchiveError::key(
            secret_path,
            "clé secrète et clé publique au même endroit",
        ));
    }
    check_new_password(secret_path, password)?;
    let pair = generate(secret_path, password)?;
    let secret_text = secret_box_text(secret_path, &pair.sk, password.is_some())?;
    let public_text = pair
        .pk
        .to_box()
        .map_err(|err| ArchiveError::key(public_path, err.to_string()))?
        .into_string();
    make_room(secret_path, force)?;
    make_room(public_path, force)?;
    create_new_file(secret_path, secret_text.as_bytes(), 0o600)?;
    if let Err(err) = create_new_file(public_path, public_text.as_bytes(), 0o644) {
        // A secret key without its public key is useless and confusing.
        let _ = fs::remove_file(secret_path);
        return Err(err);
    }
    Ok(())
}

fn check_new_password(path: &Path, password: Option<&str>) -> Result<(), ArchiveError> {
    match password {
        Some("") => Err(ArchiveError::key(
            path,
            "mot de passe vide : n'en donnez aucun pour une clé non chiffrée",
        )),
        Some(p) if p.len() > MAX_PASSWORD => Err(ArchiveError::key(
            path,
            "mot de passe trop long (1024 octets au plus)",
        )),
        _ => Ok(()),
    }
}

/// Generates the pair. The crate can only make an unencrypted key that still
/// claims scrypt encryption, which the `minisign` tool would then try to
/// decrypt; so an unencrypted key is rewritten as `minisign -W` writes it
/// (KDF "none", zero salt and limits).
fn generate(path: &Path, password: Option<&str>) -> Result<KeyPair, ArchiveError> {
    let key_error = |err: minisign::PError| ArchiveError::key(path, err.to_string());
    let pair = KeyPair::generate_encrypted_keypair(Some(password.unwrap_or("").to_string()))
        .map_err(key_error)?;
    if password.is_some() {
        return Ok(pair);
    }
    let mut bytes = pair.sk.to_bytes();
    bytes[KDF_ALG].fill(0);
    bytes[KDF_PARAMS].fill(0);
    let sk = SecretKey::from_bytes(&bytes).map_err(key_error)?;
    Ok(KeyPair { pk: pair.pk, sk })
}

fn secret_box_text(path: &Path, sk: &SecretKey, encrypted: bool) -> Result<String, ArchiveError> {
    let comment = if encrypted {
        "minisign encrypted secret key (planblanc)"
    } else {
        "minisign unencrypted secret key (planblanc)"
    };
    sk.to_box(Some(comment))
        .map(SecretKeyBox::into_string)
        .map_err(|err| ArchiveError::key(path, err.to_string()))
}

/// Refuses an existing file unless `force`, in which case it is removed
/// (a symlink is removed itself, its target is left alone).
fn make_room(path: &Path, force: bool) -> Result<(), ArchiveError> {
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(ArchiveError::io(path, "examiner", err)),
        Ok(_) if !force => Err(ArchiveError::KeyExists {
            path: path.to_path_buf(),
        }),
        Ok(_) => fs::remove_file(path).map_err(|err| ArchiveError::io(path, "remplacer", err)),
    }
}

/// Creates `path` (never overwriting, never following a symlink) with `mode`
/// set at creation, writes `bytes` and syncs.
fn create_new_file(path: &Path, bytes: &[u8], mode: u32) -> Result<(), ArchiveError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    set_mode(&mut options, mode);
    let mut file = options
        .open(path)
        .map_err(|err| ArchiveError::io(path, "créer", err))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|err| ArchiveError::io(path, "écrire", err))
}

#[cfg(unix)]
fn set_mode(options: &mut OpenOptions, mode: u32) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(mode);
}

#[cfg(not(unix))]
fn set_mode(_options: &mut OpenOptions, _mode: u32) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device has no size to check first: the read stops at the limit.
    #[cfg(unix)]
    #[test]
    fn an_endless_key_file_is_refused_after_a_bounded_read() {
        let err = load_public_key(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("trop grand"), "{err}");
    }

    #[test]
    fn key_id_is_printed_like_minisign() {
        let keynum = [0x89, 0xae, 0xc0, 0x05, 0x4e, 0x22, 0xde, 0x28];
        assert_eq!(key_id(&keynum), "28DE224E05C0AE89");
    }

    #[test]
    fn base64_length_counts_padding() {
        assert_eq!(base64_decoded_len(&format!("{}==", "A".repeat(86))), 64);
        assert_eq!(base64_decoded_len("AAAA"), 3);
        assert_eq!(base64_decoded_len("AA=="), 1);
        assert_eq!(base64_decoded_len(""), 0);
    }

    #[test]
    fn base64_decodes_strictly() {
        assert_eq!(base64_decode("aGVsbG8K"), Some(b"hello\n".to_vec()));
        assert_eq!(base64_decode("aGk="), Some(b"hi".to_vec()));
        assert_eq!(base64_decode("aA=="), Some(b"h".to_vec()));
        assert_eq!(base64_decode(""), Some(vec![]));
        for bad in ["aGk", "aG=k", "a===", "aA==aGk=", "aGk*", "é123"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn short_global_signature_is_refused_without_panic() {
        let text = "untrusted comment: x\nRUQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntrusted comment: y\nAAAA\n";
        assert!(parse_signature(text.as_bytes()).is_err());
        assert!(signature_key_id(text.as_bytes()).is_none());
        assert!(parse_signature(b"").is_err());
        assert!(parse_signature(&[0xff; 10]).is_err());
    }

    #[test]
    fn secret_key_kind_is_read_from_its_prefix() {
        assert_eq!(encryption_of("RWRTY0IyAAAA"), Some(true));
        assert_eq!(encryption_of("RWQAAEIyAAAA"), Some(false));
        assert_eq!(encryption_of("RWSJrsAFTiLe"), None);
        assert_eq!(encryption_of(""), None);
    }
}
