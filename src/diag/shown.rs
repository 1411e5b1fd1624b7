//! How messages show characters: by their code where no one could see them,
//! or where printing them would move, recolour or reverse the terminal's text.

/// A name for a message: characters no one can see (a line break, a bell, a
/// right-to-left override) as their code, `<U+000A>`; everything else as
/// written, `\\` included (often the very reason it is named).
pub fn shown_name(name: &str) -> String {
    name.chars()
        .map(|c| match unseen(c) {
            true => format!("<{}>", code_point(c)),
            false => c.to_string(),
        })
        .collect()
}

/// `U+00A0`: how messages name a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether `c` shows nothing, or rewrites what follows on a terminal: control
/// characters and Unicode's default-ignorable ones.
pub fn unseen(c: char) -> bool {
    c.is_control() || is_default_ignorable(c)
}

/// Unicode's Default_Ignorable_Code_Point: characters with no visible form.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}
