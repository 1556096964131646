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
import collections
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "classifier"))
import pages  # noqa: E402  (one `winnow clean` run over all records)

ap = pages.arguments()
ap.add_argument("--min-hosts", type=int, default=3)
ap.add_argument("--top", type=int, default=120)
ap.add_argument("--max-length", type=int, default=120, help="longer lines are left out (prose)")
a = ap.parse_args()

recs = pages.load(a.data)
outs = pages.run_binary(a.bin, recs, a.args.split())


def host(r):
    m = re.match(r"https?://(?:www\.)?([^/]+)", r.get("url") or "")
    return m.group(1) if m else r.get("id", "")


hosts = collections.defaultdict(set)
example = {}
for r, out in zip(recs, outs):
    for text in set(out.split("\n")):
        text = text.strip()
        if not text or len(text) > a.max_length:
            continue
        key = re.sub(r"\d+", "0", text.lower())
        hosts[key].add(host(r))
        example.setdefault(key, text)
rows = sorted(((len(h), k) for k, h in hosts.items() if len(h) >= a.min_hosts), reverse=True)
for n, k in rows[:a.top]:
    print(f"{n:4d}  {example[k]!r}")
