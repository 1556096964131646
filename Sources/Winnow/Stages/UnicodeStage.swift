import CICU

/// Repairs characters that are noise in article text: controls, invisible format
/// characters, odd spaces, line and paragraph separators; then puts text in NFC.
///
/// One pass over the bytes with an ASCII fast path; NFC is asked of ICU only for lines
/// that hold non-ASCII text and that ICU's quick check does not pass.
final class UnicodeStage: Stage {
    let name = "unicode"

    func run(_ document: inout Document) {
        document.apply(characterRepairs(document.text), stage: name)
        document.apply(nfcRepairs(document.text), stage: name)
    }
}

/// What the character pass does with one scalar.
private enum Repair {
    case space, lineBreak, delete(rule: String, reason: String)
}

@inline(__always)
private func repair(for scalar: UInt32) -> Repair? {
    switch scalar {
    case 0x09, 0x0A, 0x0D: return nil
    case 0x0B, 0x0C: return .lineBreak
    case 0x00...0x1F, 0x7F:
        return .delete(rule: "unicode.control", reason: "control character")
    case 0x80...0x9F:
        return .delete(rule: "unicode.control", reason: "C1 control character")
    case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
        return .space
    case 0xAD:
        return .delete(rule: "unicode.invisible", reason: "soft hyphen")
    case 0x180E, 0x200B, 0x2060...0x2064, 0xFEFF:
        return .delete(rule: "unicode.invisible", reason: "zero-width or byte-order mark")
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        return .delete(rule: "unicode.invisible", reason: "bidirectional format character")
    case 0x2028, 0x2029:
        return .lineBreak
    case 0xE000...0xF8FF, 0xF0000...0x10FFFF:
        return .delete(rule: "unicode.private-use", reason: "private-use character")
    case 0xFDD0...0xFDEF:
        return .delete(rule: "unicode.noncharacter", reason: "noncharacter")
    default:
        return scalar & 0xFFFE == 0xFFFE ? .delete(rule: "unicode.noncharacter", reason: "noncharacter") : nil
    }
}

/// Edits for controls, invisible characters and odd spaces in valid UTF-8 text.
func characterRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        while i < n {
            let b = buf[i]
            if b >= 0x20, b < 0x7F { i += 1; continue }
            let len = b < 0x80 ? 1 : (validSequenceLength(buf, i) ?? 1)
            let scalar = scalarValue(buf, i, len)
            if let r = repair(for: scalar) {
                let range = i..<(i + len)
                switch r {
                case .space:
                    proposals.append(ProposedEdit(range: range, replacement: " ", rule: "unicode.space",
                                                  category: "unicode", kind: .replace,
                                                  reason: "no-break or typographic space"))
                case .lineBreak:
                    proposals.append(ProposedEdit(range: range, replacement: "\n", rule: "unicode.line-break",
                                                  category: "unicode", kind: .replace,
                                                  reason: "line or paragraph separator"))
                case .delete(let rule, let reason):
                    proposals.append(ProposedEdit(range: range, rule: rule, category: "unicode",
                                                  kind: .delete, reason: reason))
                }
            }
            i += len
        }
    }
    return proposals
}

/// Edits that put each non-NFC line in NFC, each limited to the part that changes.
func nfcRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var lineStart = 0
        var ascii = true
        for i in 0...n {
            if i == n || buf[i] == 0x0A {
                if !ascii, let edit = nfcEdit(buf, lineStart..<i) { proposals.append(edit) }
                lineStart = i + 1
                ascii = true
            } else if buf[i] >= 0x80 {
                ascii = false
            }
        }
    }
    return proposals
}

private func nfcEdit(_ buf: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> ProposedEdit? {
    let base = UnsafeRawPointer(buf.baseAddress!).advanced(by: line.lowerBound).assumingMemoryBound(to: CChar.self)
    if cicu_is_nfc(base, Int32(line.count)) == 1 { return nil }
    var out = [UInt8](repeating: 0, count: line.count * 3 + 16)
    let len = out.withUnsafeMutableBufferPointer { o in
        o.baseAddress!.withMemoryRebound(to: CChar.self, capacity: o.count) {
            cicu_nfc(base, Int32(line.count), $0, Int32(o.count))
        }
    }
    guard len >= 0, Int(len) <= out.count else { return nil }
    let normalized = Array(out[0..<Int(len)])
    guard let (range, replacement) = minimalChange(buf, line, normalized) else { return nil }
    return ProposedEdit(range: range, replacement: replacement, rule: "unicode.nfc", category: "unicode",
                        kind: .replace, reason: "composed to NFC")
}

/// The smallest span of `old[range]` that differs from `new`, widened to whole
/// characters (a combining mark stays with its base), with its replacement.
func minimalChange(_ old: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ new: [UInt8]) -> (Range<Int>, [UInt8])? {
    var p = 0
    let oldCount = range.count
    while p < oldCount, p < new.count, old[range.lowerBound + p] == new[p] { p += 1 }
    if p == oldCount && p == new.count { return nil }
    var s = 0
    while s < oldCount - p, s < new.count - p,
          old[range.upperBound - 1 - s] == new[new.count - 1 - s] { s += 1 }
    // Back off to character starts: never split a UTF-8 sequence, and keep combining
    // marks (which NFC reorders or composes) inside the changed span.
    while p > 0, p < oldCount,
          old[range.lowerBound + p] & 0xC0 == 0x80 || isCombiningLead(old, range.lowerBound + p) { p -= 1 }
    while s > 0, old[range.upperBound - s] & 0xC0 == 0x80 { s -= 1 }
    return ((range.lowerBound + p)..<(range.upperBound - s), Array(new[p..<(new.count - s)]))
}

/// True when the character at `i` is a combining mark in the common blocks (so the
/// changed span must start earlier, at its base letter).
private func isCombiningLead(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    guard i < buf.count, let len = validSequenceLength(buf, i), len > 1 else { return false }
    let v = scalarValue(buf, i, len)
    return (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
        || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) || (0x3099...0x309A).contains(v)
}
