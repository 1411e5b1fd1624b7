//! A zip copy is one archive and nothing else. Bytes before or after it, or
//! entries whose data overlap, let `unzip` or a streaming unzipper unpack other
//! contents than `verify` read (a signed archive with a forged twin joined to
//! it), or inflate the same bytes over and over (a zip bomb): refused.

use std::fs;

use planblanc::archive::verify;

use crate::archive::{assert_refused, signed_fixture};

/// The signed archive with `bytes` written to a sibling file, verified.
fn verify_bytes(
    fx: &crate::archive::Fixture,
    name: &str,
    bytes: &[u8],
) -> planblanc::archive::VerifyReport {
    let path = fx.dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    verify(&path, Some(&fx.keys.public)).unwrap()
}

#[test]
fn bytes_around_the_archive_are_refused() {
    let fx = signed_fixture();
    let genuine = fs::read(&fx.zip).unwrap();
    assert!(verify(&fx.zip, Some(&fx.keys.public)).unwrap().ok());

    // The genuine archive with a twin joined after it: `unzip` reads the twin.
    let mut twin = genuine.clone();
    let at = twin.windows(10).position(|w| w == b"index.html").unwrap();
    twin[at + 200] ^= 0x55;
    let joined = [genuine.clone(), twin].concat();
    let report = verify_bytes(&fx, "joined.zip", &joined);
    assert_refused(
        &report,
        &format!("{} octets après la fin de l'archive", genuine.len()),
    );

    let report = verify_bytes(&fx, "tail.zip", &[genuine.as_slice(), b"x"].concat());
    assert_refused(&report, "1 octet après la fin de l'archive");
    let report = verify_bytes(&fx, "head.zip", &[b"MZ".as_slice(), &genuine].concat());
    assert_refused(&report, "avant l'archive");
}

#[test]
fn overlapping_entries_are_refused() {
    let fx = signed_fixture();
    let mut bytes = fs::read(&fx.zip).unwrap();
    let central = {
        let archive = zip::ZipArchive::new(fs::File::open(&fx.zip).unwrap()).unwrap();
        archive.central_directory_start() as usize
    };
    // The first central record's compressed size (offset 20) made to cover the
    // next entries' headers and data: one entry spans the others.
    assert_eq!(&bytes[central..central + 4], b"PK\x01\x02");
    bytes[central + 20..central + 24].copy_from_slice(&(central as u32 - 100).to_le_bytes());
    let report = verify_bytes(&fx, "overlap.zip", &bytes);
    assert_refused(&report, "entrées qui se chevauchent");
    assert!(report.refused.len() == 1, "{report}");
}
