#!/usr/bin/env python3
"""Scores a winnow build on web-dev by thirds and lists the boilerplate strings it leaves.

Runs the binary once over the pages as JSON Lines (the same cleaning as one page on
stdin; checked by comparing with webscore.py), then scores the first two thirds (the
part to study) and the last third (held out: report it, never look at its strings).
With --misses, prints the "without" strings still present in the first two thirds,
grouped by a rough kind (first words, digits folded) and sorted by frequency, and with
--lost the "with" strings that went missing.
usage: webdev-misses.py WEB_DEV_JSONL [--bin PATH] [--args '...'] [--misses N] [--lost N]
"""
import json, re, sys, os, collections

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "classifier"))
import pages  # noqa: E402  (one `winnow clean` run over all records)

ap = pages.arguments()
ap.add_argument("--misses", type=int, default=0)
ap.add_argument("--lost", type=int, default=0)
ap.add_argument("--save", help="write the clean texts (JSON) to this file")
ap.add_argument("--compare", help="clean texts saved by an earlier run: list the article strings this run loses and the boilerplate strings it newly removes (first two thirds)")
a = ap.parse_args()

recs = pages.load(a.data)
outs = dict(enumerate(pages.run_binary(a.bin, recs, a.args.split())))

if a.save:
    json.dump(outs, open(a.save, "w", encoding="utf-8"))
fold = pages.fold
cut = len(recs) * 2 // 3
parts = {"study (first 2/3)": range(0, cut), "held-out (last 1/3)": range(cut, len(recs)), "all": range(len(recs))}
left, lost = collections.Counter(), collections.Counter()
examples = {}
def block(text, s):
    """The line of `text` holding `s` (or `s` itself when it spans lines)."""
    for l in text.split("\n"):
        if fold(s) in fold(l): return fold(l)
    return fold(s)
def kind(s):
    s = fold(s)
    s = re.sub(r"\d+", "0", s)
    w = s.split(" ")
    return " ".join(w[:3]) if len(w) > 3 else s
for name, rng in parts.items():
    tp = fn = fp = tn = 0
    for i in rng:
        out = fold(outs.get(i, ""))
        for s in recs[i]["with"]:
            if fold(s) in out: tp += 1
            else:
                fn += 1
                if name.startswith("study"): lost[kind(s)] += 1; examples.setdefault(("L", kind(s)), (recs[i]["id"], block(recs[i]["text"], s)))
        for s in recs[i]["without"]:
            if fold(s) in out:
                fp += 1
                if name.startswith("study"): left[kind(s)] += 1; examples.setdefault(("W", kind(s)), (recs[i]["id"], block(outs[i], s)))
            else: tn += 1
    P = tp / max(1, tp + fp); R = tp / max(1, tp + fn)
    print(f"{name}: {len(rng)} pages F1={2*P*R/max(1e-9,P+R):.3f} P={P:.3f} R={R:.3f} (with found {tp}/{tp+fn}, without left {fp}/{fp+tn})")
if a.misses:
    print("\n# boilerplate left, by kind (first two thirds)")
    for k, c in left.most_common(a.misses // 2 if False else a.misses):
        print(f"{c:4d}  {k!r}  e.g. {examples[('W', k)][0]}: {examples[('W', k)][1][:140]!r}")
if a.lost:
    print("\n# article strings lost (first two thirds)")
    for k, c in lost.most_common(a.lost):
        print(f"{c:4d}  {k!r}  e.g. {examples[('L', k)][0]}: {examples[('L', k)][1][:140]!r}")
if a.compare:
    before = {int(k): v for k, v in json.load(open(a.compare, encoding="utf-8")).items()}
    print("\n# article strings lost since the earlier run (first two thirds)")
    for i in range(cut):
        b, o = fold(before.get(i, "")), fold(outs.get(i, ""))
        for s in recs[i]["with"]:
            if fold(s) in b and fold(s) not in o:
                print(f"  LOST {recs[i]['id'][:30]}: {block(recs[i]['text'], s)[:160]!r}")
    gained = 0
    for i in range(cut):
        b, o = fold(before.get(i, "")), fold(outs.get(i, ""))
        gained += sum(fold(s) in b and fold(s) not in o for s in recs[i]["without"])
    print(f"# boilerplate strings newly removed (first two thirds): {gained}")
