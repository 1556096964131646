#!/usr/bin/env python3
"""Writes a sample's expected clean text from a line-annotated gold file (*.ann).

usage: ann2expected.py ANN_FILE OUT_FILE [--keep-either | --drop-either] [--raw RAW_FILE]

K| lines are kept with their {{raw|gold}} fixes applied and [[inline]] leftovers removed,
D| lines dropped; O| lines (either is right) are kept unless --drop-either. The text is
then put in Winnow's canonical form as DESIGN.md defines it: one paragraph a line,
paragraphs separated by one blank line, single spaces, typographic quotes and the
ellipsis folded to ASCII, one final newline. The gold is a human's annotation; this
script only formats it, so expected outputs are never produced by Winnow itself.
With --raw, also writes the scraped text the annotation describes (every line, inline
leftovers and misspellings included), so an annotated file yields a sample pair.
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

def raw(body):
    body = ESC.sub(lambda m: chr(int(m.group(1), 16)), body)
    return INLINE.sub(lambda m: m.group(1), EDIT.sub(lambda m: m.group(1), body))

def main():
    ann, out = sys.argv[1], sys.argv[2]
    keep_either = "--drop-either" not in sys.argv[3:]
    raw_out = sys.argv[sys.argv.index("--raw") + 1] if "--raw" in sys.argv else None
    paras = []
    lines = open(ann, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if raw_out:
        with open(raw_out, "w", encoding="utf-8") as f:
            f.write("\n".join(raw(l.partition("|")[2]) for l in lines) + "\n")
    for line in lines:
        tag, _, body = line.partition("|")
        if tag == "K" or (tag == "O" and keep_either):
            text = gold(body).translate(FOLD).replace("\u2026", "...")
            text = re.sub(r"\s+", " ", text).strip()
            if text:
                paras.append(text)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n\n".join(paras) + "\n" if paras else "")

main()
