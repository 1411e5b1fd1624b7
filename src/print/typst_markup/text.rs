//! What a reader reads of the text: prose (French typography, ordinals raised),
//! inline code, and the visible text of raw HTML.

use std::borrow::Cow;

use pulldown_cmark::Event;

use super::Writer;
use crate::markdown::html_text::Piece;
use crate::markdown::typography;
use crate::print::refs::readable_address;
use crate::print::typst_syntax::{breakable_code, escape_markup_after, prose_piece, string};
use crate::print::PrintError;

impl<'e> Writer<'_, '_, 'e> {
    /// Author text: French typography, ordinal letters raised, and raw
    /// `<sup>`/`<sub>` text raised or lowered.
    pub(super) fn prose(&mut self, text: &str) {
        let text = if self.french && typography::needs_french(text) {
            Cow::Owned(typography::french(text))
        } else {
            Cow::Borrowed(text)
        };
        let script = self.scripts.last().copied();
        let ordinals = (self.french && script.is_none())
            .then(|| typography::ordinals(&text))
            .flatten();
        if let Some(pieces) = ordinals {
            for (piece, raised) in pieces {
                let markup = prose_piece(piece, raised, &mut self.word);
                self.write(&markup);
            }
            return;
        }
        let escaped = escape_markup_after(&text, &mut self.word);
        match script {
            Some(true) => self.write(&format!("#super[{escaped}]")),
            Some(false) => self.write(&format!("#sub[{escaped}]")),
            None => self.write(&escaped),
        }
    }

    pub(super) fn inline_code(&mut self, code: &str) {
        // Break opportunities are invisible characters a reader copying
        // from the PDF would take along (a command would fail): only
        // where the code is longer than its column (a table cell) or a
        // line holds comfortably.
        const LONG_IN_CELL: usize = 24;
        const LONG_CODE: usize = 48;
        let longest = if self.in_cell() {
            LONG_IN_CELL
        } else {
            LONG_CODE
        };
        let code = match code.chars().nth(longest).is_some() {
            true => breakable_code(code),
            false => code.to_string(),
        };
        let call = format!("#raw({});", string(&code));
        self.write(&call);
    }

    /// Raw HTML has no Typst meaning: what a reader sees of it is printed, its
    /// text, breaks and images (`paragraph` is written where a block starts or ends).
    /// Returns `raw` without its comments.
    pub(super) fn raw_html(&mut self, raw: &str, paragraph: &str) -> Result<String, PrintError> {
        let raw = self.comments.strip(raw).into_owned();
        let mut pieces = Vec::new();
        self.html_text.read(&raw, |p| pieces.push(p));
        for piece in pieces {
            match piece {
                Piece::Text(text) => self.event(&Event::Text(text.into()))?,
                Piece::LineBreak => self.write("#linebreak();"),
                Piece::ParagraphBreak => self.write(paragraph),
                Piece::Marker(marker) => self.event(&Event::Text(marker.into()))?,
                // Inline raw keeps the spaces and line breaks a `<pre>` shows.
                Piece::Pre(text) => self.write(&format!("#raw({});", string(&text))),
                Piece::Link(href) => self.raw_links.push(href.filter(|h| readable_address(h))),
                Piece::LinkEnd => {
                    if let Some(href) = self.raw_links.pop() {
                        self.raw_link_endnote(href);
                    }
                }
                Piece::Script { sup, open: true } => self.scripts.push(sup),
                Piece::Script { sup, open: false } => {
                    if let Some(i) = self.scripts.iter().rposition(|s| *s == sup) {
                        self.scripts.remove(i);
                    }
                }
                Piece::Image { src, alt } => {
                    let call = match self.refs.image(self.page, &src)? {
                        Some(image) => {
                            let path = self.images.add(image);
                            format!("#pb-image({}, {});", string(&path), string(&alt))
                        }
                        None => format!("#pb-missing-image({});", string(&alt)),
                    };
                    self.write(&call);
                }
            }
        }
        Ok(raw)
    }
}
