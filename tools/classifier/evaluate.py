#!/usr/bin/env python3
"""Scores a winnow binary on web-dev like the shared webscore.py, in one process instead
of one per page, and per part of the fit/held-out split.

usage: evaluate.py [--binary .build/release/winnow] [--data web-dev.jsonl] [-- FLAGS...]
       FLAGS go to `winnow clean` (for example --keep-typography, --enable classifier).
       --fold-quotes also folds the gold strings' quotes as the default output does, to
       show what quote folding alone costs."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pages  # noqa: E402

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
                        "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'"})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(pages.REPO, ".build", "release", "winnow"))
    ap.add_argument("--data", default="/work/shared/eval/web-dev.jsonl")
    ap.add_argument("--fold-quotes", action="store_true")
    ap.add_argument("--fold", type=int, default=0, choices=(0, 1, 2), help="the third scored as held out (as fit.py --fold)")
    ap.add_argument("--failures", type=int, default=0, help="print this many missed 'with' strings of held-out pages")
    ap.add_argument("flags", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    flags = [f for f in args.flags if f != "--"]
    records = pages.load(args.data)
    outs = pages.run_binary(args.binary, records, flags)
    if args.fold_quotes:
        for r in records:
            r["with"] = [s.translate(QUOTES) for s in r["with"]]
            r["without"] = [s.translate(QUOTES) for s in r["without"]]
            r["text"] = r["text"]
        outs = [o.translate(QUOTES).replace("\u2026", "...") for o in outs]
        for r in records:
            r["with"] = [s.replace("\u2026", "...") for s in r["with"]]
            r["without"] = [s.replace("\u2026", "...") for s in r["without"]]
    parts = {"all": (0, 0, 0, 0), "fit": (0, 0, 0, 0), "held": (0, 0, 0, 0)}
    shown = 0
    for r, o in zip(records, outs):
        c = pages.counts(r, o)
        part = "held" if pages.held_out(r, args.fold) else "fit"
        parts["all"] = pages.add(parts["all"], c)
        parts[part] = pages.add(parts[part], c)
        if part == "held" and shown < args.failures and c[1]:
            fo = pages.fold(o)
            for s in r["with"]:
                if pages.fold(s) not in fo and shown < args.failures:
                    print(f"  missed [{r['id']}]: {s[:120]!r}")
                    shown += 1
    for name, c in parts.items():
        f1, p, r = pages.prf(c)
        print(f"{name:5s} F1={f1:.3f} P={p:.3f} R={r:.3f} (with found {c[0]}/{c[0] + c[1]}, without left {c[2]}/{c[2] + c[3]})")


if __name__ == "__main__":
    main()
