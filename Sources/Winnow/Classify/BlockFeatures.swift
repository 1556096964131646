import Foundation

/// Block features for the statistical classifier, computed exactly as
/// `tools/classifier/features.py` does (the model was fitted on that code's numbers):
/// everything is defined on code points, which this file decodes from the UTF-8 bytes
/// in one pass per block, without building Strings except to lower-case a non-ASCII
/// word that has capitals.
enum BlockFeatures {
    static let baseNames = [
        "log_chars", "log_words", "stop_density", "log_stops", "sentence_end", "colon_end",
        "cap_share", "digit_share", "punct_share", "comma_density", "link_share", "has_separator",
        "title_share", "words_le_2", "words_le_5", "words_le_10", "words_ge_30",
        "rel_position", "starts_group", "log_group_size", "duplicate", "copyright", "bullet_start",
        "doc_stop_density", "lexical",
    ]
    /// The document's structure around a block (features.py STRUCTURE).
    static let structureNames = [
        "prose_before_share", "prose_after_share", "log_prose_before", "log_prose_after", "log_prose_total",
        "lexical_window3", "lexical_window10", "log_words_window3", "log_words_window10",
        "sentence_end_window3", "sentence_end_window10", "log_blocks",
        "title_cover", "title_precision", "has_headline", "rel_headline", "after_headline",
        "log_prose_since_headline",
        "rule_drop_prose_before", "rule_drop_prose_after", "log_rule_drops_adjacent",
        "prose_word_share",
    ]
    /// A page title's headline keeps at most `titleWords` distinct content words and needs
    /// `titleMinWords`; a later block holding `headlineCover` of them (and not many more
    /// words) is its headline (features.py TITLE_WORDS, TITLE_MIN_WORDS, HEADLINE_COVER).
    static let titleWords = 64
    static let titleMinWords = 2
    static let headlineCover = 0.6
    /// Stands for a separator token ("|", "-", ...) among a block's content-word keys.
    static let separatorKey = UInt64.max
    /// Offsets of the neighbours whose base features follow (features.py NEIGHBOURS).
    static let neighbours = [-1, 1, -2, 2]

    /// Every feature of a block's row, in order (features.py feature_names()).
    static let featureNames: [String] = {
        var names = baseNames + structureNames
        for k in neighbours {
            names += baseNames.map { "\(k < 0 ? "prev" : "next")\(abs(k))_\($0)" }
        }
        return names
    }()
    static let baseCount = baseNames.count
    static let structureCount = structureNames.count
    static let rowCount = baseCount + structureCount + neighbours.count * baseCount

    // Indices of base features used for structure and in reasons.
    static let iLogWords = 1, iStopDensity = 2, iSentenceEnd = 4, iLinkShare = 10, iTitleShare = 12, iLexical = 24

    /// Counts of one block that do not depend on the document's language.
    struct Raw {
        var chars = 0, words = 0, upper = 0, letters = 0, digits = 0, punct = 0, commas = 0
        var link = 0, title = 0, initial = 0
        var sentenceEnd = false, colonEnd = false, hasSeparator = false, copyright = false, bullet = false
        var letterPieces = 0
        /// Sum of the lexicon weights of the block's words.
        var lex = 0.0
        var hash: UInt64 = 0
    }

    // MARK: code point classes (features.py: is_sep_punct, is_cjk, is_upper, is_letter)

    @inline(__always) static func isSepPunct(_ c: UInt32) -> Bool {
        if c < 0x2000 { return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 }
        return c <= 0x2BFF || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F)
            || (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40)
            || (c >= 0xFF5B && c <= 0xFF65) || c >= 0x1F000
    }

    @inline(__always) static func isCJK(_ c: UInt32) -> Bool {
        (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
            || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0xAC00 && c <= 0xD7AF)
    }

    @inline(__always) static func isUpper(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x41 && c <= 0x5A }
        if c >= 0xC0 && c <= 0xDE { return c != 0xD7 }
        if (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) { return c & 1 == 0 }
        if (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) { return c & 1 == 1 }
        if c == 0x178 { return true }
        return (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F)
    }

    @inline(__always) static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        return !isSepPunct(c)
    }

    /// True when lower-casing a non-ASCII code point might change it (so the word needs
    /// Swift's `lowercased()`); false for code points known to be caseless or lower case.
    @inline(__always) static func mayHaveCase(_ c: UInt32) -> Bool {
        if c < 0x180 { return isUpper(c) }
        if isCJK(c) || (c >= 0x430 && c <= 0x45F) || (c >= 0x3AC && c <= 0x3CE) { return false }
        return true
    }

    @inline(__always) static func isCloser(_ c: UInt32) -> Bool {
        c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0x2A || c == 0xBB || c == 0xAB
            || c == 0x201D || c == 0x2019 || c == 0x201C
    }

    @inline(__always) static func isSentenceEnd(_ c: UInt32) -> Bool {
        c == 0x2E || c == 0x21 || c == 0x3F || c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F
    }

    @inline(__always) static func isBullet(_ c: UInt32) -> Bool {
        c == 0x2D || c == 0x2A || c == 0x2022 || c == 0xB7 || c == 0x2013 || c == 0x25CF || c == 0x25A0
            || c == 0x2192 || c == 0x3E || c == 0xBB
    }

    /// Decodes the code point at `i` (valid UTF-8 assumed, stray bytes read as themselves).
    @inline(__always) static func decode(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = t[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 >= 0xF0, i + 3 < end {
            return ((UInt32(b0 & 0x07) << 18) | (UInt32(t[i + 1] & 0x3F) << 12) | (UInt32(t[i + 2] & 0x3F) << 6) | UInt32(t[i + 3] & 0x3F), 4)
        }
        if b0 >= 0xE0, i + 2 < end {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(t[i + 1] & 0x3F) << 6) | UInt32(t[i + 2] & 0x3F), 3)
        }
        if b0 >= 0xC0, i + 1 < end {
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(t[i + 1] & 0x3F), 2)
        }
        return (UInt32(b0), 1)
    }

    /// True for the separator tokens of features.py SEPARATOR_TOKENS:
    /// | > >> » « › ‹ · • / - – — * → ← :: || +
    @inline(__always) static func isSeparatorToken(_ t: UnsafeBufferPointer<UInt8>, _ a: Int, _ len: Int) -> Bool {
        switch len {
        case 1:
            let b = t[a]
            return b == 0x7C || b == 0x3E || b == 0x2F || b == 0x2D || b == 0x2A || b == 0x2B
        case 2:
            let b0 = t[a], b1 = t[a + 1]
            if b0 == 0xC2 { return b1 == 0xBB || b1 == 0xAB || b1 == 0xB7 }
            return (b0 == 0x3E && b1 == 0x3E) || (b0 == 0x3A && b1 == 0x3A) || (b0 == 0x7C && b1 == 0x7C)
        case 3:
            let b0 = t[a], b1 = t[a + 1], b2 = t[a + 2]
            if b0 == 0xE2, b1 == 0x80 { return b2 == 0xBA || b2 == 0xB9 || b2 == 0xA2 || b2 == 0x93 || b2 == 0x94 }
            if b0 == 0xE2, b1 == 0x86 { return b2 == 0x92 || b2 == 0x90 }
            return false
        default:
            return false
        }
    }

    /// The state of one pass over a block (a struct, so the hot loop has no captured
    /// variables and no dynamic exclusivity checks).
    struct Scanner {
        let t: UnsafeBufferPointer<UInt8>
        let table: StopwordTable
        let blockLang: UnsafeMutablePointer<Int32>
        let langCounts: UnsafeMutablePointer<Int>
        var r = Raw()
        var pieceStart = -1
        var pieceHash = StopwordTable.seed
        var pieceHasLetter = false
        var pieceNeedsLower = false
        var tokenStart = -1
        /// Keys of the content words (letter pieces that are no stopword of any language),
        /// and `separatorKey` for each separator token (features.py `content`).
        var content: [UInt64] = []

        @inline(__always) mutating func finishPiece(_ stop: Int) {
            guard pieceStart >= 0 else { return }
            if pieceHasLetter {
                r.letterPieces += 1
                var key: UInt64
                if pieceNeedsLower {
                    let lowered = String(decoding: UnsafeBufferPointer(rebasing: t[pieceStart..<stop]), as: UTF8.self).lowercased()
                    var h = StopwordTable.seed
                    for b in lowered.utf8 { h = StopwordTable.step(h, b) }
                    key = StopwordTable.finish(h)
                } else {
                    key = StopwordTable.finish(pieceHash)
                }
                let entry = table.entry(key)
                r.lex += entry.weight
                if entry.mask == 0 { content.append(key) }
                var m = entry.mask
                while m != 0 {
                    let bit = m.trailingZeroBitCount
                    blockLang[bit] += 1
                    langCounts[bit] += 1
                    m &= m - 1
                }
            }
            pieceStart = -1
            pieceHash = StopwordTable.seed
            pieceHasLetter = false
            pieceNeedsLower = false
        }

        @inline(__always) mutating func finishToken(_ stop: Int) {
            guard tokenStart >= 0 else { return }
            let a = tokenStart
            let len = stop - a
            let isSeparator = isSeparatorToken(t, a, len)
            var isLink = isSeparator
            if !isLink, len >= 4, t[a] == 0x77, t[a + 1] == 0x77, t[a + 2] == 0x77, t[a + 3] == 0x2E {
                isLink = true
            }
            if !isLink, len >= 3 {
                var k = a
                while k + 2 < stop {
                    if t[k] == 0x3A, t[k + 1] == 0x2F, t[k + 2] == 0x2F { isLink = true; break }
                    k += 1
                }
            }
            if isLink { r.link += 1 }
            if isSeparator { content.append(BlockFeatures.separatorKey) }
            tokenStart = -1
        }
    }

    /// Scans one block: language-independent counts, and for every word piece holding a
    /// letter the stopword language mask, added to `langCounts` (per document) and
    /// `blockLang` (this block's count per language); the block's content-word keys are
    /// appended to `content`.
    static func scan(_ t: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ table: StopwordTable,
                     blockLang: UnsafeMutablePointer<Int32>, langCounts: UnsafeMutablePointer<Int>,
                     content: inout [UInt64]) -> Raw {
        var sc = Scanner(t: t, table: table, blockLang: blockLang, langCounts: langCounts)
        swap(&sc.content, &content)
        defer { swap(&sc.content, &content) }
        let end = range.upperBound
        var i = range.lowerBound
        var cpIndex = 0
        var prefix20End = end  // byte offset where the 21st code point starts
        var firstCP: UInt32 = 0

        while i < end {
            let (c, len) = decode(t, i, end)
            if cpIndex == 0 { firstCP = c }
            cpIndex += 1
            if cpIndex == 21 { prefix20End = i }
            sc.r.chars += 1
            if c == 0x20 || c == 0x09 {
                sc.finishPiece(i)
                sc.finishToken(i)
                i += 1
                continue
            }
            if sc.tokenStart < 0 {
                sc.tokenStart = i
                sc.r.words += 1
                if isLetter(c), !isCJK(c) {
                    sc.r.initial += 1
                    if isUpper(c) { sc.r.title += 1 }
                }
            }
            if c < 0x80 {
                let b = UInt8(c)
                if b >= 0x30, b <= 0x39 {
                    sc.r.digits += 1
                    if sc.pieceStart < 0 { sc.pieceStart = i }
                    sc.pieceHash = StopwordTable.step(sc.pieceHash, b)
                } else if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) {
                    sc.r.letters += 1
                    if b <= 0x5A { sc.r.upper += 1 }
                    if sc.pieceStart < 0 { sc.pieceStart = i }
                    sc.pieceHasLetter = true
                    sc.pieceHash = StopwordTable.step(sc.pieceHash, b | 0x20)
                } else {
                    sc.r.punct += 1
                    if b == 0x2C { sc.r.commas += 1 }
                    if b == 0x7C { sc.r.hasSeparator = true }
                    if b == 0x3E, i > range.lowerBound, i + 1 < end, t[i - 1] == 0x20, t[i + 1] == 0x20 { sc.r.hasSeparator = true }
                    sc.finishPiece(i)
                }
                i += 1
                continue
            }
            if isSepPunct(c) {
                sc.r.punct += 1
                if c == 0xBB || c == 0x203A || c == 0x2022 || c == 0xB7 { sc.r.hasSeparator = true }
                if c == 0xA9 { sc.r.copyright = true }
                sc.finishPiece(i)
            } else {
                sc.r.letters += 1
                if isUpper(c) { sc.r.upper += 1 }
                if isCJK(c) {
                    sc.finishPiece(i)
                    sc.pieceStart = i
                    sc.pieceHasLetter = true
                    for k in 0..<len { sc.pieceHash = StopwordTable.step(sc.pieceHash, t[i + k]) }
                    sc.finishPiece(i + len)
                } else {
                    if sc.pieceStart < 0 { sc.pieceStart = i }
                    sc.pieceHasLetter = true
                    if mayHaveCase(c) { sc.pieceNeedsLower = true }
                    for k in 0..<len { sc.pieceHash = StopwordTable.step(sc.pieceHash, t[i + k]) }
                }
            }
            i += len
        }
        sc.finishPiece(end)
        sc.finishToken(end)
        var r = sc.r
        r.hash = hashBytes(t, range)
        r.bullet = isBullet(firstCP)

        // sentence end: the last code point before any closing quotes and brackets
        var k = end
        var last: UInt32 = 0
        while k > range.lowerBound {
            var s = k - 1
            while s > range.lowerBound, t[s] & 0xC0 == 0x80 { s -= 1 }
            let (c, _) = decode(t, s, end)
            k = s
            if isCloser(c) { continue }
            last = c
            break
        }
        r.sentenceEnd = isSentenceEnd(last)
        r.colonEnd = last == 0x3A
        if !r.copyright {
            r.copyright = containsASCIIFolded(t, range.lowerBound, end, "copyright")
                || containsASCIIFolded(t, range.lowerBound, prefix20End, "(c)")
        }
        return r
    }

    /// A 64-bit hash of a byte range, eight bytes at a time (for spotting duplicate blocks).
    @inline(__always) static func hashBytes(_ t: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(range.count)
        let raw = UnsafeRawPointer(t.baseAddress!)
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < range.upperBound { tail |= UInt64(t[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    @inline(__always) static func containsASCIIFolded(_ t: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard b - a >= n else { return false }
        let p = needle.utf8Start
        var i = a
        while i + n <= b {
            var ok = true
            for k in 0..<n {
                var x = t[i + k]
                if x >= 0x41, x <= 0x5A { x |= 0x20 }
                if x != p[k] { ok = false; break }
            }
            if ok { return true }
            i += 1
        }
        return false
    }
}
