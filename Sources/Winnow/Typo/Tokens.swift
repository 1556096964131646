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
    /// Line number (newlines before the token).
    var line: Int32
    /// `hashBytes` of the lowercased token (0 for foreign tokens).
    var hash: UInt64
}

/// Abbreviations whose period does not end a sentence (hashes of the lowercase words).
private let abbreviations = HashSet64("""
    mr mrs ms dr st jr sr prof gen col lt sgt capt rep sen gov rev no vs etc mt ft inc co corp \
    ltd fig vol jan feb mar apr aug sep sept oct nov dec pres
    """)

@inline(__always) func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
@inline(__always) func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

/// Byte classes for the tokenizer, one table lookup a byte.
private enum ByteClass {
    static let space: UInt8 = 1, upper: UInt8 = 2, lower: UInt8 = 4, lead: UInt8 = 8
    static let letter: UInt8 = upper | lower
    static let table: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D: return space
        case 0x41...0x5A: return upper
        case 0x61...0x7A: return lower
        case 0xE2: return lead  // may start a dash, a typographic quote or an ellipsis
        default: return 0
        }
    }
}

/// Splits text into word tokens (see `WordToken`), in text order, in one pass over the bytes
/// (each word's bytes are read once more to check its shape and hash it).
func wordTokens(_ text: [UInt8]) -> [WordToken] {
    var tokens: [WordToken] = []
    tokens.reserveCapacity(text.count / 6)
    text.withUnsafeBufferPointer { buf in
        ByteClass.table.withUnsafeBufferPointer { cls in
            tokenize(buf, cls, &tokens)
        }
    }
    return tokens
}

private func tokenize(_ buf: UnsafeBufferPointer<UInt8>, _ cls: UnsafeBufferPointer<UInt8>, _ tokens: inout [WordToken]) {
    let n = buf.count
    // Byte length of an em or en dash at i (they separate words), else 0.
    @inline(__always) func isDash(_ i: Int) -> Bool {
        i + 2 < n && buf[i] == 0xE2 && buf[i + 1] == 0x80 && (buf[i + 2] == 0x93 || buf[i + 2] == 0x94)
    }
    // Byte length of a typographic quote at i, else 0: every quote the canonical stage
    // folds to ' or " (`foldedQuote`), so that words read alike before and after folding.
    @inline(__always) func quote(_ i: Int) -> Int {
        guard i < n, let (len, folded) = foldedQuote(buf, i),
              folded.count == 1 else { return 0 }
        return len
    }
    // Byte length of a quote ending at e, else 0.
    @inline(__always) func quoteEnding(_ e: Int) -> Int {
        if e >= 3, quote(e - 3) == 3 { return 3 }
        if e >= 2, quote(e - 2) == 2 { return 2 }
        return 0
    }
    // Byte length of a typographic quote that folds to ' ending at e, else nil.
    @inline(__always) func apostropheEnding(_ e: Int) -> Int? {
        for len in [3, 2] where e >= len {
            if let (l, folded) = foldedQuote(buf, e - len),
               l == len, folded == [0x27] { return len }
        }
        return nil
    }
    // An ellipsis (folded to "...") ending at e.
    @inline(__always) func ellipsisEnding(_ e: Int) -> Bool {
        e >= 3 && buf[e - 3] == 0xE2 && buf[e - 2] == 0x80 && buf[e - 1] == 0xA6
    }
    var prevEndsSentence = true    // the previous chunk closed a sentence
    var prevCapitalised = false    // the previous chunk was a bare capitalised word
    var line: Int32 = 0
    var i = 0
    while i < n {
        let first = buf[i]
        let firstClass = cls[Int(first)]
        if firstClass & ByteClass.space != 0 {
            if first == 0x0A { prevEndsSentence = true; prevCapitalised = false; line += 1 }
            i += 1
            continue
        }
        if firstClass & ByteClass.lead != 0, isDash(i) { i += 3; prevCapitalised = false; continue }
        // A chunk: up to white space or a dash.
        let chunkStart = i
        i += 1
        while i < n {
            let c = cls[Int(buf[i])]
            if c & (ByteClass.space | ByteClass.lead) != 0, c & ByteClass.space != 0 || isDash(i) { break }
            i += 1
        }
        let chunkEnd = i

        var s = chunkStart, e = chunkEnd
        while s < e {
            let b = buf[s]
            if b == 0x22 || b == 0x27 || b == 0x28 || b == 0x5B || b == 0x7B || b == 0x2A { s += 1; continue }
            if b == 0xE2 || b == 0xC2 {
                let q = quote(s)
                if q > 0 { s += q; continue }
            }
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
            if b < 0x80 { break }  // a quote or an ellipsis ends in a continuation byte
            let q = quoteEnding(e)
            if q > 0 { trailingPunctuation = true; e -= q; continue }
            if ellipsisEnding(e) { closesSentence = true; trailingPunctuation = true; e -= 3; continue }
            break
        }
        // Possessive 's, with ' or any quote that folds to it (’s, ‚s …).
        if e - s > 2, buf[e - 1] == 0x73 {
            if buf[e - 2] == 0x27 { e -= 2 }
            else if let q = apostropheEnding(e - 1), e - s > q + 1 { e -= q + 1 }
        }

        // The core: letters and single inner hyphens only; its shape and lowercase hash in the same pass.
        var valid = e > s && cls[Int(buf[s])] & ByteClass.letter != 0 && cls[Int(buf[e - 1])] & ByteClass.letter != 0
        var hyphens: Int32 = 0
        var anyUpper = false, capitalised = true, partStart = true
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if valid {
            var k = s
            while k < e {
                let b = buf[k]
                let c = cls[Int(b)]
                if c & ByteClass.letter != 0 {
                    if c & ByteClass.upper != 0 {
                        anyUpper = true
                        if !partStart { capitalised = false }
                    } else if partStart {
                        capitalised = false
                    }
                    partStart = false
                    h = (h ^ UInt64(b | 0x20)) &* 0x0000_0100_0000_01B3
                } else if b == 0x2D, k + 1 < e, cls[Int(buf[k + 1])] & ByteClass.letter != 0 {
                    hyphens += 1
                    partStart = true
                    h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
                } else {
                    valid = false
                    break
                }
                k += 1
            }
        }
        if h == 0 { h = 1 }
        let sentenceStart = prevEndsSentence
        let afterCapitalised = prevCapitalised
        if valid {
            let shape: WordToken.Shape = !anyUpper ? .lower : (capitalised ? .capitalised : .other)
            tokens.append(WordToken(range: s..<e, shape: shape, sentenceStart: sentenceStart, hyphens: Int(hyphens),
                                    afterCapitalised: afterCapitalised, line: line, hash: h))
            prevCapitalised = shape == .capitalised && !trailingPunctuation && s == chunkStart
        } else {
            // Words in other scripts or with accented letters: not ours to fix, but a
            // typo beside them is likely foreign text too.
            var foreign = false
            for k in s..<max(s, e) where buf[k] >= 0xC3 && buf[k] != 0xE2 { foreign = true; break }
            if foreign {
                tokens.append(WordToken(range: s..<e, shape: .foreign, sentenceStart: sentenceStart, hyphens: 0,
                                        afterCapitalised: false, line: line, hash: 0))
            }
            prevCapitalised = false
        }
        // Does this chunk end a sentence? Not after an abbreviation ("Mr.", "U.S.").
        if closesSentence {
            var abbreviation = false
            if valid {
                abbreviation = e - s == 1 || (e - s <= 5 && abbreviations.contains(h))
            } else {
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

/// A fixed set of word hashes (`hashBytes` of the words) in an open-addressing table.
struct HashSet64: Sendable {
    private let keys: [UInt64]
    private let mask: Int

    init(_ words: String) {
        let hashes = words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { w in
            Array(w.utf8).withUnsafeBufferPointer { hashBytes($0, 0, $0.count) }
        }
        var size = 64
        while size < hashes.count * 4 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        for h in hashes {
            var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & (size - 1)
            while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & (size - 1) }
            keys[slot] = h
        }
        self.keys = keys
        mask = size - 1
    }

    @inline(__always) func contains(_ h: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let k = keys[slot]
            if k == h { return true }
            if k == 0 { return false }
            slot = (slot + 1) & mask
        }
    }
}
