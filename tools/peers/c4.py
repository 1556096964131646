"""C4-style line rules, as published for the Colossal Clean Crawled Corpus (Raffel et al.,
"Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer",
JMLR 21, 2020, section 2.2), written from the paper's description. Python stdlib only.

Per line (after stripping, citation markers such as "[1]" or "[edit]" removed first):
  - keep only lines that end in terminal punctuation (. ! ? or a closing quote), and not
    in an ellipsis;
  - keep only lines with at least MIN_WORDS words (the paper: 5; some later
    reimplementations use 3);
  - drop lines that mention JavaScript ("please enable javascript" warnings);
  - drop cookie, privacy-policy and terms-of-use lines.
Per page:
  - drop the page if it contains "lorem ipsum" or a curly bracket "{" (code);
  - drop the page if it holds a word longer than MAX_WORD characters;
  - drop the page if fewer than MIN_SENTENCES sentences remain.
Left out: the list of obscene words (a page-level filter needing an outside word list)
and the corpus-wide deduplication of three-sentence spans; neither is a per-document
cleaning step.

`clean(text)` returns the kept text (lines joined by "\n"), or "" when the page is dropped.
"""
import re

MIN_WORDS = 5
MIN_SENTENCES = 3
MAX_WORD = 1000
END_MARKS = (".", "!", "?", '"', "\u201d", "'", "\u2019")
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies",
          "use of cookies", "use cookies")

_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s|$)")


def _count_sentences(line):
    return max(1, len(_SENTENCE_END.findall(line)))


def clean(text):
    lower = text.lower()
    if "lorem ipsum" in lower or "{" in text:
        return ""
    kept, sentences = [], 0
    for line in text.split("\n"):
        line = _CITATION.sub("", line).strip()
        if not line:
            continue
        words = line.split()
        if any(len(w) > MAX_WORD for w in words):
            return ""
        if len(words) < MIN_WORDS:
            continue
        if not line.endswith(END_MARKS) or line.endswith("...") or line.endswith("\u2026"):
            continue
        low = line.lower()
        if "javascript" in low or any(p in low for p in POLICY):
            continue
        kept.append(line)
        sentences += _count_sentences(line)
    if sentences < MIN_SENTENCES:
        return ""
    return "\n".join(kept)
