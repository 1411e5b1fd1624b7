"""Sorts `perf script` call stacks into planblanc's build steps.

Usage: perf_categories.py perf.txt

Each sample goes to the innermost frame that names a step (so writing done inside
page rendering counts as writing); the biggest steps are then broken down the same
way into their own parts.
"""
import collections
import re
import sys

STEPS = [
    "load::read_page", "load::load", "markdown::render", "render_page",
    "search::index::invert", "search::layout::doc_files", "search::layout::write_files",
    "search_docs::write", "editions::render", "listings::render_all", "changes::render",
    "State::diagnostics", "Site::new", "print::output", "Staging",
]
PARTS = {
    "markdown::render": ["OffsetIter", "Parser::new_ext", "html::push_html", "TextMerge",
                         "Renderer::link", "typeset", "slugify", "highlight", "push_collapsed",
                         "mi_"],
    "render_page": ["tera::tera::Tera::render", "Context::insert", "Staging", "urls::relative",
                    "term_link", "drop_in_place", "mi_"],
    "search::index::invert": ["for_each_word", "word_slot", "acc_for", "end_doc", "merge",
                              "mi_"],
    "load::read_page": ["yaml::parse", "read_text", "frontmatter::read", "Fields"],
}


def stacks(path):
    current = []
    for line in open(path, errors="replace"):
        line = line.rstrip()
        if not line:
            if current:
                yield current
            current = []
        elif line.startswith(("\t", " ")):
            m = re.match(r"\s+[0-9a-f]+ (.*?) \(", line)
            if m:
                current.append(m.group(1))
    if current:
        yield current


def innermost(stack, names):
    for frame in stack:
        for name in names:
            if name in frame:
                return name
    return None


def main():
    all_stacks = list(stacks(sys.argv[1]))
    total = len(all_stacks)
    steps = collections.Counter(innermost(s, STEPS) or "other" for s in all_stacks)
    print(f"{total} samples (~{total} ms of CPU at 999 Hz)")
    for step, n in steps.most_common():
        print(f"  {step:32} {n:6} {100 * n / total:5.1f}%")
    for step, parts in PARTS.items():
        inside = [s for s in all_stacks if any(step in f for f in s)]
        if not inside:
            continue
        print(f"\n{step}: {len(inside)} samples")
        counts = collections.Counter(innermost(s, parts) or "(own code)" for s in inside)
        for part, n in counts.most_common():
            print(f"  {part:32} {n:6} {100 * n / len(inside):5.1f}%")


if __name__ == "__main__":
    main()
