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
    fn rejects_malformed() {
        for bad in [
            "72H", "P", "PT", "P1H", "PT1D", "P1DT", "PTH", "P1D1D", "PT-1H",
        ] {
            assert!(Duration::parse(bad).is_none(), "{bad}");
        }
    }
}
