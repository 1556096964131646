"""Block segmentation, language detection and block features, exactly as Winnow's Swift
classifier computes them (Sources/Winnow/Classify). Python 3 standard library only.

Everything here is defined on code points of the block's text so that the Swift side,
which walks UTF-8 bytes and decodes code points, gets the same numbers."""
import bisect
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

FOLD = {**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"}, "\u2026": "..."}


OPENING_GUILLEMETS, CLOSING_GUILLEMETS = "\u00ab\u2039", "\u00bb\u203a"
ASCII_WHITE = " \t\n\r"  # isASCIIWhite


def fold_typography(text):
    """Quotes and the ellipsis as Winnow's canonical stage folds them: the classifier
    reads text as its output, cleaned again, will have it. The space French sets inside
    guillemets goes with them ("« Oui »" to '"Oui"'), line by line, as CanonicalStage
    decides: after an opening one that a closing one follows on its line, and the spaces
    before a closing one while one is open."""
    if not any(ch in FOLD for ch in text):
        return text
    if not any(ch in OPENING_GUILLEMETS for ch in text):
        return "".join(FOLD.get(ch, ch) for ch in text)
    return "".join(_fold_line(line) for line in LINE_BREAK.split(text))


def _fold_line(line):
    out, i, n, open_count = [], 0, len(line), 0
    while i < n:
        ch = line[i]
        if ch in ASCII_WHITE:
            j = i
            while j < n and line[j] in ASCII_WHITE:
                j += 1
            if i > 0 and open_count > 0 and j < n and line[j] in CLOSING_GUILLEMETS:
                open_count -= 1
                out.append(FOLD[line[j]])
                i = j + 1
                continue
            out.append(line[i:j])
            i = j
            continue
        if ch in FOLD:
            if (ch in OPENING_GUILLEMETS and i + 2 < n and line[i + 1] == " " and line[i + 2] not in ASCII_WHITE
                    and line[i + 2] not in CLOSING_GUILLEMETS and any(c in CLOSING_GUILLEMETS for c in line[i + 1:])):
                open_count += 1
                out.append(FOLD[ch])
                i += 2
                continue
            out.append(FOLD[ch])
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def rule_drop_none():
    """{column: value} of the rule-drop features on a page where no rule dropped anything."""
    names = feature_names()
    return {names.index("rule_drop_prose_before"): NO_RULE_DROP, names.index("rule_drop_prose_after"): NO_RULE_DROP,
            names.index("log_rule_drops_adjacent"): math.log1p(0)}


LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def blocks_at(text):
    """Every line with something other than space/tab, stripped of them, with the UTF-8
    byte offset of its first character (Block.range.lowerBound in Swift): [(start, block)]."""
    out, pos = [], 0
    parts = LINE_BREAK.split(text)  # lines, with the line breaks between them
    for k in range(0, len(parts), 2):
        line = parts[k]
        block = line.strip(" \t")
        if block:
            out.append((pos + len(line) - len(line.lstrip(" \t")), block))
        pos += len(line.encode("utf-8")) + (len(parts[k + 1]) if k + 1 < len(parts) else 0)
    return out


def drop_gaps(text, positions):
    """How many rule drops sit in each gap between blocks: gap g lies before block g
    (g = n after the last). A drop at byte offset x is in the gap before the first block
    starting at or after x."""
    starts = [at for at, _ in blocks_at(text)]
    gaps = [0] * (len(starts) + 1)
    for x in positions:
        gaps[bisect.bisect_left(starts, x)] += 1
    return gaps


def segment(text):
    """Blocks as Winnow's segmentBlocks: every line with something other than space/tab;
    returns [(block_text, starts_group)]. Every block is a group of its own: canonical
    text puts a blank line between all blocks, and the classifier must judge its own
    output as it judged the page (else cleaning the output again drops more)."""
    return [(block, True) for _, block in blocks_at(text)]


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
    "doc_stop_density", "lexical",
]

# Document structure around a block. "Prose" is a block that ends like a sentence and
# has at least PROSE_MIN_WORDS words; windows are means over the block and up to 3 or 10
# blocks on each side; prose_word_share is the share of the block's distinct content
# words that another block of prose holds (-1 when it has none).
STRUCTURE = [
    "prose_before_share", "prose_after_share", "log_prose_before", "log_prose_after", "log_prose_total",
    "lexical_window3", "lexical_window10", "log_words_window3", "log_words_window10",
    "sentence_end_window3", "sentence_end_window10", "log_blocks",
    "title_cover", "title_precision", "has_headline", "rel_headline", "after_headline",
    "log_prose_since_headline",
    "rule_drop_prose_before", "rule_drop_prose_after", "log_rule_drops_adjacent",
    "prose_word_share",
]
PROSE_MIN_WORDS = 8

# Where the rule packs dropped blocks, as the classifier stage reads it: the rules name
# widgets (share rows, comment forms, related lists, menus) that stand where an article
# ends or has not begun, and what lies beyond them is mostly more of the same. Per
# block: the share of the page's prose before the last rule drop above it, the share
# after the first rule drop below it (-1 where there is none), and how many lines were
# dropped right above and below it. Only more drops raise them, and the fit constrains
# p(boilerplate) to rise with them (MONOTONE): the output, cleaned again, has no rule
# drops left, so its blocks can only score lower and nothing more is dropped.
RULE_DROP_FEATURES = ["rule_drop_prose_before", "rule_drop_prose_after", "log_rule_drops_adjacent"]
NO_RULE_DROP = -1.0  # the share features where there is no rule drop above (below) a block

# A page's first line is mostly its <title>, "Headline | Site": the headline is the part
# with the most content words (at most TITLE_WORDS distinct ones; fewer than
# TITLE_MIN_WORDS, as in a menu's "Home", make no title). The first later block holding
# HEADLINE_COVER of them, and not much else, is taken for the headline over the article:
# what comes before it is mostly the page's head, and teasers of other stories share few
# of its words.
TITLE_WORDS = 64
TITLE_MIN_WORDS = 2
HEADLINE_COVER = 0.6

# The base features of the blocks 1 and 2 before and after (-1 where there is none).
NEIGHBOURS = [-1, 1, -2, 2]


def feature_names():
    names = list(BASE) + list(STRUCTURE)
    for k in NEIGHBOURS:
        names += [f"{'prev' if k < 0 else 'next'}{abs(k)}_{b}" for b in BASE]
    return names


def block_raw(block, stop_table, lexicon=None, want_tokens=False):
    """Counts of one block that do not depend on the language; `lexicon` maps a
    lower-cased word to its weight (the sum over the block's words is `lex`)."""
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
    lex = 0.0
    words_lower = [] if want_tokens else None
    for p in ps:
        if any(is_letter(ord(ch)) for ch in p):
            letter_pieces += 1
            w = p.lower()
            masks.append(stop_table.get(w, 0))
            if lexicon is not None:
                v = lexicon.get(w)
                if v is not None:
                    lex += v
            if want_tokens:
                words_lower.append(w)
    # The block's content words (lower-cased letter pieces that are no stopword of any
    # language), with None for each separator token ("|", "-", ...): a page title's parts.
    content = []
    for t in tokens:
        if t in SEPARATOR_TOKENS:
            content.append(None)
            continue
        for p in pieces(t):
            if any(is_letter(ord(ch)) for ch in p):
                w = p.lower()
                if not stop_table.get(w, 0):
                    content.append(w)
    return dict(chars=chars, words=words, upper=upper, letters=letters, digits=digits,
                punct=punct, commas=commas, link=link, title=title, initial=initial_letters,
                end=(last in SENTENCE_END), colon=(last == 0x3A), has_sep=has_sep,
                copyright=copyright_, bullet=bullet, pieces=letter_pieces, masks=masks, lex=lex,
                tokens=words_lower, content=content)


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


class Doc:
    """One document's blocks and features: `base` rows in BASE order, word counts, and
    the lower-cased words of each block when asked for. Without a lexicon the lexical
    feature is 0 until `set_lexical_scores` fills it (while the lexicon is fitted)."""

    def __init__(self, text, langs, stop_table, lexicon=None, want_tokens=False, drops=()):
        self.blocks = segment(fold_typography(text))
        n = len(self.blocks)
        self.gaps = drop_gaps(text, drops) if drops else [0] * (n + 1)
        self.lang = None
        self.base = []
        self.words = []
        self.tokens = []
        if n == 0:
            return
        raws = [block_raw(b, stop_table, lexicon["weights"] if lexicon else None, want_tokens) for b, _ in self.blocks]
        lang, _ = detect_language(raws, len(langs))
        self.lang = langs[lang]
        bit = 1 << lang
        stops = [sum(1 for m in r["masks"] if m & bit) for r in raws]
        total_pieces = sum(r["pieces"] for r in raws)
        doc_density = sum(stops) / max(1, total_pieces)
        group_size = [0] * n
        i = 0
        while i < n:
            j = i + 1
            while j < n and not self.blocks[j][1]:
                j += 1
            for k in range(i, j):
                group_size[k] = j - i
            i = j
        seen = {}
        for b, _ in self.blocks:
            seen[b] = seen.get(b, 0) + 1
        self.raws = raws
        self.find_headline()
        for idx, ((b, starts), r) in enumerate(zip(self.blocks, raws)):
            w = r["words"]
            ch = max(1, r["chars"])
            self.words.append(w)
            self.tokens.append(r["tokens"])
            self.base.append([
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
                lexicon["bias"] + r["lex"] / math.sqrt(max(1, r["pieces"])) if lexicon else 0.0,
            ])

    def find_headline(self):
        """Each block's share of the title's headline words (cover) and of its content
        words that are headline words (precision), and the index of the headline block
        (-1 when none)."""
        parts, cur = [], []
        for w in self.raws[0]["content"]:
            if w is None:
                parts.append(cur); cur = []
            else:
                cur.append(w)
        parts.append(cur)
        best = max(parts, key=len)
        head = []
        for w in best:
            if w not in head and len(head) < TITLE_WORDS:
                head.append(w)
        if len(head) < TITLE_MIN_WORDS:
            head = []
        hw = set(head)
        self.cover, self.precision, self.headline = [], [], -1
        for i, r in enumerate(self.raws):
            bw = [w for w in r["content"] if w is not None]
            hits = sum(1 for w in bw if w in hw)
            cover = len(hw & set(bw)) / len(hw) if hw else 0.0
            self.cover.append(cover)
            self.precision.append(hits / len(bw) if bw else 0.0)
            if self.headline < 0 and i >= 1 and hw and cover >= HEADLINE_COVER and len(bw) <= 2 * len(hw) + 3:
                self.headline = i

    def set_lexical_scores(self, scores):
        L = BASE.index("lexical")
        for i, s in enumerate(scores):
            self.base[i][L] = float(s)

    def rows(self):
        """Full feature rows (feature_names() order)."""
        n = len(self.base)
        if n == 0:
            return []
        W, E, L = BASE.index("log_words"), BASE.index("sentence_end"), BASE.index("lexical")
        prose = [self.words[i] if self.base[i][E] > 0 and self.words[i] >= PROSE_MIN_WORDS else 0 for i in range(n)]
        total = sum(prose)
        before = [0] * (n + 1)
        for i in range(n):
            before[i + 1] = before[i] + prose[i]

        def prefix(col):
            p = [0.0] * (n + 1)
            for i in range(n):
                p[i + 1] = p[i] + self.base[i][col]
            return p

        pl, pw, pe = prefix(L), prefix(W), prefix(E)

        def window(p, i, r):
            a, b = max(0, i - r), min(n, i + r + 1)
            return (p[b] - p[a]) / (b - a)

        # the gap of the last rule drop at or above each block, of the first below it
        last_above, first_below = [-1] * n, [-1] * n
        g = -1
        for i in range(n):
            if self.gaps[i]:
                g = i
            last_above[i] = g
        g = -1
        for i in range(n - 1, -1, -1):
            if self.gaps[i + 1]:
                g = i + 1
            first_below[i] = g

        # each block's share of its distinct content words that another block of prose
        # holds (-1 without content words): an article's paragraphs share its names and
        # topic, a teaser of another story or an author's blurb speaks of something else
        content = [set(w for w in r["content"] if w is not None) for r in self.raws]
        df = {}
        for i in range(n):
            if prose[i]:
                for w in content[i]:
                    df[w] = df.get(w, 0) + 1
        shared = []
        for i in range(n):
            c = content[i]
            if not c:
                shared.append(-1.0)
                continue
            own = 1 if prose[i] else 0
            shared.append(sum(1 for w in c if df.get(w, 0) - own > 0) / len(c))

        pad = [-1.0] * len(BASE)
        out = []
        for i in range(n):
            pb = before[i]
            pa = total - before[i + 1]
            row = list(self.base[i]) + [
                pb / max(1, total), pa / max(1, total), math.log1p(pb), math.log1p(pa), math.log1p(total),
                window(pl, i, 3), window(pl, i, 10), window(pw, i, 3), window(pw, i, 10),
                window(pe, i, 3), window(pe, i, 10), math.log1p(n),
                self.cover[i], self.precision[i],
            ]
            h = self.headline
            if h >= 0:
                since = before[i] - before[h + 1] if i > h else before[i] - before[h]
                row += [1.0, (i - h) / n, 1.0 if i > h else 0.0, math.copysign(math.log1p(abs(since)), since)]
            else:
                row += [0.0, 0.0, -1.0, 0.0]
            a, b = last_above[i], first_below[i]
            row += [before[a] / max(1, total) if a >= 0 else NO_RULE_DROP,
                    (total - before[b]) / max(1, total) if b >= 0 else NO_RULE_DROP,
                    math.log1p(self.gaps[i] + self.gaps[i + 1])]
            row.append(shared[i])
            for k in NEIGHBOURS:
                j = i + k
                row += self.base[j] if 0 <= j < n else pad
            out.append(row)
        return out


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def tree_score(trees, row):
    """Sum of the leaf values the row reaches (trees as flat arrays: feature, threshold,
    left, right, value; feature -1 marks a leaf; go left when x <= threshold)."""
    s = 0.0
    for t in trees:
        k = 0
        f = t["feature"]
        while f[k] >= 0:
            k = t["left"][k] if row[f[k]] <= t["threshold"][k] else t["right"][k]
        s += t["value"][k]
    return s


def decide(doc, p, model):
    """Which blocks to drop (True) given p(boilerplate): the guards of model["decision"]."""
    dec = model["decision"]
    n = len(p)
    E = BASE.index("sentence_end")
    drop = [False] * n
    prose = [doc.base[i][E] > 0 and doc.words[i] >= PROSE_MIN_WORDS for i in range(n)]
    # A document that looks like an article all through (few blocks the model is sure
    # about) is left alone: the classifier is for pages with leftovers around the text.
    sure = sum(1 for x in p if x >= dec["guard_p"])
    if sure < dec["guard_min_blocks"]:
        return drop
    for i in range(n):
        if doc.words[i] >= dec["never_drop_words"]:
            continue
        thr = dec["prose_threshold"] if prose[i] else dec["threshold"]
        drop[i] = p[i] >= thr
    # A group (adjacent lines) of at least 3 blocks, at least half of them dropped, takes
    # its other short blocks along when they reach group_threshold (a menu's last item).
    i = 0
    while i < n:
        j = i + 1
        while j < n and not doc.blocks[j][1]:
            j += 1
        m = j - i
        dropped = sum(1 for k in range(i, j) if drop[k])
        if m >= 3 and 2 * dropped >= m:
            for k in range(i, j):
                if not drop[k] and not prose[k] and p[k] >= dec["group_threshold"]:
                    drop[k] = True
        i = j
    return drop


def classify(text, model, langs, stop_table, drops=()):
    doc = Doc(text, langs, stop_table, model["lexicon"], drops=drops)
    if not doc.blocks:
        return doc, [], []
    rows = doc.rows()
    g = model["trees"]
    p = [sigmoid(g["bias"] + tree_score(g["trees"], r)) for r in rows]
    return doc, p, decide(doc, p, model)
