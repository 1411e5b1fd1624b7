//! Long listings split into pages of `paginate_by` procedures, so that no listing
//! grows with the handbook. Page 1 keeps the listing's own URL (`roles/dsi/index.html`);
//! the others sit beside it (`index-2.html`, `index-3.html`…), in the same folder, so
//! every relative link and every cached listing item is the same on all of them.

use std::ops::Range;

use serde::Serialize;

use crate::model::urls::{self, listing_page_url as page_url};

/// One page of a listing: which entries it shows, and its navigation.
pub struct Slice {
    /// Entries `start..end` of the listing.
    pub start: usize,
    pub end: usize,
    pub url: String,
    pub pager: Pager,
}

/// Splits `count` entries of the listing at `url` into pages of `per_page`
/// (0: one page). An empty listing still has its one page.
pub fn slices(url: &str, count: usize, per_page: usize) -> Vec<Slice> {
    let per_page = if per_page == 0 {
        count.max(1)
    } else {
        per_page
    };
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| {
            let start = (number - 1) * per_page;
            let end = (start + per_page).min(count);
            Slice {
                start,
                end,
                url: page_url(url, number),
                pager: Pager::new(url, number, total, (start, end, count)),
            }
        })
        .collect()
}

/// A listing made of groups in order (an edition's phases, the kinds of change),
/// `sizes` entries each: which part of which group `slice` shows, as (group,
/// range of its entries). One page shows every group, empty ones too; a split
/// listing shows on each page the groups it holds entries of.
pub fn groups_on(sizes: &[usize], slice: &Slice, pages: usize) -> Vec<(usize, Range<usize>)> {
    let mut first = 0;
    let mut shown = Vec::new();
    for (group, &size) in sizes.iter().enumerate() {
        let start = slice.start.clamp(first, first + size) - first;
        let end = slice.end.clamp(first, first + size) - first;
        if pages == 1 || start < end {
            shown.push((group, start..end));
        }
        first += size;
    }
    shown
}

/// The page of `slices` where each non-empty group of `sizes` starts.
pub fn group_starts<'s>(sizes: &[usize], slices: &'s [Slice]) -> Vec<(usize, &'s Slice)> {
    let mut first = 0;
    let mut starts = Vec::new();
    for (group, &size) in sizes.iter().enumerate() {
        let holding = slices.iter().find(|s| s.start <= first && first < s.end);
        if let Some(slice) = holding.filter(|_| size > 0) {
            starts.push((group, slice));
        }
        first += size;
    }
    starts
}

/// What `templates/pagination.html` shows: where this page is, and links to its
/// neighbours, the first and last pages and a few around it (never more than
/// `2 * AROUND + 3` links, whatever the listing's length).
#[derive(Debug, Serialize)]
pub struct Pager {
    pub number: usize,
    pub total: usize,
    /// 1-based positions of the first and last entries shown, and their count.
    pub first: usize,
    pub last: usize,
    pub count: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    /// Relative to any page of the listing: they share a folder.
    pub url: String,
    pub current: bool,
    /// Pages were skipped before this one ("…").
    pub gap: bool,
}

/// Pages linked on each side of the current one.
const AROUND: usize = 2;

impl Pager {
    fn new(
        url: &str,
        number: usize,
        total: usize,
        (start, end, count): (usize, usize, usize),
    ) -> Pager {
        let file = |n: usize| urls::file_name(&page_url(url, n)).to_string();
        let shown = |n: usize| n == 1 || n == total || n.abs_diff(number) <= AROUND;
        let mut links = Vec::new();
        let mut previous_shown = 0;
        for n in (1..=total).filter(|&n| shown(n)) {
            links.push(PageLink {
                number: n,
                url: file(n),
                current: n == number,
                gap: n > previous_shown + 1,
            });
            previous_shown = n;
        }
        Pager {
            number,
            total,
            first: if count == 0 { 0 } else { start + 1 },
            last: end,
            count,
            previous: (number > 1).then(|| file(number - 1)),
            next: (number < total).then(|| file(number + 1)),
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_cover_every_entry_once() {
        for (count, per_page) in [(0, 10), (1, 10), (10, 10), (11, 10), (95, 10), (7, 0)] {
            let s = slices("x/index.html", count, per_page);
            let covered: Vec<usize> = s.iter().flat_map(|p| p.start..p.end).collect();
            assert_eq!(
                covered,
                (0..count).collect::<Vec<_>>(),
                "{count}/{per_page}"
            );
            assert!(s.iter().all(|p| p.pager.total == s.len()));
        }
        assert_eq!(slices("x/index.html", 0, 10).len(), 1);
        assert_eq!(slices("x/index.html", 7, 0).len(), 1);
    }

    #[test]
    fn groups_split_across_pages_in_order() {
        // Groups of 2, 0, 5 and 1 entries, 3 per page.
        let sizes = [2, 0, 5, 1];
        let s = slices("x/index.html", 8, 3);
        assert_eq!(groups_on(&sizes, &s[0], 3), [(0, 0..2), (2, 0..1)]);
        assert_eq!(groups_on(&sizes, &s[1], 3), [(2, 1..4)]);
        assert_eq!(groups_on(&sizes, &s[2], 3), [(2, 4..5), (3, 0..1)]);
        let one = slices("x/index.html", 8, 0);
        assert_eq!(
            groups_on(&sizes, &one[0], 1),
            [(0, 0..2), (1, 0..0), (2, 0..5), (3, 0..1)]
        );
        let starts: Vec<(usize, usize)> = group_starts(&sizes, &s)
            .iter()
            .map(|(g, slice)| (*g, slice.pager.number))
            .collect();
        assert_eq!(starts, [(0, 1), (2, 1), (3, 3)]);
    }

    #[test]
    fn navigation_stays_small_and_marks_gaps() {
        let s = slices("x/index.html", 1000, 10);
        let p = &s[49].pager;
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 48, 49, 50, 51, 52, 100]);
        let gaps: Vec<bool> = p.links.iter().map(|l| l.gap).collect();
        assert_eq!(gaps, [false, true, false, false, false, false, true]);
        assert_eq!(p.previous.as_deref(), Some("index-49.html"));
        assert_eq!(p.next.as_deref(), Some("index-51.html"));
        assert_eq!((p.first, p.last, p.count), (491, 500, 1000));
        let first = &s[0].pager;
        assert_eq!(first.previous, None);
        assert_eq!(first.links[0].url, "index.html");
        assert!(first.links[0].current);
        assert_eq!(s[99].pager.next, None);
    }
}
