//! Front-matter format migrations. A frozen version records the format it was cut
//! in (`versions/<label>/version.yaml`); when a field is renamed, the rename is added
//! here and old snapshots are read through it, unchanged on disk.

use super::yaml::Yaml;

/// The current front-matter format.
pub const FORMAT: u32 = 1;

/// Renames applied to snapshots older than each format: (format introduced, old, new).
/// Format 0 is the pre-release draft, where establishment types were `types` and
/// the review date `reviewed`.
const RENAMES: &[(u32, &str, &str)] = &[
    (1, "types", "establishment_types"),
    (1, "reviewed", "last_reviewed"),
];

/// Renames the keys of a front matter written in `format` to today's names.
pub fn front_matter(format: u32, entries: &mut [(String, Yaml)]) {
    if format >= FORMAT {
        return;
    }
    for (since, old, new) in RENAMES {
        if format < *since {
            for (key, _) in entries.iter_mut() {
                if key == old {
                    *key = new.to_string();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_old_keys_only_for_old_formats() {
        let mut e = vec![
            ("types".to_string(), Yaml::Null),
            ("id".to_string(), Yaml::Null),
        ];
        front_matter(FORMAT, &mut e);
        assert_eq!(e[0].0, "types");
        front_matter(0, &mut e);
        assert_eq!(e[0].0, "establishment_types");
        assert_eq!(e[1].0, "id");
    }
}
