#!/usr/bin/env python3
"""Writes a sample's expected clean text from a line-annotated gold file (*.ann).

usage: ann2expected.py ANN_FILE OUT_FILE [--keep-either | --drop-either]

K| lines are kept with their {{raw|gold}} fixes applied and [[inline]] leftovers removed,
D| lines dropped; O| lines (either is right) are kept unless --drop-either. The text is
then put in Winnow's canonical form as DESIGN.md defines it: one paragraph a line,
paragraphs separated by one blank line, single spaces, typographic quotes and the
ellipsis folded to ASCII, one final newline. The gold is a human's annotation; this
script only formats it, so expected outputs are never produced by Winnow itself.
"""
import re, sys

ESC = re.compile(r"\\u\{([0-9A-Fa-f]+)\}")
EDIT = re.compile(r"\{\{(.*?)\|(.*?)\}\}", re.S)
INLINE = re.compile(r"\[\[(.*?)\]\]", re.S)
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
                      "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"'})

def gold(body):
    body = ESC.sub(lambda m: chr(int(m.group(1), 16)), body)
    return INLINE.sub("", EDIT.sub(lambda m: m.group(2), body))

def main():
    ann, out = sys.argv[1], sys.argv[2]
    keep_either = "--drop-either" not in sys.argv[3:]
    paras = []
    for line in open(ann, encoding="utf-8").read().split("\n"):
        tag, _, body = line.partition("|")
        if tag == "K" or (tag == "O" and keep_either):
            text = gold(body).translate(FOLD).replace("\u2026", "...")
            text = re.sub(r"\s+", " ", text).strip()
            if text:
                paras.append(text)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n\n".join(paras) + "\n" if paras else "")

main()
