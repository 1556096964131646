#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus of scraped-article-like JSON Lines.

usage: make_corpus.py OUT.jsonl [--mb N] [--seed S]

Each line is {"id": ..., "url": "https://<host>/...", "text": ...}. Article bodies are
built by sampling and recombining paragraphs and sentences of the raw sample articles in
Samples/seeds/*.txt (read at run time; the repository is this script's parent folder;
the *.expected.txt golden outputs are not used), mixed with the page leftovers scrapers
really produce (READ MORE links, bylines, photo captions and credits, BREAKING NEWS and
date prefixes, donation and newsletter appeals, share/cookie/ad widgets, live-blog
chrome, a lone "x" close button) and with Unicode damage (no-break spaces, zero-width
spaces, soft hyphens, curly quotes, now and then mojibake or a ligature) and, in a few
percent of the documents each, rarer damage: typos, one paragraph's mojibake (now and
then doubled), control and invisible characters, full-width digits, Cyrillic look-alike
letters inside words, words hyphenated across a line break, runs of spaces, CRLF.

Articles are 1 KB to 20 KB of UTF-8 (log-uniform); paragraphs are separated by blank
lines or by single newlines, as different sites do. The output is at least N MB
(MB = 10^6 bytes; default 50) and byte-identical for the same --mb, --seed and seeds.
Python 3 standard library only.
"""
import argparse
import json
import math
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "Samples" / "seeds"

MIN_BYTES, MAX_BYTES = 1_000, 20_000

FIRST = ["Anna", "Mark", "Valerie", "Charlie", "Anushka", "Peter", "Maria", "James", "Olga", "David",
         "Sarah", "Yuri", "Elena", "Thomas", "Aisha", "Kenji", "Lucia", "Michael", "Nadia", "Oliver",
         "Priya", "Rafael", "Sofia", "Daniel", "Emily", "Hannah", "Ivan", "Jonas", "Katarzyna", "Liam",
         "Mei", "Noah", "Ruth", "Samuel", "Tetiana", "Victor", "William", "Zoe", "Andrew", "Chloe"]
LAST = ["Patil", "Savage", "Hopkins", "Santora", "Dejong", "Smith", "Ivanova", "Kowalski", "Nguyen",
        "Garcia", "Müller", "O'Brien", "Khan", "Tanaka", "Rossi", "Schmidt", "Novak", "Petrenko",
        "Johnson", "Williams", "Brown", "Martin", "Dubois", "Lindqvist", "Horvath", "Fischer", "Kumar",
        "Okafor", "Moreau", "Silva", "Jensen", "Walsh", "Bianchi", "Sokolov", "Baker", "Ramos"]
AGENCIES = ["Getty Images", "Associated Press", "Reuters", "AFP via Getty Images", "EPA-EFE",
            "Shutterstock", "Bloomberg", "The New York Times", "Sipa USA", "Anadolu Agency"]
OUTLETS = ["the New York Times", "Reuters", "the Associated Press", "The Moscow Times", "CNN",
           "the BBC", "The Guardian", "Bloomberg", "Agence France-Presse", "Politico"]
HOSTS = ["www.nytimes.com", "www.cnn.com", "www.reuters.com", "www.themoscowtimes.com",
         "www.theguardian.com", "apnews.com", "www.bbc.com", "www.independent.co.uk",
         "www.aljazeera.com", "news.yahoo.com", "www.dw.com", "www.politico.eu",
         "kyivindependent.com", "www.euronews.com", "www.france24.com", "www.npr.org"]
SECTIONS = ["world", "news", "europe", "politics", "world/europe", "international", "news/world",
            "2023/03/17/world", "live", "article", "en/news"]
CAPTION_SUBJECTS = ["The International Criminal Court in The Hague, Netherlands",
                    "Russian President Vladimir Putin at a meeting in Moscow",
                    "Ukrainian children at a shelter in Kyiv", "The Kremlin in Moscow",
                    "A destroyed residential building in Dnipro", "Karim Khan, the ICC prosecutor",
                    "Maria Lvova-Belova during a news conference",
                    "Protesters outside the court building", "Firefighters at the scene of a missile strike",
                    "Members of the Security Council during a vote"]
TOPICS = ["Russia", "Ukraine", "ICC", "War crimes", "Vladimir Putin", "Europe", "Human rights",
          "International law", "Children", "The Hague", "Kremlin", "Diplomacy"]
HEADLINES_EXTRA = ["China's Xi Jinping to visit Putin in Moscow next week",
                   "What the ICC arrest warrant means for Putin's travel",
                   "Ukraine says thousands of children were deported to Russia",
                   "Kremlin dismisses court ruling as 'null and void'",
                   "Explainer: How the International Criminal Court works",
                   "Zelensky welcomes 'historic decision' by The Hague court",
                   "U.S. weighs cooperation with the ICC over Ukraine",
                   "Live updates: Russia's war in Ukraine"]

SINGLES = [  # whole lines of page chrome
    "Advertisement", "ADVERTISEMENT", "Skip Advertisement", "Share this article", "Share",
    "Share on Facebook", "Share on Twitter", "Tweet", "Email", "Copy link", "Link copied!",
    "Save", "Print", "Comments", "Show comments", "Leave a comment", "Listen to this article",
    "Sign up for our newsletter", "Subscribe now", "Already a subscriber? Sign in",
    "Most Read", "Trending", "Key events", "Pinned post", "Live Updates", "Follow",
    "Continue reading the main story", "Supported by", "Story continues below advertisement",
    "Read the full article", "Image", "Video", "Photo: Reuters", "×",
]
DONATIONS = [
    ["×", "Enjoying ad-free content?",
     "Since July 1, 2024, we have disabled all ads to improve your reading experience.",
     "This commitment costs us $10,000 a month. Your support can help us fill the gap.",
     "Support us",
     "Our journalism is banned in Russia. We need your help to keep providing you with the truth."],
    ["A Message from The Moscow Times:", "Dear readers,",
     "We are facing unprecedented challenges. Independent journalism needs your support now more than ever.",
     "Once a month", "Monthly", "Annual", "Continue", "Not ready to support today?", "Remind me later."],
    ["Support independent journalism", "Readers like you make our work possible.",
     "Give $5 a month or whatever you can.", "Donate now", "Remind me later."],
    ["Before you go...",
     "We have a small favour to ask. Millions are turning to us for open, independent, quality news every day.",
     "Support us", "Remind me in May", "×"],
    ["Subscribe to our newsletter",
     "Get the day's top stories delivered to your inbox every morning.",
     "Enter your email address", "Sign up", "By signing up you agree to our Terms of Use and Privacy Policy."],
    ["We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.",
     "Accept", "Manage preferences"],
]


def read_seeds():
    """(raw article, its golden output or None) for each seed, in name order."""
    files = sorted(p for p in SEED_DIR.glob("*.txt") if not p.name.endswith(".expected.txt"))
    if not files:
        sys.exit(f"make_corpus: no seed articles in {SEED_DIR}")
    seeds = []
    for p in files:
        gold = p.with_name(p.name[:-len(".txt")] + ".expected.txt")
        seeds.append((p.read_text(encoding="utf-8"),
                      gold.read_text(encoding="utf-8") if gold.exists() else None))
    return seeds


ABBREV = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|Gen|Sen|Rep|Gov)\.$")
BOUNDARY = re.compile(r"(?<=[.!?])([”\"’']?)\s+(?=[“\"‘A-Z0-9])")


def sentences(paragraph):
    out, start = [], 0
    for m in BOUNDARY.finditer(paragraph):
        head = paragraph[start:m.start()]
        if not m.group(1) and ABBREV.search(head):
            continue
        out.append(paragraph[start:m.start() + len(m.group(1))].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


WORD = re.compile(r"\w+")


def words(line):
    return set(WORD.findall(line.lower().replace("’", "'")))


def is_body(line, gold_words):
    """A raw line is article body if most of its words are in some golden paragraph
    (so raw typos and damage stay, and appeals or captions do not feed the body pool)."""
    if gold_words is None:
        return True
    w = words(line)
    return any(len(w & g) >= 0.7 * len(w) for g in gold_words)


def pools(seeds):
    paras, sents, heads = [], [], list(HEADLINES_EXTRA)
    for raw, gold in seeds:
        gold_lines = [g for g in gold.split("\n") if g.strip()] if gold else []
        gold_words = [words(g) for g in gold_lines] if gold else None
        if gold_lines and len(gold_lines[0]) < 100:
            heads.append(gold_lines[0])
        for line in raw.split("\n"):
            line = line.strip()
            if line.startswith("READ MORE:"):
                heads.append(line[len("READ MORE:"):].strip())
            elif len(line) >= 80 and is_body(line, gold_words):
                paras.append(line)
                sents.extend(s for s in sentences(line) if len(s) >= 30)
    return paras, sents, heads


def name(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def byline(r):
    k = r.randrange(6)
    if k == 0:
        return f"By {name(r)}"
    if k == 1:
        return f"By {name(r)} and {name(r)}"
    if k == 2:
        return f"By {name(r)}, {r.choice(OUTLETS)}"
    if k == 3:
        return f"By guest author {name(r)} from {r.choice(OUTLETS)}."
    if k == 4:
        return f"BY {name(r).upper()}"
    return f"By {name(r)} | {r.choice(['Reporter', 'Staff writer', 'Europe correspondent', 'Senior editor'])}"


def caption(r):
    subj, who, ag = r.choice(CAPTION_SUBJECTS), name(r), r.choice(AGENCIES)
    k = r.randrange(5)
    if k == 0:
        return f"{subj}. {who} / {ag}"
    if k == 1:
        return f"{subj}.Credit…{who}/{ag}"
    if k == 2:
        return f"{subj} (Photo: {who}/{ag})"
    if k == 3:
        return f"{subj}. Photograph: {who}/{ag}"
    return f"{subj} | {ag}"


def dateline(r):
    y, mo, d = r.choice([2022, 2023, 2024]), r.randint(1, 12), r.randint(1, 28)
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    k = r.randrange(4)
    if k == 0:
        return f"{months[mo - 1]} {d}, {y}, {r.randint(1, 12)}:{r.randint(0, 59):02d} {r.choice(['a.m.', 'p.m.'])} ET"
    if k == 1:
        return f"Published {d} {months[mo - 1]} {y}"
    if k == 2:
        return f"Updated {r.randint(2, 11)} hours ago"
    return f"{y}-{mo:02d}-{d:02d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d} GMT"


def boilerplate(r, heads):
    k = r.randrange(12)
    if k <= 2:
        return f"{r.choice(['READ MORE:', 'READ MORE:', 'Read more:', 'RELATED:', 'Related:', 'See also:'])} {r.choice(heads)}"
    if k <= 4:
        return caption(r)
    if k == 5:
        return byline(r)
    if k == 6:
        return dateline(r)
    if k == 7:
        return f"Topics: {', '.join(r.sample(TOPICS, r.randint(2, 5)))}"
    if k == 8:
        return f"Comments ({r.randint(0, 400)})"
    if k == 9:
        return f"Follow {r.choice(['us', name(r)])} on {r.choice(['Twitter', 'X', 'Telegram', 'Facebook'])} @{r.choice(LAST).lower()}{r.randint(1, 99)}"
    return r.choice(SINGLES)


def body_paragraph(r, paras, sents):
    if r.random() < 0.35:
        return r.choice(paras)
    return " ".join(r.choice(sents) for _ in range(r.choice([1, 1, 2, 2, 3, 3, 4, 5])))


CURLY = [("\"", "“", "”"), ("'", "‘", "’")]


def curl(text):
    for straight, opening, closing in CURLY:
        parts = text.split(straight)
        text = parts[0]
        for i, part in enumerate(parts[1:]):
            prev = text[-1:] if text else " "
            q = opening if prev in " \n(\u00a0" else closing
            if straight == "'" and prev.isalpha():
                q = closing  # apostrophe
            text += q + part
    return text


def damage(r, text):
    if r.random() < 0.5:
        text = curl(text)
    elif r.random() < 0.3:
        text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    rate_nbsp = r.choice([0, 0, 0.005, 0.01, 0.03])
    rate_zw = r.choice([0, 0, 0, 0.002, 0.01])
    rate_shy = r.choice([0, 0, 0.003, 0.02])
    out = []
    for word in text.split(" "):
        if rate_shy and len(word) >= 8 and word.isalpha() and r.random() < rate_shy * 5:
            cut = r.randint(3, len(word) - 3)
            word = word[:cut] + "\u00ad" + word[cut:]
        if rate_zw and r.random() < rate_zw:
            word = word + "\u200b" if r.random() < 0.7 else "\u200b" + word
        out.append(word)
        out.append("\u00a0" if rate_nbsp and r.random() < rate_nbsp else " ")
    text = "".join(out[:-1])
    if r.random() < 0.05:
        text = text.replace("’", "â€™").replace("“", "â€œ").replace("”", "â€\x9d")
    if r.random() < 0.05:
        text = text.replace("fi", "ﬁ").replace("fl", "ﬂ")
    return text


LOOKALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "x": "\u0445"}
CONTROLS = ["\x07", "\x08", "\x1b", "\x7f", "\x85", "\x96", "\ufffe", "\u2028", "\ufeff"]


def cp1252_mojibake(s):
    """s as UTF-8 bytes read back as Windows-1252 (undefined bytes as Latin-1)."""
    out = []
    for ch in s:
        if ch < "\x80":
            out.append(ch)
            continue
        for b in ch.encode("utf-8"):
            try:
                out.append(bytes([b]).decode("cp1252"))
            except UnicodeDecodeError:
                out.append(chr(b))
    return "".join(out)


def typo(r, word):
    i = r.randint(1, len(word) - 3)
    k = r.randrange(4)
    if k == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # transposition
    if k == 1:
        return word[:i] + word[i + 1:]  # deletion
    if k == 2:
        return word[:i] + word[i] + word[i:]  # doubled letter
    return word[:i] + r.choice("aeiourstnl") + word[i + 1:]  # substitution


def more_damage(r, text):
    """Rarer damage, each kind in a few percent of the documents: typos, mojibake of one
    paragraph (now and then twice over), controls and invisible characters, full-width
    digits, look-alike Cyrillic letters inside words, words hyphenated across a line
    break, runs of spaces and trailing blanks, CRLF line ends."""
    if r.random() < 0.3:
        rate = r.choice([0.002, 0.005, 0.01])
        ws = text.split(" ")
        for i, w in enumerate(ws):
            if len(w) >= 6 and w.isalpha() and w.islower() and r.random() < rate:
                ws[i] = typo(r, w)
        text = " ".join(ws)
    if r.random() < 0.05:
        paras = text.split("\n")
        i = r.randrange(len(paras))
        paras[i] = cp1252_mojibake(paras[i])
        if r.random() < 0.25:
            paras[i] = cp1252_mojibake(paras[i])
        text = "\n".join(paras)
    if r.random() < 0.04:
        ws = text.split(" ")
        for _ in range(r.randint(1, 4)):
            i = r.randrange(len(ws))
            ws[i] += r.choice(CONTROLS)
        text = " ".join(ws)
    if r.random() < 0.03:
        text = re.sub(r"\b(19|20)(\d\d)\b", lambda m: "".join(chr(ord(c) + 0xFEE0) for c in m.group(0)), text, count=2)
    if r.random() < 0.03:
        ws = text.split(" ")
        for _ in range(r.randint(1, 3)):
            i = r.randrange(len(ws))
            w = ws[i]
            hits = [j for j, c in enumerate(w) if c in LOOKALIKES and 0 < j < len(w) - 1]
            if w.isalpha() and hits:
                j = r.choice(hits)
                ws[i] = w[:j] + LOOKALIKES[w[j]] + w[j + 1:]
        text = " ".join(ws)
    if r.random() < 0.04:
        ws = text.split(" ")
        for _ in range(r.randint(1, 3)):
            i = r.randrange(len(ws))
            w = ws[i]
            if len(w) >= 8 and w.isalpha() and w.islower():
                cut = r.randint(3, len(w) - 3)
                ws[i] = w[:cut] + "-\n" + w[cut:]
        text = " ".join(ws)
    if r.random() < 0.1:
        text = re.sub(r"\n", lambda m: r.choice(["\n", "\n", " \n", "\t\n", "  \n"]), text)
        text = text.replace(". ", r.choice([". ", ".  ", ".   "]))
    if r.random() < 0.05:
        text = text.replace("\n", "\r\n")
    return text


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:70] or "article"


def article(r, n, texts, paras, sents, heads):
    # texts: the raw seed articles
    target = int(math.exp(r.uniform(math.log(MIN_BYTES), math.log(MAX_BYTES))))
    title = r.choice(heads)
    if r.random() < 0.04:  # a whole seed, as scraped
        text = r.choice(texts)
        while len(text.encode("utf-8")) < MIN_BYTES:
            text += "\n\n" + r.choice(paras)
    else:
        blocks = []
        if r.random() < 0.15:
            blocks.append("\n".join(r.choice(DONATIONS)))
        if r.random() < 0.5:
            blocks.append(title)
        if r.random() < 0.5:
            blocks.append(byline(r))
        if r.random() < 0.3:
            blocks.append(dateline(r))
        if r.random() < 0.4:
            blocks.append(caption(r))
        lead = body_paragraph(r, paras, sents)
        if r.random() < 0.12:
            lead = "BREAKING NEWS: " + lead
        if r.random() < 0.12:
            lead = f"{r.choice(['', ' '])}date {r.choice([2022, 2023, 2024])}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} " + lead
        blocks.append(lead)
        size = sum(len(b.encode("utf-8")) + 2 for b in blocks)
        chrome = r.choice([0.05, 0.1, 0.2, 0.35])
        while size < target:
            if r.random() < chrome:
                b = boilerplate(r, heads)
            elif r.random() < 0.06:
                b = "\n".join(r.choice(DONATIONS))
            else:
                b = body_paragraph(r, paras, sents)
            n_b = len(b.encode("utf-8")) + 2
            if size + n_b > MAX_BYTES - 600:
                break
            blocks.append(b)
            size += n_b
        if r.random() < 0.25:
            blocks.append("\n".join(r.choice(DONATIONS)))
        elif r.random() < 0.3:
            blocks.append(f"Topics: {', '.join(r.sample(TOPICS, 3))}")
        style = r.choice(["\n\n", "\n\n", "\n", "mixed"])
        if style == "mixed":
            text = ""
            for i, b in enumerate(blocks):
                text += (r.choice(["\n", "\n\n", "\n\n\n"]) if i else "") + b
        else:
            text = style.join(blocks)
        if r.random() < 0.2:
            text += "\n"
    text = more_damage(r, damage(r, text))
    host = r.choice(HOSTS)
    url = f"https://{host}/{r.choice(SECTIONS)}/{slug(title)}-{r.randrange(16 ** 6):06x}"
    if r.random() < 0.2:
        url += r.choice([".html", "/index.html", "?utm_source=rss", "/amp"])
    return {"id": f"bench-{n:07d}", "url": url, "text": text}


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write a deterministic article-like JSON Lines corpus.")
    ap.add_argument("out", help="output .jsonl path")
    ap.add_argument("--mb", type=float, default=50.0, help="at least this many MB (10^6 bytes; default 50)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    a = ap.parse_args(argv)
    if a.mb <= 0:
        ap.error("--mb must be positive")
    seeds = read_seeds()
    texts = [raw for raw, _ in seeds]
    paras, sents, heads = pools(seeds)
    r = random.Random(a.seed)
    goal, total, n = int(a.mb * 1_000_000), 0, 0
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        while total < goal:
            line = json.dumps(article(r, n, texts, paras, sents, heads), ensure_ascii=False) + "\n"
            f.write(line)
            total += len(line.encode("utf-8"))
            n += 1
    tmp.replace(out)
    print(f"make_corpus: wrote {out} ({total} bytes, {n} documents, seed {a.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
