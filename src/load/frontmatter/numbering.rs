//! How procedure ids are numbered (`PBN-ALE-007`): shared by `new`, which picks
//! the next id, and validation, which offers free ones for a copied sheet.

use std::collections::HashSet;

/// `PBN-ALE-007` → (`PBN-ALE-`, `007`): the trailing digits and what comes before.
pub fn split_id(id: &str) -> Option<(&str, &str)> {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = id.split_at(id.len() - digits);
    (!prefix.is_empty() && !number.is_empty()).then_some((prefix, number))
}

/// `count` ids with `prefix` that no id of `taken` holds, after the highest
/// number the prefix has there (a retired number below it is never reused), as
/// wide as the widest (`PBN-ALE-007` → `PBN-ALE-008`).
pub fn free_ids(prefix: &str, taken: &HashSet<&str>, count: usize) -> Vec<String> {
    let numbers: Vec<&str> = (taken.iter())
        .filter_map(|id| split_id(id))
        .filter(|(p, _)| *p == prefix)
        .map(|(_, n)| n)
        .collect();
    let width = numbers.iter().map(|n| n.len()).max().unwrap_or(3);
    let highest = (numbers.iter())
        .filter_map(|n| n.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    (highest.saturating_add(1)..)
        .map(|n| format!("{prefix}{n:0width$}"))
        .filter(|id| !taken.contains(id.as_str()))
        .take(count)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split_at_trailing_digits() {
        assert_eq!(split_id("PBN-ALE-007"), Some(("PBN-ALE-", "007")));
        assert_eq!(split_id("PROC-00012"), Some(("PROC-", "00012")));
        assert_eq!(split_id("ABC"), None);
        assert_eq!(split_id("123"), None);
    }

    #[test]
    fn free_ids_follow_the_highest_number_at_its_width() {
        let taken: HashSet<&str> = ["PBN-ALE-001", "PBN-ALE-007", "PBN-MOB-012", "PROC-0099"]
            .into_iter()
            .collect();
        assert_eq!(
            free_ids("PBN-ALE-", &taken, 2),
            ["PBN-ALE-008", "PBN-ALE-009"]
        );
        assert_eq!(free_ids("PROC-", &taken, 1), ["PROC-0100"]);
        assert_eq!(free_ids("NEW-", &taken, 1), ["NEW-001"]);
    }
}
