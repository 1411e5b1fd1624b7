//! Pages and files found by the names other tools link them with: an Obsidian
//! wikilink names a file (`[[activer-cellule]]`, `[[mobilisation/activer-cellule]]`),
//! a wiki a title (`[[Activer la cellule de crise]]`), an Obsidian embed a file
//! of any folder (`![[schema.png]]`). Built on first need: only pages brought
//! from those tools hold such links.

use rustc_hash::FxHashMap;

use super::Page;
use crate::load::AssetSource;
use crate::slug::slugify;

#[derive(Debug)]
pub struct Names {
    /// By slug of the name; `None` when two pages answer to it.
    by_name: FxHashMap<String, Option<usize>>,
    /// Attachments by file name, lowercased; `None` when two folders hold one.
    by_file: FxHashMap<String, Option<usize>>,
}

impl Names {
    pub fn new(pages: &[Page], assets: &[AssetSource]) -> Names {
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
        let mut by_file: FxHashMap<String, Option<usize>> = FxHashMap::default();
        for (i, asset) in assets.iter().enumerate() {
            let file = asset.rel.rsplit('/').next().unwrap_or(&asset.rel);
            (by_file.entry(file.to_lowercase()))
                .and_modify(|found| *found = None)
                .or_insert(Some(i));
        }
        Names { by_name, by_file }
    }

    /// The one page whose file, path or title `name` writes, whatever its case,
    /// accents and punctuation.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&slugify(name)).copied().flatten()
    }

    /// The one attachment whose file name `name` ends with, whatever its case.
    pub fn find_file(&self, name: &str) -> Option<usize> {
        let file = name.rsplit('/').next().unwrap_or(name);
        self.by_file.get(&file.to_lowercase()).copied().flatten()
    }
}
