"""Block segmentation, language detection and block features, exactly as Winnow's Swift
classifier computes them (Sources/Winnow/Classify). Python 3 standard library only.

Everything here is defined on code points of the block's text so that the Swift side,
which walks UTF-8 bytes and decodes code points, gets the same numbers."""
import math
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STOP_DIR = os.path.join(REPO, "Sources", "Winnow", "Resources", "stopwords")


def load_stopwords(directory=STOP_DIR):
    langs = sorted(f[:-4] for f in os.listdir(directory) if f.endswith(".txt"))
    table = {}
    for i, lang in enumerate(langs):
        for w in open(os.path.join(directory, lang + ".txt"), encoding="utf-8"):
            w = w.strip().lower()
            if w and not w.startswith("#"):
                table[w] = table.get(w, 0) | (1 << i)
    return langs, table


# ---------------------------------------------------------------- segmentation

def segment(text):
    """Blocks as Winnow's segmentBlocks: every line with something other than space/tab;
    returns [(block_text, starts_group)]."""
    blocks = []
    saw_blank = True
    for line in re.split(r"\r\n|\r|\n", text):
        s = line.strip(" \t")
        if s:
            blocks.append((s, saw_blank))
            saw_blank = False
        else:
            saw_blank = True
    return blocks


# ---------------------------------------------------------------- code point classes

def is_sep_punct(c):
    """Non-ASCII code points that are punctuation or symbols (separate word pieces)."""
    return (0x80 <= c <= 0xBF or c == 0xD7 or c == 0xF7 or 0x2000 <= c <= 0x2BFF
            or 0x3000 <= c <= 0x303F or 0xFE30 <= c <= 0xFE4F or 0xFF00 <= c <= 0xFF0F
            or 0xFF1A <= c <= 0xFF20 or 0xFF3B <= c <= 0xFF40 or 0xFF5B <= c <= 0xFF65
            or c >= 0x1F000)


def is_cjk(c):
    return (0x3040 <= c <= 0x30FF or 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF
            or 0xF900 <= c <= 0xFAFF or 0xFF66 <= c <= 0xFF9F or 0xAC00 <= c <= 0xD7AF)


def is_upper(c):
    if c < 0x80:
        return 0x41 <= c <= 0x5A
    if 0xC0 <= c <= 0xDE:
        return c != 0xD7
    if 0x100 <= c <= 0x137 or 0x14A <= c <= 0x177:
        return c % 2 == 0
    if 0x139 <= c <= 0x148 or 0x179 <= c <= 0x17E:
        return c % 2 == 1
    if c == 0x178:
        return True
    return 0x391 <= c <= 0x3A9 or 0x400 <= c <= 0x42F


def is_letter(c):
    """ASCII letters and every non-ASCII code point that is not punctuation/symbol."""
    if c < 0x80:
        return (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A)
    return not is_sep_punct(c)


TRAIL_CLOSERS = {0x22, 0x27, 0x29, 0x5D, 0x2A, 0xBB, 0xAB, 0x201D, 0x2019, 0x201C}
SENTENCE_END = {0x2E, 0x21, 0x3F, 0x2026, 0x3002, 0xFF01, 0xFF1F}
SEPARATOR_TOKENS = {"|", ">", ">>", "»", "«", "›", "‹", "·", "•", "/", "-", "–", "—", "*", "→", "←", "::", "||", "+"}


def pieces(block):
    """Word pieces for stopword lookup: maximal runs of letters/digits (ASCII alnum and
    non-ASCII non-punctuation), each CJK character a piece of its own."""
    out = []
    cur = []
    for ch in block:
        c = ord(ch)
        if c < 0x80:
            if ch.isascii() and ch.isalnum():
                cur.append(ch)
                continue
        elif is_cjk(c):
            if cur:
                out.append("".join(cur)); cur = []
            out.append(ch)
            continue
        elif not is_sep_punct(c):
            cur.append(ch)
            continue
        if cur:
            out.append("".join(cur)); cur = []
    if cur:
        out.append("".join(cur))
    return out


def lower_piece(p):
    return p.lower() if not p.isascii() else p.lower()


# ---------------------------------------------------------------- features

BASE = [
    "log_chars", "log_words", "stop_density", "log_stops", "sentence_end", "colon_end",
    "cap_share", "digit_share", "punct_share", "comma_density", "link_share", "has_separator",
    "title_share", "words_le_2", "words_le_5", "words_le_10", "words_ge_30",
    "rel_position", "starts_group", "log_group_size", "duplicate", "copyright", "bullet_start",
    "doc_stop_density",
]


def block_raw(block, stop_table):
    """Counts of one block that do not depend on the language."""
    chars = len(block)
    tokens = block.replace("\t", " ").split(" ")
    tokens = [t for t in tokens if t]
    words = len(tokens)
    upper = letters = digits = punct = commas = 0
    for ch in block:
        c = ord(ch)
        if c < 0x80:
            if 0x30 <= c <= 0x39:
                digits += 1
            elif (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A):
                letters += 1
                if c <= 0x5A:
                    upper += 1
            elif c not in (0x20, 0x09):
                punct += 1
                if c == 0x2C:
                    commas += 1
        elif is_sep_punct(c):
            punct += 1
        else:
            letters += 1
            if is_upper(c):
                upper += 1
    link = 0
    title = initial_letters = 0
    for t in tokens:
        if "://" in t or t.startswith("www.") or t in SEPARATOR_TOKENS:
            link += 1
        c = ord(t[0])
        if is_letter(c) and not is_cjk(c):
            initial_letters += 1
            if is_upper(c):
                title += 1
    # sentence end
    cps = [ord(ch) for ch in block]
    k = len(cps)
    while k > 0 and cps[k - 1] in TRAIL_CLOSERS:
        k -= 1
    last = cps[k - 1] if k > 0 else 0
    has_sep = any(ch in "|»›•·" for ch in block) or " > " in block
    low = block[:20].lower()
    copyright_ = "©" in block or "copyright" in block.lower() or "(c)" in low
    first = cps[0]
    bullet = first in (0x2D, 0x2A, 0x2022, 0xB7, 0x2013, 0x25CF, 0x25A0, 0x2192, 0x3E, 0xBB)
    ps = pieces(block)
    masks = []
    letter_pieces = 0
    for p in ps:
        if any(is_letter(ord(ch)) for ch in p):
            letter_pieces += 1
            masks.append(stop_table.get(p.lower(), 0))
    return dict(chars=chars, words=words, upper=upper, letters=letters, digits=digits,
                punct=punct, commas=commas, link=link, title=title, initial=initial_letters,
                end=(last in SENTENCE_END), colon=(last == 0x3A), has_sep=has_sep,
                copyright=copyright_, bullet=bullet, pieces=letter_pieces, masks=masks)


def detect_language(raws, nlangs):
    counts = [0] * nlangs
    for r in raws:
        for m in r["masks"]:
            if m:
                for i in range(nlangs):
                    if m >> i & 1:
                        counts[i] += 1
    best = max(range(nlangs), key=lambda i: (counts[i], -i))
    return best, counts


def document_features(text, langs, stop_table):
    """Base feature rows (lists, in BASE order) for every block of a document, plus the
    blocks and the detected language."""
    blocks = segment(text)
    n = len(blocks)
    if n == 0:
        return [], [], None
    raws = [block_raw(b, stop_table) for b, _ in blocks]
    lang, _ = detect_language(raws, len(langs))
    bit = 1 << lang
    stops = [sum(1 for m in r["masks"] if m & bit) for r in raws]
    total_pieces = sum(r["pieces"] for r in raws)
    doc_density = sum(stops) / max(1, total_pieces)
    # groups
    group_size = [0] * n
    i = 0
    while i < n:
        j = i + 1
        while j < n and not blocks[j][1]:
            j += 1
        for k in range(i, j):
            group_size[k] = j - i
        i = j
    seen = {}
    for b, _ in blocks:
        seen[b] = seen.get(b, 0) + 1
    rows = []
    for idx, ((b, starts), r) in enumerate(zip(blocks, raws)):
        w = r["words"]
        ch = max(1, r["chars"])
        rows.append([
            math.log1p(r["chars"]),
            math.log1p(w),
            stops[idx] / max(1, r["pieces"]),
            math.log1p(stops[idx]),
            1.0 if r["end"] else 0.0,
            1.0 if r["colon"] else 0.0,
            r["upper"] / max(1, r["letters"]),
            r["digits"] / ch,
            r["punct"] / ch,
            r["commas"] / max(1, w),
            r["link"] / max(1, w),
            1.0 if r["has_sep"] else 0.0,
            r["title"] / max(1, r["initial"]),
            1.0 if w <= 2 else 0.0,
            1.0 if w <= 5 else 0.0,
            1.0 if w <= 10 else 0.0,
            1.0 if w >= 30 else 0.0,
            idx / max(1, n - 1),
            1.0 if starts else 0.0,
            math.log1p(group_size[idx]),
            1.0 if seen[b] > 1 else 0.0,
            1.0 if r["copyright"] else 0.0,
            1.0 if r["bullet"] else 0.0,
            doc_density,
        ])
    return blocks, rows, langs[lang]


CONTEXT = [
    "p_prev1", "p_next1", "p_prev2", "p_next2", "p_window3", "p_window10",
    "before_core", "after_core", "log_core_distance",
    "prev_log_words", "next_log_words", "prev_stop_density", "next_stop_density",
    "prev_same_group", "next_same_group",
    "in_region", "log_region_distance", "region_share",
    "group_p", "group_log_words", "group_stop_density", "group_sentence_end",
]

REGION_BIAS = 0.5    # a block adds (REGION_BIAS - p1) * log1p(words) to the region score

CORE_P = 0.35        # a block is "good" (core) when stage 1 says p(boilerplate) below this
CORE_MIN_WORDS = 10  # ... and it has at least this many words


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def context_rows(blocks, rows, p1):
    """Context features from neighbours' stage-1 probabilities and base features."""
    n = len(rows)
    W = BASE.index("log_words")
    S = BASE.index("stop_density")
    prefix = [0.0]
    for p in p1:
        prefix.append(prefix[-1] + p)

    def window(i, r):
        a, b = max(0, i - r), min(n, i + r + 1)
        return (prefix[b] - prefix[a]) / (b - a)

    good = [i for i in range(n) if p1[i] < CORE_P and math.expm1(rows[i][W]) >= CORE_MIN_WORDS - 0.5]
    first = good[0] if good else n
    last = good[-1] if good else -1
    # distance to nearest good block
    dist = [n] * n
    goodset = set(good)
    d = None
    for i in range(n):
        if i in goodset:
            d = 0
        elif d is not None:
            d += 1
        dist[i] = d if d is not None else n
    d = None
    for i in range(n - 1, -1, -1):
        if i in goodset:
            d = 0
        elif d is not None:
            d += 1
        if d is not None:
            dist[i] = min(dist[i], d)
    # the article region: the contiguous run of blocks with the largest total score
    best, best_a, best_b = 0.0, 0, -1
    run, a = 0.0, 0
    for i in range(n):
        s = (REGION_BIAS - p1[i]) * rows[i][W]
        if run <= 0.0:
            run, a = s, i
        else:
            run += s
        if run > best:
            best, best_a, best_b = run, a, i
    total_words = sum(rows[i][W] for i in range(n))
    region_words = sum(rows[i][W] for i in range(best_a, best_b + 1))
    region_share = region_words / total_words if total_words > 0 else 0.0
    # group means (blocks of one group are adjacent lines with no blank line between)
    E = BASE.index("sentence_end")
    gstat = [None] * n
    i = 0
    while i < n:
        j = i + 1
        while j < n and not blocks[j][1]:
            j += 1
        m = j - i
        st = (sum(p1[i:j]) / m, sum(rows[k][W] for k in range(i, j)) / m,
              sum(rows[k][S] for k in range(i, j)) / m, sum(rows[k][E] for k in range(i, j)) / m)
        for k in range(i, j):
            gstat[k] = st
        i = j
    out = []
    for i in range(n):
        rd = 0 if best_a <= i <= best_b else (best_a - i if i < best_a else i - best_b)
        if best_b < 0:
            rd = n
        pp1 = p1[i - 1] if i >= 1 else 0.5
        pn1 = p1[i + 1] if i + 1 < n else 0.5
        pp2 = p1[i - 2] if i >= 2 else 0.5
        pn2 = p1[i + 2] if i + 2 < n else 0.5
        out.append([
            pp1, pn1, pp2, pn2, window(i, 3), window(i, 10),
            1.0 if i < first else 0.0,
            1.0 if i > last else 0.0,
            math.log1p(min(dist[i], 50)),
            rows[i - 1][W] if i >= 1 else 0.0,
            rows[i + 1][W] if i + 1 < n else 0.0,
            rows[i - 1][S] if i >= 1 else 0.0,
            rows[i + 1][S] if i + 1 < n else 0.0,
            1.0 if i >= 1 and not blocks[i][1] else 0.0,
            1.0 if i + 1 < n and not blocks[i + 1][1] else 0.0,
            1.0 if best_a <= i <= best_b else 0.0,
            math.log1p(min(rd, 50)),
            region_share,
        ] + list(gstat[i]))
    return out


def logistic(weights, bias, x):
    return sigmoid(bias + sum(w * v for w, v in zip(weights, x)))


def smooth(blocks, rows, p2, model):
    """jusText-style context smoothing: confident blocks keep their class; short or
    uncertain blocks take the class of their nearest confident neighbours when both sides
    agree, else they are kept when their own score is under the threshold.
    Returns a list of booleans: True = drop."""
    n = len(p2)
    lo, hi, thr = model["smooth_low"], model["smooth_high"], model["threshold"]
    short = model["smooth_short_words"]
    W = BASE.index("log_words")
    cls = []
    for i in range(n):
        words = round(math.expm1(rows[i][W]))
        if p2[i] >= hi and words > short:
            cls.append(1)
        elif p2[i] <= lo and words > short:
            cls.append(0)
        else:
            cls.append(-1)
    drop = [False] * n
    prev = [None] * n
    last = None
    for i in range(n):
        prev[i] = last
        if cls[i] >= 0:
            last = cls[i]
    nxt = [None] * n
    last = None
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if cls[i] >= 0:
            last = cls[i]
    for i in range(n):
        if cls[i] >= 0:
            drop[i] = cls[i] == 1
            continue
        a, b = prev[i], nxt[i]
        a = 1 if a is None else a
        b = 1 if b is None else b
        if a == 1 and b == 1:
            drop[i] = p2[i] >= model["smooth_bad_bad"]
        elif a == 0 and b == 0:
            drop[i] = p2[i] >= model["smooth_good_good"]
        else:
            drop[i] = p2[i] >= thr
    # never drop long text
    maxw = model["never_drop_words"]
    for i in range(n):
        if round(math.expm1(rows[i][W])) >= maxw:
            drop[i] = False
    return drop


def classify(text, model, langs, stop_table):
    blocks, rows, lang = document_features(text, langs, stop_table)
    if not blocks:
        return [], [], [], lang
    w1, b1 = model["stage1"]["weights"], model["stage1"]["bias"]
    p1 = [logistic(w1, b1, r) for r in rows]
    ctx = context_rows(blocks, rows, p1)
    w2, b2 = model["stage2"]["weights"], model["stage2"]["bias"]
    p2 = [logistic(w2, b2, r + c) for r, c in zip(rows, ctx)]
    drop = smooth(blocks, rows, p2, model)
    return blocks, p2, drop, lang
