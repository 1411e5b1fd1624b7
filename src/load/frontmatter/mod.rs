//! A procedure's front matter: split from the body, then read field by field into
//! typed values, checking taxonomy codes on the way.

mod codes;
pub mod numbering;

use std::path::Path;

use chrono::NaiveDate;

pub(super) use codes::scope_of;
use codes::{code, codes, scope};

use super::duration::Duration;
use super::fields::Fields;
use super::taxonomy::Taxonomies;
use super::yaml::{self, Yaml};
use crate::diag::Diagnostic;

/// Traffic Light Protocol 2.0 levels, ordered from most to least shareable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    Red,
}

impl Tlp {
    pub const ALL: [&'static str; 4] = ["clear", "green", "amber", "red"];

    pub fn parse(s: &str) -> Option<Tlp> {
        Some(match s {
            "clear" => Tlp::Clear,
            "green" => Tlp::Green,
            "amber" => Tlp::Amber,
            "red" => Tlp::Red,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        Tlp::ALL[self as usize]
    }

    /// What a file made for this level adds to its name (`-tlp-amber`; nothing at
    /// clear): a restricted copy must not pass for the public one, nor replace it
    /// in the same folder.
    pub fn name_suffix(self) -> String {
        match self {
            Tlp::Clear => String::new(),
            other => format!("-tlp-{}", other.code()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Brouillon,
    EnRelecture,
    Valide,
    Obsolete,
}

impl Status {
    pub const ALL: [&'static str; 4] = ["brouillon", "en-relecture", "valide", "obsolete"];

    pub fn code(self) -> &'static str {
        Status::ALL[self as usize]
    }

    fn parse(s: &str) -> Option<Status> {
        let i = Status::ALL.iter().position(|a| *a == s)?;
        Some(
            [
                Status::Brouillon,
                Status::EnRelecture,
                Status::Valide,
                Status::Obsolete,
            ][i],
        )
    }
}

pub const KINDS: [&str; 5] = [
    "fiche-reflexe",
    "fiche-role",
    "procedure",
    "checklist",
    "annuaire",
];
pub const PRIORITIES: [&str; 3] = ["P1", "P2", "P3"];

/// Where a procedure applies: everywhere (`["*"]`) or to listed codes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Only(Vec<String>),
}

impl Scope {
    pub fn includes(&self, code: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(codes) => codes.iter().any(|c| c == code),
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Scope::All)
    }

    /// Codes as written, `["*"]` for all: the form search and templates use.
    pub fn codes(&self) -> Vec<String> {
        match self {
            Scope::All => vec!["*".to_string()],
            Scope::Only(c) => c.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    pub phase: String,
    pub roles: Vec<String>,
    pub owner: Option<String>,
    pub regions: Scope,
    pub types: Scope,
    pub status: Status,
    pub last_reviewed: Option<NaiveDate>,
    pub tlp: Tlp,
    /// `tlp` could not be read (its own error says why) and `tlp` is the safe
    /// guess, red: no other page is warned about linking to a level nobody chose.
    pub tlp_unread: bool,
    pub priority: Option<String>,
    pub trigger: Option<String>,
    pub deadline: Option<Duration>,
    pub review_every_months: Option<u32>,
    pub variant_of: Option<String>,
    pub replaces: Vec<String>,
    pub related: Vec<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub tags: Vec<String>,
    pub weight: i64,
    pub draft: bool,
}

pub const PAGE_KEYS: &[&str] = &[
    "id",
    "title",
    "summary",
    "phase",
    "roles",
    "regions",
    "establishment_types",
    "status",
    "last_reviewed",
    "tlp",
    "kind",
    "owner",
    "priority",
    "trigger",
    "deadline",
    "review_every_months",
    "variant_of",
    "replaces",
    "related",
    "previous",
    "next",
    "tags",
    "weight",
    "draft",
];

pub const SECTION_KEYS: &[&str] = &["title", "summary", "weight", "draft"];

/// A source split at its front matter. Lines are 1-based file lines.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML text (the opening `---`, and a BOM line never counts).
    pub yaml_line_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// The file does not start with `---`: say what is in the way when it is almost
/// right (blank lines above it, `---` indented), or how front matter starts.
fn near_front_matter(file: &Path, text: &str, rest: &str) -> Diagnostic {
    // Classic Mac OS ended lines with a carriage return alone: the whole file is
    // one line, and its `---` is not a line of its own.
    if rest.starts_with("---\r") && !rest.contains('\n') {
        return Diagnostic::error(file, "the file's lines end with a carriage return alone (old Mac OS)")
            .at(text, 1, 1, 3)
            .help("save it with LF (or CRLF) line endings: most editors offer it in the save or encoding menu");
    }
    let d = Diagnostic::error(file, "missing front matter");
    // JSON front matter (Hugo accepts it): the same fields, written as YAML.
    if rest.trim_start().starts_with('{') {
        return d.at(text, 1, 1, 1).help(
            "front matter here is YAML between two `---` lines: write `---`, then each field as `key: value` (`title: \"…\"`), then `---`",
        );
    }
    let opening = rest
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())
        .filter(|(_, l)| l.trim() == "---");
    match opening {
        Some((0, line)) => {
            let indent = line.len() - line.trim_start().len();
            d.at(text, 1, 1, indent + 3)
                .help("start `---` at the very beginning of the line, with no space before it")
        }
        Some((i, _)) => d.at(text, i + 1, 1, 3).help(format!(
            "remove the blank line{} before `---`: it must be the file's first line",
            if i > 1 { "s" } else { "" }
        )),
        None => d.at(text, 1, 1, 0).help(
            "start the file with a line `---`, then the fields (`id:`, `title:` …), then a line `---`",
        ),
    }
}

/// Splits `---\n<yaml>\n---\n<body>`. Errors say how to fix the delimiters.
pub fn split<'t>(file: &Path, text: &'t str) -> Result<Split<'t>, Diagnostic> {
    let start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let rest = &text[start..];
    if rest.trim().is_empty() {
        return Err(Diagnostic::error(file, "empty file").help(
            "write the front matter (a line `---`, the fields `id:`, `title:` …, a line `---`) and the text, or delete the file",
        ));
    }
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() == "+++" {
        // Hugo's and Zola's TOML front matter, from a page brought over.
        return Err(
            Diagnostic::error(file, "front matter in TOML (`+++`) is not read: planblanc reads YAML")
                .at(text, 1, 1, 3)
                .help("replace both `+++` lines with `---`, and write each field as `key: value` instead of `key = value`"),
        );
    }
    if rest[..first_line_end].trim_end() != "---" {
        return Err(near_front_matter(file, text, rest));
    }
    let yaml_start = start + first_line_end;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, "front matter is not closed")
        .at(text, 1, 1, 3)
        .help("add a line `---` after the last front-matter field"))
}

/// A front matter's `key: value` entries, in order.
pub type Entries = Vec<(String, Yaml)>;

/// Parses the YAML of a split source into its mapping entries, and an error
/// for each repeated key (read past, so that the other fields are checked too).
pub fn entries(
    file: &Path,
    text: &str,
    split: &Split,
) -> Result<(Entries, Vec<Diagnostic>), Diagnostic> {
    let (yaml, repeats) = yaml::parse_past_repeats(split.yaml);
    let error = |e: yaml::YamlError| {
        e.report(
            file,
            "invalid YAML in front matter",
            text,
            split.yaml_line_offset,
        )
    };
    let repeats: Vec<Diagnostic> = repeats.into_iter().map(error).collect();
    match yaml {
        Ok(Yaml::Map(entries)) => Ok((entries, repeats)),
        Ok(Yaml::Null) => Ok((Vec::new(), repeats)),
        Ok(other) => Err(Diagnostic::error(
            file,
            format!(
                "front matter must be `key: value` lines, found {}",
                other.kind()
            ),
        )
        .at(text, split.yaml_line_offset + 1, 1, 0)),
        Err(e) => Err(error(e)),
    }
}

/// `text` with each run of digits made `1`: the shape of a value, its numbers
/// aside.
fn one_per_number(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        let digit = c.is_ascii_digit();
        if !digit {
            out.push(c);
        } else if !in_number {
            out.push('1');
        }
        in_number = digit;
    }
    out
}

/// Reads a procedure's fields. Always returns a front matter (with placeholders where
/// a field was wrong) so that cross-page checks still see the page's id and links.
pub fn read(f: &mut Fields, tax: &Taxonomies) -> FrontMatter {
    for key in ["title", "summary", "trigger", "tags"] {
        f.warn_comment(key);
    }
    f.warn_tags();
    let id = f.string("id", Some("PBN-ALE-001")).unwrap_or_default();
    if !id.is_empty() && !valid_id(&id) {
        f.error_at_key(
            "id",
            format!("invalid id `{id}`"),
            Some("ids use ASCII letters, digits, `-`, `_` and `.`, e.g. `PBN-ALE-001`".into()),
        );
    }
    let title = f
        .line("title", Some("\"Titre de la fiche\""))
        .unwrap_or_default();
    // A title is shown in every listing, breadcrumb and search result that names
    // the sheet: a pasted paragraph there is read (and published) everywhere.
    const TITLE_MAX: usize = 160;
    let length = title.chars().count();
    if length > TITLE_MAX {
        f.warning_at_key(
            "title",
            format!("the title is {length} characters long"),
            Some(format!(
                "keep it under {TITLE_MAX} characters: what it holds beyond a title goes in `summary` or the text"
            )),
        );
    }
    let summary = f
        .line(
            "summary",
            Some("\"Une phrase qui dit à quoi sert la fiche.\""),
        )
        .unwrap_or_default();
    let phase = code(f, "phase", &tax.phases, "phase", true).unwrap_or_default();
    let roles = codes(f, "roles", &tax.roles, "role", true);
    let owner = code(f, "owner", &tax.roles, "role", false);
    let regions = scope(f, "regions", &tax.regions, "region");
    let types = scope(f, "establishment_types", &tax.types, "establishment type");
    let status = f
        .one_of("status", &Status::ALL, true)
        .and_then(|s| Status::parse(&s))
        .unwrap_or(Status::Valide);
    let last_reviewed = f.date("last_reviewed", true);
    let read_tlp = f
        .one_of_hinted("tlp", &Tlp::ALL, true, tlp_hint)
        .and_then(|s| Tlp::parse(&s));
    // An unreadable level must not widen diffusion: treat it as the most restricted.
    let tlp = read_tlp.unwrap_or(Tlp::Red);
    let kind = f
        .one_of("kind", &KINDS, false)
        .unwrap_or_else(|| "procedure".into());
    let priority = f.one_of_hinted("priority", &PRIORITIES, false, |value| {
        // `1`, `p1`, `P 1`, `priorité 1`: the number alone says which.
        let digits = value
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .trim();
        let code = format!("P{digits}");
        (PRIORITIES.contains(&code.as_str()) && value != code)
            .then(|| format!("write `priority: {code}`"))
    });
    let trigger = f.line("trigger", None);
    let deadline = f
        .string("deadline", None)
        .and_then(|d| match Duration::parse(&d) {
            Some(dur) => Some(dur),
            None => {
                // `pt15m` is `PT15M` in the wrong case: say so, rather than the rule.
                let upper = d.to_ascii_uppercase();
                let (message, help) = if upper != d && Duration::parse(&upper).is_some() {
                    (
                        "is not an ISO-8601 duration",
                        format!("write it in capitals: `{upper}`"),
                    )
                } else if Duration::parse(&one_per_number(&d)).is_some() {
                    // Well formed, but a number past what a deadline counts.
                    (
                        "holds a number too large",
                        "keep each number under 4,294,967,296, e.g. `P2Y` rather than `PT17520H`"
                            .into(),
                    )
                } else if let Some(iso) = super::duration::from_words(&d) {
                    ("is not an ISO-8601 duration", format!("write `{iso}`"))
                } else {
                    (
                        "is not an ISO-8601 duration",
                        "write e.g. `PT72H` (72 hours), `PT30M`, `P1D` or `P1DT12H`".into(),
                    )
                };
                f.error_at_key(
                    "deadline",
                    format!("`deadline` {message}: `{d}`"),
                    Some(help),
                );
                None
            }
        });
    let review_every_months = f.months("review_every_months");
    let variant_of = f.string("variant_of", None);
    let replaces = f.string_list("replaces", None).unwrap_or_default();
    let related = f.string_list("related", None).unwrap_or_default();
    let previous = f.string("previous", None);
    let next = f.string("next", None);
    let tags = f.string_list("tags", None).unwrap_or_default();
    if let [one] = tags.as_slice() {
        if one.contains(", ") {
            let listed: Vec<&str> = one.split(',').map(str::trim).collect();
            f.warning_at_key(
                "tags",
                format!("`tags` is one tag, `{one}`: commas do not make a list"),
                Some(format!("write a list: `tags: [{}]`", listed.join(", "))),
            );
        }
    }
    let weight = f.int("weight").unwrap_or(0);
    let draft = f.bool("draft").unwrap_or(false);
    FrontMatter {
        id,
        title,
        summary,
        kind,
        phase,
        roles,
        owner,
        regions,
        types,
        status,
        last_reviewed,
        tlp,
        tlp_unread: read_tlp.is_none(),
        priority,
        trigger,
        deadline,
        review_every_months,
        variant_of,
        replaces,
        related,
        previous,
        next,
        tags,
        weight,
        draft,
    }
}

/// Ids become file-name-free anchors and `@ID` links: a conservative alphabet.
pub fn valid_id(id: &str) -> bool {
    id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// TLP as other documents write it: `TLP:AMBER`, `Amber`, or TLP 1.0's `WHITE`.
fn tlp_hint(value: &str) -> Option<String> {
    let lower = value.trim().to_ascii_lowercase();
    let bare = lower
        .strip_prefix("tlp")
        .map(|rest| rest.trim_start_matches([':', ' ', '-', '_']))
        .unwrap_or(&lower);
    match bare {
        "white" => Some("TLP 2.0 calls WHITE `clear`: write `tlp: clear`".into()),
        // Stricter than amber: mapping it there would widen who reads the page.
        "amber+strict" | "amber + strict" | "amber strict" | "amber-strict" => Some(
            "planblanc has no AMBER+STRICT level (the organisation only): `tlp: red` \
             keeps the page out of amber builds; `tlp: amber` publishes it to every \
             amber reader"
                .into(),
        ),
        level if Tlp::ALL.contains(&level) => Some(format!(
            "write the level alone, in lowercase: `tlp: {level}`"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\nid: A\n---\n# Body\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.yaml, "id: A\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(&text[s.body_offset..], "# Body\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        let e = split(Path::new("a.md"), " \n\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.line), ("empty file", 0));
        let e = split(Path::new("a.md"), "# Title\n").unwrap_err();
        assert_eq!(e.message, "missing front matter");
        let cr = split(Path::new("a.md"), "---\rid: x\r---\rTexte\r").unwrap_err();
        assert!(
            cr.message.contains("carriage return alone"),
            "{}",
            cr.message
        );
        let e = split(Path::new("a.md"), "\n\n---\nid: A\n---\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e
            .help
            .unwrap()
            .starts_with("remove the blank lines before `---`"));
        let e = split(Path::new("a.md"), " ---\nid: A\n---\n").unwrap_err();
        assert!(e.help.unwrap().contains("no space before it"));
        let e = split(Path::new("a.md"), "---\nid: A\n# Title\n").unwrap_err();
        assert_eq!(e.message, "front matter is not closed");
        let e = split(Path::new("a.md"), "+++\ntitle = \"A\"\n+++\n").unwrap_err();
        assert!(
            e.message.starts_with("front matter in TOML"),
            "{}",
            e.message
        );
        assert_eq!((e.line, e.col, e.len), (1, 1, 3));
    }

    #[test]
    fn tlp_orders_by_restriction() {
        assert!(Tlp::Clear < Tlp::Green && Tlp::Green < Tlp::Amber && Tlp::Amber < Tlp::Red);
    }
}
