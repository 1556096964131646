#!/usr/bin/env python3
"""Lines a winnow build keeps on pages of many sites: where to look for widget text.

Article text seldom repeats across sites; the text of a theme's or a platform's widgets
does ("Du kommentierst mit Deinem WordPress.com-Konto", "Post navigation"). This cleans
every page of a web-dev-style JSON Lines file (records with `text` and `url` or `id`) in
one run, and prints the lines still in the output on pages of at least --min-hosts
different hosts, most hosts first, with digits folded so that counts and dates group.
A line here is a place to look, not a verdict: a rule must describe a kind, checked on
the pages it would change (tools/webdev-misses.py --compare) and on the samples.

usage: webdev-repeats.py WEB_DEV_JSONL [--bin PATH] [--args '...'] [--min-hosts 3] [--top 120]
Python 3 standard library only; does not build.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("data")
ap.add_argument("--bin", default=".build/release/winnow")
ap.add_argument("--args", default="")
ap.add_argument("--min-hosts", type=int, default=3)
ap.add_argument("--top", type=int, default=120)
ap.add_argument("--max-length", type=int, default=120, help="longer lines are left out (prose)")
a = ap.parse_args()

recs = [json.loads(line) for line in open(a.data, encoding="utf-8")]
tmp = tempfile.mkdtemp()
inp, outp = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
with open(inp, "w", encoding="utf-8") as f:
    for i, r in enumerate(recs):
        f.write(json.dumps({"id": str(i), "text": r["text"]}) + "\n")
subprocess.run([a.bin, "clean", "-q", inp, "-o", outp] + a.args.split(), check=True)


def host(r):
    m = re.match(r"https?://(?:www\.)?([^/]+)", r.get("url") or "")
    return m.group(1) if m else r.get("id", "")


hosts = collections.defaultdict(set)
example = {}
for line in open(outp, encoding="utf-8"):
    o = json.loads(line)
    r = recs[int(o["id"])]
    for text in set(o["text"].split("\n")):
        text = text.strip()
        if not text or len(text) > a.max_length:
            continue
        key = re.sub(r"\d+", "0", text.lower())
        hosts[key].add(host(r))
        example.setdefault(key, text)
rows = sorted(((len(h), k) for k, h in hosts.items() if len(h) >= a.min_hosts), reverse=True)
for n, k in rows[:a.top]:
    print(f"{n:4d}  {example[k]!r}")
