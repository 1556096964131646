/// A word of the current text, as typo repair sees it: ASCII letters with inner hyphens,
/// trimmed of surrounding punctuation and of a possessive `'s`. Anything with digits,
/// non-ASCII letters, `@`, `#`, `/`, `.`, `_` and the like inside is not a word here
/// (URLs, e-mail addresses, handles, hashtags, numbers, foreign words), and is never touched.
struct WordToken {
    enum Shape {
        /// Only lowercase letters (and hyphens).
        case lower
        /// Every hyphen-separated part is one capital then lowercase letters ("Lvova-Belova").
        case capitalised
        /// Anything else: acronyms, CamelCase, inner apostrophes.
        case other
        /// Not ASCII letters: accented or non-Latin words (kept so neighbours can see them).
        case foreign
    }

    var range: Range<Int>
    var shape: Shape
    /// First word of a sentence (after a line start or `.`, `!`, `?`, `:`).
    var sentenceStart: Bool
    var hyphens: Int
    /// Preceded, in the same sentence, by a capitalised word ("Maria Lvova-Belova").
    var afterCapitalised: Bool
}

/// Abbreviations whose period does not end a sentence.
private let abbreviations: Set<[UInt8]> = Set(["mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col",
    "lt", "sgt", "capt", "rep", "sen", "gov", "rev", "no", "vs", "etc", "mt", "ft", "inc", "co", "corp",
    "ltd", "fig", "vol", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "pres"]
    .map { Array($0.utf8) })

@inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
@inline(__always) func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
@inline(__always) func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) private func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }

/// Splits text into word tokens (see `WordToken`), in text order.
func wordTokens(_ text: [UInt8]) -> [WordToken] {
    var tokens: [WordToken] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        // Byte length of an em or en dash at i (they separate words), else 0.
        func dash(_ i: Int) -> Int {
            i + 2 < n && buf[i] == 0xE2 && buf[i + 1] == 0x80 && (buf[i + 2] == 0x93 || buf[i + 2] == 0x94) ? 3 : 0
        }
        // Byte length of a typographic quote at i, else 0: every quote the canonical stage
        // folds to ' or " (`foldedQuote`), so that words read alike before and after folding.
        func quote(_ i: Int) -> Int {
            guard i < n, buf[i] == 0xE2 || buf[i] == 0xC2, let (len, folded) = foldedQuote(buf, i),
                  folded.count == 1 else { return 0 }
            return len
        }
        // Byte length of a quote ending at e, else 0.
        func quoteEnding(_ e: Int) -> Int {
            if e >= 3, quote(e - 3) == 3 { return 3 }
            if e >= 2, quote(e - 2) == 2 { return 2 }
            return 0
        }
        // An ellipsis (folded to "...") ending at e.
        func ellipsisEnding(_ e: Int) -> Bool {
            e >= 3 && buf[e - 3] == 0xE2 && buf[e - 2] == 0x80 && buf[e - 1] == 0xA6
        }
        var prevEndsSentence = true    // the previous chunk closed a sentence
        var prevCapitalised = false    // the previous chunk was a bare capitalised word
        tokens.reserveCapacity(n / 6)
        var i = 0
        while i < n {
            if isSpace(buf[i]) {
                if buf[i] == 0x0A { prevEndsSentence = true; prevCapitalised = false }
                i += 1
                continue
            }
            let d = dash(i)
            if d > 0 { i += d; prevCapitalised = false; continue }
            // A chunk: up to whitespace or a dash.
            let chunkStart = i
            while i < n, !isSpace(buf[i]), dash(i) == 0 { i += 1 }
            let chunkEnd = i

            var s = chunkStart, e = chunkEnd
            while s < e {
                let b = buf[s]
                if b == 0x22 || b == 0x27 || b == 0x28 || b == 0x5B || b == 0x7B || b == 0x2A { s += 1; continue }
                let c = quote(s)
                if c > 0 { s += c; continue }
                break
            }
            var closesSentence = false
            var trailingPunctuation = false
            while e > s {
                let b = buf[e - 1]
                if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A { closesSentence = true; trailingPunctuation = true; e -= 1; continue }
                if b == 0x2C || b == 0x3B || b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x7D || b == 0x2A {
                    trailingPunctuation = true; e -= 1; continue
                }
                let c = quoteEnding(e)
                if c > 0 { trailingPunctuation = true; e -= c; continue }
                if ellipsisEnding(e) { closesSentence = true; trailingPunctuation = true; e -= 3; continue }
                break
            }
            // Possessive 's or ’s.
            if e - s > 2, buf[e - 1] == 0x73, buf[e - 2] == 0x27 { e -= 2 }
            else if e - s > 4, buf[e - 1] == 0x73, buf[e - 2] == 0x99, buf[e - 3] == 0x80, buf[e - 4] == 0xE2 { e -= 4 }

            // The core: letters and single inner hyphens only.
            var valid = e > s && isLetter(buf[s]) && isLetter(buf[e - 1])
            var hyphens = 0
            var k = s
            while valid, k < e {
                let b = buf[k]
                if isLetter(b) { k += 1; continue }
                if b == 0x2D, k + 1 < e, isLetter(buf[k + 1]) { hyphens += 1; k += 1; continue }
                valid = false
            }
            let sentenceStart = prevEndsSentence
            let afterCapitalised = prevCapitalised
            if valid {
                var anyUpper = false, capitalised = true, partStart = true
                for k in s..<e {
                    let b = buf[k]
                    if b == 0x2D { partStart = true; continue }
                    if isUpper(b) { anyUpper = true; if !partStart { capitalised = false } }
                    else if partStart { capitalised = false }
                    partStart = false
                }
                let shape: WordToken.Shape = !anyUpper ? .lower : (capitalised ? .capitalised : .other)
                tokens.append(WordToken(range: s..<e, shape: shape, sentenceStart: sentenceStart,
                                        hyphens: hyphens, afterCapitalised: afterCapitalised))
                prevCapitalised = shape == .capitalised && !trailingPunctuation && s == chunkStart
            } else {
                // Words in other scripts or with accented letters: not ours to fix, but a
                // typo beside them is likely foreign text too.
                var foreign = false
                for k in s..<e where buf[k] >= 0xC3 && buf[k] != 0xE2 { foreign = true; break }
                if foreign {
                    tokens.append(WordToken(range: s..<e, shape: .foreign, sentenceStart: sentenceStart,
                                            hyphens: 0, afterCapitalised: false))
                }
                prevCapitalised = false
            }
            // Does this chunk end a sentence? Not after an abbreviation ("Mr.", "U.S.").
            if closesSentence {
                var abbreviation = false
                if valid {
                    abbreviation = e - s == 1
                        || (e - s <= 5 && abbreviations.contains((s..<e).map { lowerASCII(buf[$0]) }))
                } else if !valid {
                    // "U.S." and the like: a period inside the chunk.
                    var inner = false
                    for k in chunkStart..<max(chunkStart, chunkEnd - 1) where buf[k] == 0x2E { inner = true; break }
                    abbreviation = inner
                }
                prevEndsSentence = !abbreviation
            } else {
                prevEndsSentence = false
            }
        }
    }
    return tokens
}
