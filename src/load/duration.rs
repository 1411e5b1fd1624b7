//! ISO-8601 durations as used for regulatory deadlines (`PT72H`, `P1D`, `P1DT12H`).
//! The grammar is tiny and we need the parts for display, so it is parsed here.

/// A duration in its written parts. Years and months are kept as written: a deadline
/// of `P1M` is "one month", not a number of days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Duration {
    pub iso: String,
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
    pub hours: u32,
    pub minutes: u32,
    pub seconds: u32,
}

impl Duration {
    pub fn parse(text: &str) -> Option<Duration> {
        let rest = text.strip_prefix('P')?;
        let mut d = Duration {
            iso: text.to_string(),
            ..Duration::default()
        };
        let (date_part, time_part) = match rest.split_once('T') {
            Some((a, b)) if !b.is_empty() => (a, Some(b)),
            Some(_) => return None,
            None => (rest, None),
        };
        let mut any = false;
        for (n, unit) in components(date_part)? {
            any = true;
            match unit {
                'Y' => d.years = n,
                'M' => d.months = n,
                'W' => d.weeks = n,
                'D' => d.days = n,
                _ => return None,
            }
        }
        for (n, unit) in components(time_part.unwrap_or(""))? {
            any = true;
            match unit {
                'H' => d.hours = n,
                'M' => d.minutes = n,
                'S' => d.seconds = n,
                _ => return None,
            }
        }
        any.then_some(d)
    }

    /// Human form, e.g. `72 h`, `1 j 12 h`, `30 min` (French) or `72 h`, `1 d 12 h` (English).
    pub fn human(&self, lang: &str) -> String {
        let (y, mo, w, d) = if lang == "en" {
            ("y", "mo", "wk", "d")
        } else {
            ("an", "mois", "sem.", "j")
        };
        let parts = [
            (self.years, y),
            (self.months, mo),
            (self.weeks, w),
            (self.days, d),
            (self.hours, "h"),
            (self.minutes, "min"),
            (self.seconds, "s"),
        ];
        parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, u)| format!("{n}\u{a0}{u}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A deadline as people type it (`15 min`, `2h`, `1h30`, `48 heures`, `3 jours`,
/// `1 semaine`, `72H`): its ISO-8601 form, for the fix. None when unsure (a
/// decimal, a unit twice, words that are no unit).
pub fn from_words(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    // Weeks, days, hours, minutes, in ISO's order.
    let mut amounts: [Option<u32>; 4] = [None; 4];
    let mut last = None;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let number: u32 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let word_len = rest.len() - rest.trim_start_matches(char::is_alphabetic).len();
        let (word, after) = rest.split_at(word_len);
        let slot = match word {
            "w" | "sem" | "semaine" | "semaines" | "week" | "weeks" => 0,
            "j" | "jour" | "jours" | "d" | "day" | "days" => 1,
            "h" | "hr" | "hrs" | "heure" | "heures" | "hour" | "hours" => 2,
            "m" | "mn" | "min" | "mins" | "minute" | "minutes" => 3,
            // `1h30`: the minutes after hours need no unit.
            "" if last == Some(2) && after.trim().is_empty() => 3,
            _ => return None,
        };
        if amounts[slot].is_some() || last.is_some_and(|l| l >= slot) {
            return None;
        }
        amounts[slot] = Some(number);
        last = Some(slot);
        rest = after.trim_start().trim_start_matches(',').trim_start();
        for joint in ["et ", "and "] {
            rest = rest.strip_prefix(joint).unwrap_or(rest);
        }
    }
    let part = |slot: usize, unit: char| amounts[slot].map(|n| format!("{n}{unit}"));
    let date: String = [part(0, 'W'), part(1, 'D')].into_iter().flatten().collect();
    let time: String = [part(2, 'H'), part(3, 'M')].into_iter().flatten().collect();
    let iso = match time.is_empty() {
        true => format!("P{date}"),
        false => format!("P{date}T{time}"),
    };
    Duration::parse(&iso).map(|_| iso)
}

/// `12H30M` → [(12,'H'), (30,'M')]; None on anything malformed. Units must not repeat.
fn components(s: &str) -> Option<Vec<(u32, char)>> {
    let mut out: Vec<(u32, char)> = Vec::new();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if digits.is_empty() || out.iter().any(|(_, u)| *u == c) {
                return None;
            }
            out.push((digits.parse().ok()?, c));
            digits.clear();
        }
    }
    digits.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_deadlines() {
        assert_eq!(Duration::parse("PT72H").unwrap().hours, 72);
        let d = Duration::parse("P1DT12H").unwrap();
        assert_eq!((d.days, d.hours), (1, 12));
        assert_eq!(d.human("fr"), "1\u{a0}j 12\u{a0}h");
        assert_eq!(Duration::parse("PT30M").unwrap().minutes, 30);
        assert_eq!(Duration::parse("P1M").unwrap().months, 1);
    }

    #[test]
    fn reads_deadlines_as_people_type_them() {
        for (typed, iso) in [
            ("15 min", "PT15M"),
            ("15min", "PT15M"),
            ("2h", "PT2H"),
            ("1h30", "PT1H30M"),
            ("1h30 min", "PT1H30M"),
            ("1 h 30 min", "PT1H30M"),
            ("48 heures", "PT48H"),
            ("72H", "PT72H"),
            ("3 jours", "P3D"),
            ("1 jour et 12 heures", "P1DT12H"),
            ("2 semaines", "P2W"),
            ("1 Day, 2 hours", "P1DT2H"),
        ] {
            assert_eq!(from_words(typed).as_deref(), Some(iso), "{typed}");
        }
        for unsure in [
            "",
            "immédiat",
            "1,5 h",
            "2h 3h",
            "30 min 1 h",
            "h",
            "15 minutes max",
        ] {
            assert_eq!(from_words(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "72H", "P", "PT", "P1H", "PT1D", "P1DT", "PTH", "P1D1D", "PT-1H",
        ] {
            assert!(Duration::parse(bad).is_none(), "{bad}");
        }
    }
}
