import CICU

/// Compatibility forms that are noise in article text: Latin ligatures (ﬁ ﬂ), Latin
/// digraph letters (ǌ), full-width Latin letters, digits and (outside CJK text)
/// punctuation. Their plain form is ICU's NFKC of the one character; other
/// compatibility characters (², ½, ™) are kept.

/// True for the compatibility characters this pass replaces (the clean-line scan asks
/// too: a line without them gives this pass nothing to do).
@inline(__always)
func isCompatibilityTarget(_ c: UInt32) -> Bool {
    switch c {
    case 0xFB00...0xFB06, 0x01C4...0x01CC, 0x01F1...0x01F3, 0x0132, 0x0133, 0x0149, 0xFF01...0xFF5E: return true
    default: return false
    }
}

/// Full-width punctuation (not letters or digits): kept in CJK text, where it belongs
/// (next to a CJK character; the clean-line scan asks the same).
@inline(__always)
func isFullWidthPunctuation(_ c: UInt32) -> Bool {
    (0xFF01...0xFF5E).contains(c) && !(0xFF10...0xFF19).contains(c) && !(0xFF21...0xFF3A).contains(c)
        && !(0xFF41...0xFF5A).contains(c)
}

/// Characters of CJK text: Han, kana, Hangul, CJK punctuation, half-width kana and
/// Hangul (not the full-width forms of ASCII, which this pass turns into ASCII).
@inline(__always)
func isCJK(_ c: UInt32) -> Bool {
    (0x2E80...0x9FFF).contains(c) || (0xAC00...0xD7AF).contains(c) || (0xF900...0xFAFF).contains(c)
        || (0xFF5F...0xFFEF).contains(c) || (0x20000...0x3FFFF).contains(c)
}

private func nfkc(_ c: UInt32) -> [UInt8] {
    if c == 0x0149 { return [0x27, 0x6E] }  // ŉ is Afrikaans 'n
    var out = [CChar](repeating: 0, count: 32)
    let n = cicu_nfkc_char(Int32(bitPattern: c), &out, 32)
    guard n > 0, n <= 32 else { return utf8Bytes(c) }
    return out[0..<Int(n)].map { UInt8(bitPattern: $0) }
}

/// Edits that replace ligatures, digraph letters and full-width forms.
func compatRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        var prev: UInt32 = 0x20
        while i < n {
            let b = buf[i]
            if b < 0x80 {
                let j = firstNonASCII(buf, from: i)
                prev = UInt32(buf[j - 1])
                i = j
                continue
            }
            let len = validSequenceLength(buf, i) ?? 1
            // Only EF (full-width, ligatures), C4/C5/C7 (digraphs) can start a target.
            if b != 0xEF && b != 0xC4 && b != 0xC5 && b != 0xC7 { prev = scalarValue(buf, i, len); i += len; continue }
            let c = scalarValue(buf, i, len)
            if isCompatibilityTarget(c) {
                var keep = false
                if isFullWidthPunctuation(c) {
                    var next: UInt32 = 0x20
                    if i + len < n, let l2 = validSequenceLength(buf, i + len) { next = scalarValue(buf, i + len, l2) }
                    keep = isCJK(prev) || isCJK(next)
                }
                if !keep {
                    let plain = nfkc(c)
                    let what = (0xFF01...0xFF5E).contains(c) ? "full-width form" : "ligature or digraph letter"
                    proposals.append(ProposedEdit(range: i..<(i + len), replacement: plain, rule: "unicode.compat",
                                                  category: "unicode", kind: .replace, reason: "\(what) (compatibility character)"))
                }
            }
            prev = c
            i += len
        }
    }
    return proposals
}
