"""Shared helpers of the classifier scripts: the fit/held-out split, running the winnow
binary over all pages in one process (JSON Lines on standard input), and the string
scoring of the shared web-dev scorer (webscore.py), per part of the split.
Python 3 standard library only."""
import argparse
import hashlib
import json
import os
import re
import subprocess
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.path.join(REPO, "tools", ".cache", "classifier")

# The stages after the classifier, and the classifier itself: with these off, `winnow
# clean` writes the text exactly as the classifier stage would receive it.
LATER_STAGES = ["classifier", "templates", "typo", "canonical"]

fold = lambda s: re.sub(r"\s+", " ", s).strip()


def arguments():
    """The options of the scripts that clean web-dev's pages once and study the output
    (tools/webdev-misses.py, tools/webdev-repeats.py): the pages, the binary, its flags."""
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--bin", default=".build/release/winnow")
    ap.add_argument("--args", default="", help="flags for `winnow clean`, in one argument (--args=--keep-typography)")
    return ap


def held_out(record, fold=0):
    """md5(id) mod 3 == fold: about a third of the pages, never fitted on. The shipped
    model holds out fold 0; tools/classifier/crossfold.py holds out each in turn."""
    return int(hashlib.md5(record["id"].encode("utf-8")).hexdigest(), 16) % 3 == fold


def load(path):
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def run_binary(binary, records, flags=(), drops=False):
    """Clean text of every record, by one `winnow clean --format jsonl` run (stdin has no
    corpus pass, so this equals cleaning each page on its own as webscore.py does). With
    `drops`, also where in each clean text the boilerplate rules dropped blocks
    (rule_drops): returns (texts, drop positions)."""
    payload = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        explain = os.path.join(tmp, "explain.jsonl")
        extra = ["--explain", "json", "--explain-to", explain] if drops else []
        p = subprocess.run([binary, "clean", "--format", "jsonl", "--quiet", *flags, *extra],
                           input=payload.encode("utf-8"), capture_output=True, check=True)
        positions = rule_drops(explain, len(records)) if drops else None
    out = {}
    for line in p.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        out[rec["id"]] = rec["text"]
    texts = [out[r["id"]] for r in records]
    return (texts, positions) if drops else texts


def rule_drops(explain_path, count):
    """Per input line (document), the places in its clean text where a boilerplate rule
    dropped a block or a run of lines (standing edits), from `--explain json`: what the
    classifier stage reads as rule drops (RuleDrops.places in BlockClassifierStage.swift:
    ad markers do not count)."""
    out = [[] for _ in range(count)]
    for line in open(explain_path, encoding="utf-8"):
        e = json.loads(line)
        if e["stage"] == "boilerplate" and e["kind"] in ("drop-block", "drop-run") and "cleanStart" in e \
                and e.get("rule") != "ad.marker":
            out[int(e["document"].rsplit(":", 1)[1]) - 1].append(e["cleanStart"])
    return [sorted(places) for places in out]  # in text order (edits are listed as made)


def intermediate_texts(binary, records, data_path):
    """The pipeline's text as the classifier stage sees it, and where the rules dropped
    blocks in it: (texts, drop positions), cached per binary and data (tools/.cache is
    ignored by git)."""
    h = hashlib.md5()
    for p in (binary, data_path):
        st = os.stat(p)
        h.update(f"{os.path.abspath(p)}:{st.st_size}:{st.st_mtime_ns};".encode())
    # The rule packs and word lists the binary reads: a change to them alone relinks
    # nothing, so the binary's own stamp does not tell it.
    resources = os.environ.get("WINNOW_RESOURCES") or os.path.join(os.path.dirname(os.path.abspath(binary)), "Winnow_Winnow.resources")
    for root, dirs, files in sorted(os.walk(resources)):
        dirs.sort()
        if os.path.basename(root) == "classifier":
            continue  # the model: its stage is not run here
        for name in sorted(files):
            with open(os.path.join(root, name), "rb") as f:
                h.update(os.path.relpath(os.path.join(root, name), resources).encode() + b":" + hashlib.md5(f.read()).digest())
    path = os.path.join(CACHE, f"intermediate-{h.hexdigest()[:16]}.jsonl")
    if os.path.exists(path):
        known = {}
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            known[r["id"]] = (r["text"], r["drops"])
        if all(r["id"] in known for r in records):
            return [known[r["id"]][0] for r in records], [known[r["id"]][1] for r in records]
    flags = [x for s in LATER_STAGES for x in ("--disable", s)]
    texts, drops = run_binary(binary, records, flags, drops=True)
    os.makedirs(CACHE, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"  # several fits may fill the cache at once (crossfold, a fold each)
    with open(tmp, "w", encoding="utf-8") as f:
        for r, t, d in zip(records, texts, drops):
            f.write(json.dumps({"id": r["id"], "text": t, "drops": d}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return texts, drops


def counts(record, out):
    """(tp, fn, fp, tn) of one page as webscore.py counts them."""
    out = fold(out)
    tp = fn = fp = tn = 0
    for s in record["with"]:
        if fold(s) in out:
            tp += 1
        else:
            fn += 1
    for s in record["without"]:
        if fold(s) in out:
            fp += 1
        else:
            tn += 1
    return tp, fn, fp, tn


def prf(c):
    tp, fn, fp, tn = c
    P = tp / max(1, tp + fp)
    R = tp / max(1, tp + fn)
    return 2 * P * R / max(1e-9, P + R), P, R


def add(a, b):
    return tuple(x + y for x, y in zip(a, b))


def run_binary_texts(binary, texts):
    """The text each input becomes with the classifier and later stages off, and where
    the rules dropped blocks in it: (texts, drop positions)."""
    recs = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
    return run_binary(binary, recs, [x for s in LATER_STAGES for x in ("--disable", s)], drops=True)
