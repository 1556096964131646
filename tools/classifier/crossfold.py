#!/usr/bin/env python3
"""Scores a change to the classifier (its features, its fitting, or the rule packs
before it) on all of web-dev, not on one held-out third: fits a model with each third
held out in turn (fit.py --fold K) and scores the pipeline with that model on the third
it did not see (evaluate.py --fold K, the model given through WINNOW_RESOURCES). One
third is some 300 pages, and models fitted on different thirds differ by more than most
changes do: the sum over the three is the measure to compare.

usage: crossfold.py [--binary .build/release/winnow] [--data web-dev.jsonl]
                    [--score PATH/TO/eval/score.py] [--work DIR] [-- FIT.PY OPTIONS]
Prints, per fold and summed, held-out string counts and F1 for `winnow clean` and
`winnow clean --keep-typography`; with --score, also the line counts of score.py on the
annotated samples each fold held out (fit.py --samples-weight learns from the others).
Needs what fit.py needs (numpy, scikit-learn)."""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit  # noqa: E402
import pages  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(pages.REPO, "Sources", "Winnow", "Resources")
SAMPLE_LINE = re.compile(r"keep (\d+)/(\d+) exact \d+/\d+ drop (\d+)/(\d+)")
LINE = re.compile(r"held\s+F1=\S+ P=\S+ R=\S+ \(with found (\d+)/(\d+), without left (\d+)/(\d+)\)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(pages.REPO, ".build", "release", "winnow"))
    ap.add_argument("--data", default="/work/shared/eval/web-dev.jsonl")
    ap.add_argument("--score", help="the shared score.py: also score the held-out annotated samples")
    ap.add_argument("--work", help="folder for the three models (default: a temporary one)")
    ap.add_argument("fit_options", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    fit_options = [o for o in args.fit_options if o != "--"]
    work = args.work or tempfile.mkdtemp(prefix="winnow-crossfold-")
    modes = {"default": [], "--keep-typography": ["--keep-typography"]}
    totals = {m: [0, 0, 0, 0] for m in modes}
    sample_totals = [0, 0, 0, 0]
    for fold in range(3):
        res = os.path.join(work, f"fold{fold}")
        shutil.rmtree(res, ignore_errors=True)
        shutil.copytree(RESOURCES, res)
        subprocess.run([sys.executable, os.path.join(HERE, "fit.py"), "--data", args.data, "--binary", args.binary,
                        "--fold", str(fold), "--out", os.path.join(res, "classifier", "model.json"), *fit_options],
                       check=True, stdout=subprocess.DEVNULL)
        for mode, flags in modes.items():
            out = subprocess.run([sys.executable, os.path.join(HERE, "evaluate.py"), "--binary", args.binary,
                                  "--data", args.data, "--fold", str(fold), "--", *flags],
                                 env=dict(os.environ, WINNOW_RESOURCES=res), check=True,
                                 capture_output=True, text=True).stdout
            m = LINE.search(out)
            found, withs, left, withouts = map(int, m.groups())
            t = totals[mode]
            t[0] += found; t[1] += withs; t[2] += left; t[3] += withouts
            print(f"fold {fold} {mode:18s} {report(found, withs, left)}", flush=True)
        if args.score:
            counts = score_samples(args.score, args.binary, res, fold)
            sample_totals = [a + b for a, b in zip(sample_totals, counts)]
            print(f"fold {fold} {'samples':18s} {sample_report(counts)}", flush=True)
    for mode, (found, withs, left, _) in totals.items():
        print(f"all  {mode:18s} {report(found, withs, left)}")
    if args.score:
        print(f"all  {'samples':18s} {sample_report(sample_totals)}")
    if not args.work:
        shutil.rmtree(work)


def score_samples(score, binary, resources, fold):
    """score.py's article lines kept and boilerplate lines dropped, summed over the
    annotated samples the fold held out: [kept, article, dropped, boilerplate]."""
    files = [f for f in sorted(glob.glob(os.path.join(pages.REPO, "Samples", "annotated", "*.ann")))
             if fit.sample_held_out(f, fold)]
    out = subprocess.run([sys.executable, score, f"{binary} clean", *files], env=dict(os.environ, WINNOW_RESOURCES=resources),
                         capture_output=True, text=True).stdout
    counts = [0, 0, 0, 0]
    for m in SAMPLE_LINE.finditer(out):
        counts = [a + int(b) for a, b in zip(counts, m.groups())]
    return counts


def sample_report(c):
    return f"article lines kept {c[0]}/{c[1]}, boilerplate lines dropped {c[2]}/{c[3]}"


def report(found, withs, left):
    p = found / max(1, found + left)
    r = found / max(1, withs)
    f1 = 2 * p * r / max(1e-9, p + r)
    return f"F1={f1:.3f} P={p:.3f} R={r:.3f} (article strings found {found}/{withs}, boilerplate left {left})"


if __name__ == "__main__":
    main()
