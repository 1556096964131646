import CICU

/// Case folding for the literal prefilter (`LiteralIndex`) that keeps every character's
/// UTF-8 length, so that offsets in the folded text are offsets in the text.
///
/// The automaton reads ASCII capitals as lower case itself; letters beyond ASCII change
/// bytes when they change case ("Ä" is C3 84, "ä" C3 A4; Cyrillic "Р" is D0 A0, "р" D1 80),
/// so a rule whose literal is "реклама" missed "РЕКЛАМА" while its case-insensitive
/// pattern would have matched it. Text and literals are both folded here, by ICU's simple
/// case folding, wherever the folded letter has the length of the original (all of
/// Latin, Greek, Cyrillic, Armenian, Georgian, full-width Latin…); the few that fold to
/// another length (the Kelvin sign to "k") are left as they are.
enum CaseFold {
    /// For every code point of the Basic Multilingual Plane, its fold when that is another
    /// code point of the same UTF-8 length, else itself (ASCII is left to the automaton).
    /// ICU is asked only in the blocks where Unicode's case folding has entries (Latin,
    /// Greek, Cyrillic, Armenian; Georgian; Cherokee; Latin and Greek extended; letterlike
    /// and circled letters; Glagolitic, Coptic; Cyrillic and Latin extensions; full-width
    /// Latin; `CaseFoldTests` checks no other code point folds): asking ICU about all 65,536
    /// cost 3 M instructions more at start-up.
    private static let table: [UInt16] = {
        var table = (0..<0x10000).map { UInt16($0) }
        for range in cased {
            for c in range {
                let f = Int(cicu_fold_case(Int32(c)))
                guard f != c, f >= 0x80, f < 0x10000, !(0xD800...0xDFFF).contains(f),
                      (f < 0x800) == (c < 0x800) else { continue }
                table[c] = UInt16(f)
            }
        }
        return table
    }()

    /// The blocks of the Basic Multilingual Plane that hold every character with a case fold.
    static let cased: [ClosedRange<Int>] = [
        0x80...0x58F, 0x10A0...0x10FF, 0x13A0...0x13FF, 0x1C80...0x1CBF,
        0x1E00...0x1FFF, 0x2100...0x218F, 0x24B6...0x24E9, 0x2C00...0x2D2F,
        0xA640...0xA69F, 0xA720...0xA7FF, 0xAB70...0xABBF, 0xFF21...0xFF3A]

    /// The fold of one code point (itself beyond the table's reach).
    static func fold(_ c: UInt32) -> UInt32 {
        c < 0x10000 ? UInt32(table[Int(c)]) : c
    }

    /// Whether ICU's case-insensitive matching of `c` finds exactly the characters that
    /// fold to `c`'s fold here: a letter of Latin (to U+024F), Greek or Cyrillic, save
    /// those whose full case folding is two characters ("ß" matches "ss", "İ" "i̇", "ŉ"
    /// "ʼn", "ǰ", "ΐ", "ΰ") and the dotless i and long s, which fold to ASCII letters.
    /// (Case forms outside these blocks that fold to them, the Kelvin and Ångström signs,
    /// Ohm sign and Greek prosgegrammeni, are gone from NFC text; the Old Cyrillic
    /// variants U+1C80–U+1C88 stay unfolded, and a line using them is not found.)
    static func isPlainCased(_ c: UInt32) -> Bool {
        guard (0xC0...0x24F).contains(c) || (0x370...0x52F).contains(c) else { return false }
        return !notPlain.contains(c)
    }

    /// × and ÷, and the letters `isPlainCased` leaves out.
    private static let notPlain: Set<UInt32> = [0xD7, 0xF7, 0xDF, 0x130, 0x131, 0x149, 0x17F, 0x1F0, 0x390, 0x3B0]

    /// Whether `c` has no case at all, so that case-insensitive matching finds it alone:
    /// a character of the Basic Multilingual Plane outside every block with case folds
    /// (CJK, kana, Hangul, Arabic, Hebrew, Devanagari, Thai, symbols …). Beyond it, some
    /// scripts have case (Deseret, Osage, Adlam): not these.
    static func isUncased(_ c: UInt32) -> Bool {
        c < 0x10000 && !cased.contains { $0.contains(Int(c)) }
    }

    /// `text` with its letters beyond ASCII folded, or nil when folding changes nothing.
    /// Malformed sequences are left as they are.
    static func folded(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let n = text.count
        var copy: [UInt8]? = nil
        table.withUnsafeBufferPointer { t in
            // Folds are rare (capitals beyond ASCII): the copy is made at the first.
            @inline(__always) func write(_ i: Int, _ bytes: (UInt8, UInt8, UInt8), _ length: Int) {
                if copy == nil { copy = Array(text) }
                copy![i] = bytes.0
                copy![i + 1] = bytes.1
                if length == 3 { copy![i + 2] = bytes.2 }
            }
            var i = firstNonASCII(text, from: 0)
            while i < n {
                let b = text[i]
                if b >= 0xC2, b <= 0xDF, i + 1 < n, text[i + 1] & 0xC0 == 0x80 {
                    let c = Int(b & 0x1F) << 6 | Int(text[i + 1] & 0x3F)
                    let f = Int(t[c])
                    if f != c { write(i, (UInt8(0xC0 | f >> 6), UInt8(0x80 | f & 0x3F), 0), 2) }
                    i += 2
                } else if b >= 0xE0, b <= 0xEF, i + 2 < n, text[i + 1] & 0xC0 == 0x80, text[i + 2] & 0xC0 == 0x80 {
                    let c = Int(b & 0x0F) << 12 | Int(text[i + 1] & 0x3F) << 6 | Int(text[i + 2] & 0x3F)
                    let f = Int(t[c])
                    if f != c { write(i, (UInt8(0xE0 | f >> 12), UInt8(0x80 | (f >> 6) & 0x3F), UInt8(0x80 | f & 0x3F)), 3) }
                    i += 3
                } else {
                    i += 1
                }
                i = firstNonASCII(text, from: i)
            }
        }
        return copy
    }

    /// A literal as the index looks for it: ASCII letters in lower case, the rest folded.
    static func literal(_ bytes: [UInt8]) -> [UInt8] {
        var lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if let folded = lowered.withUnsafeBufferPointer({ folded($0) }) { lowered = folded }
        return lowered
    }
}

/// Whether `text[range]` contains `needle` with case folded as `LiteralIndex` folds it:
/// the plain scan the index must agree with (its tests use it as the reference).
func containsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    let slice = Array(text[range])
    let folded = slice.withUnsafeBufferPointer { CaseFold.folded($0) } ?? slice
    return folded.withUnsafeBufferPointer { containsIgnoringASCIICase($0, 0..<$0.count, CaseFold.literal(needle)) }
}
