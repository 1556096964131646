#!/usr/bin/env python3
"""Cross-checks the Swift classifier against features.py: both score the same pages (the
pipeline's text before the classifier stage) and every block's p(boilerplate) and drop
decision are compared. The Swift side runs through the test hook
ClassifierTests.testDumpForComparison (WINNOW_CLASSIFIER_DUMP=IN:OUT).

usage: crosscheck.py [--data web-dev.jsonl] [--binary .build/release/winnow] [--pages N]
Exit status 1 when a decision differs or a probability differs by more than 1e-9."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import features as F  # noqa: E402
import pages  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/eval/web-dev.jsonl")
    ap.add_argument("--binary", default=os.path.join(pages.REPO, ".build", "release", "winnow"))
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
    args = ap.parse_args()
    records = pages.load(args.data)
    if args.pages:
        records = records[:args.pages]
    texts, drops = pages.run_binary_texts(args.binary, [r["text"] for r in records])
    model = json.load(open(os.path.join(pages.REPO, "Sources", "Winnow", "Resources", "classifier", "model.json"), encoding="utf-8"))
    langs, table = F.load_stopwords()
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for r, t, d in zip(records, texts, drops):
                f.write(json.dumps({"id": r["id"], "text": t, "drops": d}, ensure_ascii=False) + "\n")
        env = dict(os.environ, WINNOW_CLASSIFIER_DUMP=f"{src}:{dst}")
        subprocess.run(["swift", "test", "--disable-swift-testing", "--filter", "ClassifierTests/testDumpForComparison"],
                       cwd=pages.REPO, env=env, check=True, stdout=subprocess.DEVNULL)
        swift = {}
        for line in open(dst, encoding="utf-8"):
            rec = json.loads(line)
            swift[rec["id"]] = rec
    worst = 0.0
    blocks = mismatched = lang_diff = 0
    for r, t, d in zip(records, texts, drops):
        doc, p, drop = F.classify(t, model, langs, table, drops=d)
        if not doc.blocks:
            continue
        s = swift[r["id"]]
        if s["lang"] != doc.lang:
            lang_diff += 1
        if len(s["p"]) != len(p):
            print(f"{r['id']}: {len(s['p'])} blocks in Swift, {len(p)} in Python")
            mismatched += 1
            continue
        for i, (a, b) in enumerate(zip(s["p"], p)):
            worst = max(worst, abs(a - b))
            if s["drop"][i] != drop[i]:
                mismatched += 1
                print(f"{r['id']} block {i}: Swift drop={s['drop'][i]} p={a:.6f}, Python drop={drop[i]} p={b:.6f}: {doc.blocks[i][0][:80]!r}")
        blocks += len(p)
    print(f"{len(records)} pages, {blocks} blocks: largest |p difference| {worst:.2e}, "
          f"{mismatched} decisions differ, {lang_diff} languages differ")
    sys.exit(1 if mismatched or lang_diff or worst > 1e-9 else 0)


if __name__ == "__main__":
    main()
