//! The fix for a date YAML read as text: authors type dates as French letters
//! and forms do (`31/03/2026`, `15 janvier 2026`), or as Hugo writes them (with a
//! time). They are read here for the help only: the field still takes ISO dates.

use chrono::NaiveDate;

/// What to write instead of `text`, which is no `YYYY-MM-DD` date.
pub fn fix(text: &str) -> String {
    let text = text.trim();
    if let Some(day) = with_time(text) {
        return format!("write the day alone: `{day}`");
    }
    // `2026-1-5`: chrono reads it, but a sorted list of files would not.
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return format!("write the month and the day with two digits: `{day}`");
    }
    let numeric = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok());
    match numeric.or_else(|| in_words(text)) {
        Some(day) => format!("write it year first: `{day}`"),
        None => "write an ISO date, YYYY-MM-DD, e.g. `2026-03-31`".to_string(),
    }
}

/// `2026-01-15T10:00:00Z`, `2026-01-15 10:00`: the day before the time.
fn with_time(text: &str) -> Option<NaiveDate> {
    let (day, time) = text.split_at_checked(10)?;
    if !time.starts_with(['T', 't', ' ']) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// `15 janvier 2026`, `mercredi 1er avril 2026`, `15 janv. 2026`,
/// `January 15, 2026`: a day, a month's name and a year, in either order.
fn in_words(text: &str) -> Option<NaiveDate> {
    let (mut day, mut month, mut year) = (None, None, None);
    let lower = text.to_lowercase();
    for word in lower.split([' ', ',', '\u{a0}']).filter(|w| !w.is_empty()) {
        let word = word.trim_end_matches('.');
        let number = word
            .strip_suffix("er")
            .or_else(|| word.strip_suffix("st"))
            .or_else(|| word.strip_suffix("nd"))
            .or_else(|| word.strip_suffix("rd"))
            .or_else(|| word.strip_suffix("th"))
            .unwrap_or(word);
        if let Ok(n) = number.parse::<u32>() {
            match (n, word.len()) {
                (_, 4) if year.is_none() => year = Some(n as i32),
                (1..=31, 1..=4) if day.is_none() => day = Some(n),
                _ => return None,
            }
        } else if let Some(m) = month_number(word) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if !is_weekday(word) {
            return None;
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["janvier", "janv", "jan", "january"],
        &[
            "février", "fevrier", "févr", "fevr", "fév", "fev", "feb", "february",
        ],
        &["mars", "mar", "march"],
        &["avril", "avr", "apr", "april"],
        &["mai", "may"],
        &["juin", "jun", "june"],
        &["juillet", "juil", "jul", "july"],
        &["août", "aout", "aug", "august"],
        &["septembre", "sept", "sep", "september"],
        &["octobre", "oct", "october"],
        &["novembre", "nov", "november"],
        &["décembre", "decembre", "déc", "dec", "december"],
    ];
    (1..)
        .zip(MONTHS)
        .find_map(|(n, names)| names.contains(&word).then_some(n))
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 14] = [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_write_them_get_their_iso_form() {
        for (typed, help) in [
            ("31/03/2026", "write it year first: `2026-03-31`"),
            ("15 janvier 2026", "write it year first: `2026-01-15`"),
            (
                "mercredi 1er avril 2026",
                "write it year first: `2026-04-01`",
            ),
            ("15 janv. 2026", "write it year first: `2026-01-15`"),
            ("3 AOÛT 2025", "write it year first: `2025-08-03`"),
            ("January 15, 2026", "write it year first: `2026-01-15`"),
            (
                "2026-1-5",
                "write the month and the day with two digits: `2026-01-05`",
            ),
            ("2026-01-15T10:00:00Z", "write the day alone: `2026-01-15`"),
        ] {
            assert_eq!(fix(typed), help, "{typed}");
        }
        let generic = "write an ISO date, YYYY-MM-DD, e.g. `2026-03-31`";
        for unsure in [
            "janvier 2026",
            "31 février 2026",
            "15 janvier",
            "hier",
            "15 15 janvier 2026",
            "2026-13-01",
        ] {
            assert_eq!(fix(unsure), generic, "{unsure}");
        }
    }
}
