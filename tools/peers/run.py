#!/usr/bin/env python3
"""Times one Python peer over the `text` of a JSON Lines corpus, in this one process.

usage: run.py PEER CORPUS.jsonl [--limit-bytes N]

PEER is one of: ftfy (ftfy.fix_text), justext (jusText, English stoplist),
trafilatura (trafilatura.extract), c4 (tools/peers/c4.py). jusText and trafilatura get
each text wrapped as an HTML page, one <p> per non-empty line (escaped); the wrapping,
the JSON parsing and the loading of the library happen before the clock starts, so only
the peer's own work is timed. With --limit-bytes, only the records that start within the
first N bytes of the corpus are used (a fixed prefix, the same for every peer).

Prints one JSON object on standard output: peer, docs, bytes (JSON Lines bytes of the
records used), text_bytes (UTF-8 bytes of their text), out_chars (characters the peer
returned), seconds (wall) and cpu_seconds (process time).
Run it with the venv's python (tools/peers/setup prints its path); c4 needs only the stdlib.
"""
import argparse
import html
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def load(path, limit):
    texts, used = [], 0
    with open(path, "rb") as f:
        for line in f:
            if limit and used >= limit:
                break
            used += len(line)
            texts.append(json.loads(line)["text"])
    return texts, used


def as_html(text):
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in text.split("\n") if p.strip())
    return f"<!DOCTYPE html>\n<html><head><title></title></head><body>\n<article>\n{paras}</article>\n</body></html>"


def peer(name):
    """(function of one prepared input returning text, input preparation)."""
    if name == "ftfy":
        import ftfy
        return ftfy.fix_text, None
    if name == "justext":
        import justext
        stoplist = justext.get_stoplist("English")

        def run(page):
            return "\n".join(p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate)
        return run, as_html
    if name == "trafilatura":
        import trafilatura
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

        def run(page):
            return trafilatura.extract(page) or ""
        return run, as_html
    if name == "c4":
        import c4
        return c4.clean, None
    sys.exit(f"run.py: unknown peer {name!r} (ftfy, justext, trafilatura, c4)")


def main():
    ap = argparse.ArgumentParser(description="Time one Python peer on a JSON Lines corpus.")
    ap.add_argument("peer")
    ap.add_argument("corpus")
    ap.add_argument("--limit-bytes", type=int, default=0)
    a = ap.parse_args()
    fn, prepare = peer(a.peer)
    texts, used = load(a.corpus, a.limit_bytes)
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    inputs = [prepare(t) for t in texts] if prepare else texts
    out = 0
    c0, t0 = time.process_time(), time.perf_counter()
    for x in inputs:
        out += len(fn(x))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"peer": a.peer, "docs": len(texts), "bytes": used, "text_bytes": text_bytes,
                      "out_chars": out, "seconds": seconds, "cpu_seconds": cpu}))


if __name__ == "__main__":
    main()
