#!/usr/bin/env python3
"""How much recall any cleaner can reach on web-dev, and Winnow's canonical output in
particular: the article ("with") strings that cannot be found in a page's output.

usage: tools/webdev-ceiling.py WEB_DEV_JSONL [--binary .build/release/winnow]

webscore.py looks for each string, white space folded, in the output. Some strings are
not in the page's own text at all (the annotation saw the HTML: text joined across
elements, or a different rendering), so nothing that only removes text can keep them.
Canonical text (DESIGN.md) cannot hold others as written: soft hyphens, invisible
characters and compatibility ligatures are removed or replaced by Unicode repair, and by
default typographic quotes and the ellipsis are folded to ASCII (`--keep-typography`
keeps them). Prints each count, and the recall the binary reaches with every stage that
removes text turned off (boilerplate, classifier, templates): the ceiling of its output,
by default and with --keep-typography (its repairs find a few strings the page's text
spells otherwise, `&amp;` for `&`). Python 3 standard library only."""
import argparse
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "classifier"))
import pages  # noqa: E402

fold = lambda s: re.sub(r"\s+", " ", s).strip()
TYPOGRAPHY = set("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2026")


def unrepresentable(s):
    """A character canonical text never holds: format characters (soft hyphen, zero-width
    and invisible ones but the joiners), controls, and compatibility ligatures."""
    for ch in s:
        cat = unicodedata.category(ch)
        if cat == "Cf" and ch not in "\u200c\u200d":
            return True
        if cat == "Cc" and ch not in "\t\n\r":
            return True
        if "\ufb00" <= ch <= "\ufb06":
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--binary", default=os.path.join(pages.REPO, ".build", "release", "winnow"))
    a = ap.parse_args()
    records = pages.load(a.data)
    total = absent = odd = typographic = 0
    for r in records:
        text = fold(r["text"])
        for s in r["with"]:
            total += 1
            if fold(s) not in text:
                absent += 1
            elif unrepresentable(s):
                odd += 1
            elif TYPOGRAPHY & set(s):
                typographic += 1
    print(f"article strings: {total}")
    print(f"  not in the page's text (white space folded): {absent}")
    print(f"  holding characters canonical text never has (soft hyphens, invisibles, ligatures): {odd}")
    print(f"  holding typographic quotes or an ellipsis (folded by default): {typographic}")
    print(f"recall of the untouched text: {(total - absent) / total:.3f}")
    no_removal = ["--disable", "boilerplate", "--disable", "classifier", "--disable", "templates"]
    for label, flags in (("default", []), ("--keep-typography", ["--keep-typography"])):
        outs = pages.run_binary(a.binary, records, no_removal + flags)
        found = sum(pages.counts(r, o)[0] for r, o in zip(records, outs))
        print(f"recall ceiling of winnow clean {label} (nothing removed): {found / total:.3f} ({found}/{total})")


if __name__ == "__main__":
    main()
