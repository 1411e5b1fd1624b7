//! Pages found by the names other tools link them with: an Obsidian wikilink
//! names a file (`[[activer-cellule]]`, `[[mobilisation/activer-cellule]]`) and
//! a wiki a title (`[[Activer la cellule de crise]]`). Built on first need: only
//! pages brought from those tools hold such links.

use rustc_hash::FxHashMap;

use super::Page;
use crate::slug::slugify;

#[derive(Debug)]
pub struct Names {
    /// By slug of the name; `None` when two pages answer to it.
    by_name: FxHashMap<String, Option<usize>>,
}

impl Names {
    pub fn new(pages: &[Page]) -> Names {
        let mut by_name: FxHashMap<String, Option<usize>> = FxHashMap::default();
        for (i, page) in pages.iter().enumerate() {
            let path = page.src.rel.strip_suffix(".md").unwrap_or(&page.src.rel);
            let file = path.rsplit('/').next().unwrap_or(path);
            let mut keys = [slugify(file), slugify(path), slugify(&page.src.front.title)];
            keys.sort();
            for (k, key) in keys.iter().enumerate() {
                if k > 0 && keys[k - 1] == *key {
                    continue;
                }
                (by_name.entry(key.clone()))
                    .and_modify(|found| *found = None)
                    .or_insert(Some(i));
            }
        }
        Names { by_name }
    }

    /// The one page whose file, path or title `name` writes, whatever its case,
    /// accents and punctuation.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&slugify(name)).copied().flatten()
    }
}
