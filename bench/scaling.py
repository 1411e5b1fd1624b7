#!/usr/bin/env python3
"""Nothing quadratic: builds one handbook made by `planblanc init` with one page (or
one taxonomy) of an unusual shape at sizes n, 4n and 16n, and prints each build's
wall time and how it grows per ×4 (≈4 is linear, ≈16 quadratic).

Usage: bench/scaling.py [BINARY] [SHAPE ...]     (default: target/release/planblanc, all)
Each build runs with a 120 s timeout; output goes to /dev/shm.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

FRONT = """---
id: PBN-ALE-900
title: "Fiche de mesure"
summary: "Une page de forme inhabituelle."
kind: procedure
phase: alerte
roles: [tout-personnel]
regions: ["*"]
establishment_types: ["*"]
priority: P2
status: valide
last_reviewed: 2026-01-15
tlp: clear
{extra}---

"""
LINKED = "../mobilisation/activer-cellule.md"

# shape: (base size, what the page or the taxonomy holds at size n)
SHAPES = {
    "paragraphs": (5000, lambda n: ("", "".join(f"La cellule vérifie les postes {i}.\n\n" for i in range(n)))),
    "reference-links": (5000, lambda n: ("", "".join(f"[t{i}][l{i}]\n\n" for i in range(n))
                                           + "".join(f"[l{i}]: {LINKED}\n" for i in range(n)))),
    "anchors-and-links": (5000, lambda n: ("", "".join(f"## Titre {i}\n\n" for i in range(n))
                                             + "".join(f"[lien](#titre-{i})\n\n" for i in range(n)))),
    "missing-anchors": (5000, lambda n: ("", "".join(f"[l](#absent{i})\n\n" for i in range(n)))),
    "headings-alike": (5000, lambda n: ("", "## Étape\n\ntexte\n\n" * n)),
    "footnotes": (5000, lambda n: ("", "".join(f"Texte[^{i}].\n\n" for i in range(n))
                                     + "".join(f"[^{i}]: note {i}\n" for i in range(n)))),
    "table-rows": (5000, lambda n: ("", "| a | b |\n| --- | --- |\n" + "| x | y |\n" * n)),
    "nested-brackets": (8000, lambda n: (f"trigger: {'[' * n}{']' * n}\n", "Texte.\n")),
    "tags": (5000, lambda n: ("tags: [" + ", ".join(f"t{i}" for i in range(n)) + "]\n", "Texte.\n")),
}
TAXONOMY_SHAPES = {"roles": 1000}


def make_site(binary, work, shape, n):
    root = os.path.join(work, f"{shape}-{n}")
    subprocess.run([binary, "init", root], check=True, capture_output=True)
    if shape in TAXONOMY_SHAPES:
        path = os.path.join(root, "content/_taxonomies/roles.yaml")
        with open(path, "a") as f:
            f.writelines(f'- code: "role-{i}"\n  label: "Rôle {i}"\n' for i in range(n))
        return root
    extra, body = SHAPES[shape][1](n)
    with open(os.path.join(root, "content/alerte/mesure.md"), "w") as f:
        f.write(FRONT.format(extra=extra) + body)
    return root


def build_seconds(binary, root, out):
    shutil.rmtree(out, ignore_errors=True)
    start = time.monotonic()
    try:
        subprocess.run([binary, "build", "-q", "--root", root, "--out", out],
                       capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return time.monotonic() - start


def main():
    args = sys.argv[1:]
    binary = args.pop(0) if args and os.path.sep in args[0] else "target/release/planblanc"
    shapes = args or [*SHAPES, *TAXONOMY_SHAPES]
    bases = {**{k: v[0] for k, v in SHAPES.items()}, **TAXONOMY_SHAPES}
    print(f"{'shape':<20} {'n':>7} {'4n':>7} {'16n':>7}   growth per x4")
    with tempfile.TemporaryDirectory() as work:
        for shape in shapes:
            base = bases[shape]
            times = []
            for n in (base, 4 * base, 16 * base):
                root = make_site(binary, work, shape, n)
                times.append(build_seconds(binary, root, f"/dev/shm/planblanc-scaling-{shape}"))
                shutil.rmtree(root)
            shown = ["timeout" if t is None else f"{t:.2f}s" for t in times]
            growth = [f"x{b / a:.1f}" if a and b else "-" for a, b in zip(times, times[1:])]
            print(f"{shape:<20} {shown[0]:>7} {shown[1]:>7} {shown[2]:>7}   {' '.join(growth)}", flush=True)


if __name__ == "__main__":
    main()
