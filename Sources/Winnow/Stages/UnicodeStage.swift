import CICU

/// Repairs broken Unicode, in this order: markup debris (character references, stray
/// tags), mojibake (UTF-8 read as a single-byte code page, once or more), C1 controls
/// that are Windows-1252 punctuation, controls, invisible format characters, odd spaces,
/// line and paragraph separators, compatibility forms (ligatures, full-width), look-alike
/// letters of another script inside a word; then puts the text in NFC.
///
/// Each pass is a byte loop with an ASCII fast path that proposes nothing on clean text
/// (so `Document.apply` is not even reached); NFC is asked of ICU only for lines that
/// hold non-ASCII text and that ICU's quick check does not pass. The passes that judge
/// line by line read only the lines the clean-line scan (`linesNeedingRepair`) could not
/// prove clean, so clean text in any script costs one byte loop.
final class UnicodeStage: Stage {
    let name = "unicode"
    var role: StageRole { .repairsCharacters }
    /// This worker's character facts (filled as text reaches each block of code points).
    private let table = CharTable()
    /// False runs the per-line passes over the whole text, as before the clean-line scan;
    /// the output is the same either way (tests compare the two).
    let skipsCleanLines: Bool

    init(skipsCleanLines: Bool = true) {
        self.skipsCleanLines = skipsCleanLines
    }

    /// Rounds of all the passes at most: each round repairs what the previous one
    /// uncovered, and real text settles in one or two.
    static let maxRounds = 4

    func run(_ document: inout Document) {
        // Every pass can uncover work for another: a deleted control or a full-width "＆"
        // made ASCII completes a character reference, a composed letter completes mojibake,
        // a removed joiner or replaced letter lets marks compose. So the passes repeat until
        // a round proposes nothing (cleaning twice then changes nothing); on clean text the
        // first round proposes nothing and is the only one.
        var windows1252Evidence = false
        let table = self.table
        for _ in 0..<UnicodeStage.maxRounds {
            var changed = false
            // The lines the per-line passes must read, found again after any change.
            var regions: [Range<Int>]? = nil
            func apply(_ proposals: [ProposedEdit]) {
                guard !proposals.isEmpty else { return }
                changed = true
                regions = nil
                document.apply(proposals, stage: name)
            }
            func inLines(_ pass: ([UInt8]) -> [ProposedEdit]) -> [ProposedEdit] {
                let text = document.text
                if regions == nil {
                    regions = skipsCleanLines ? linesNeedingRepair(text, table: table) : [text.indices]
                }
                return proposals(of: pass, over: text, in: regions!)
            }
            apply(loneCarriageReturns(document.text))
            apply(entityRepairs(document.text))
            apply(tagRepairs(document.text))
            let mojibake = inLines(mojibakeRepairs)
            windows1252Evidence = windows1252Evidence || !mojibake.isEmpty
            apply(mojibake)
            apply(c1Repairs(document.text, windows1252Evidence: windows1252Evidence))
            apply(inLines { characterRepairs($0, table: table) })
            apply(inLines(compatRepairs))
            apply(inLines { nfcRepairs($0, table: table) })
            // Marks that a removed joiner kept apart, or a replaced letter and the mark
            // after it, may need NFC again.
            let joiners = joinerRepairs(document.text)
            apply(joiners)
            let confusables = inLines(confusableRepairs)
            apply(confusables)
            if !joiners.isEmpty || !confusables.isEmpty { apply(inLines { nfcRepairs($0, table: table) }) }
            if !changed { break }
        }
    }
}

/// What the character pass does with one scalar.
private enum Repair {
    case space, lineBreak, delete(rule: String, reason: String)
}

/// Whether the character pass has anything to do with `scalar` (for `CharTable`).
func needsCharacterRepair(_ scalar: UInt32) -> Bool { repair(for: scalar) != nil }

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
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
        return .delete(rule: "unicode.invisible", reason: "bidirectional format character")
    case 0x0600...0x0605, 0x06DD, 0x070F, 0x08E2, 0x206A...0x206F, 0xFFF9...0xFFFB, 0x110BD, 0x110CD,
         0x13430...0x1343F, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0001:
        return .delete(rule: "unicode.invisible", reason: "format character")
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
func characterRepairs(_ text: [UInt8], table: CharTable = CharTable()) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        var prevScalar: UInt32 = 0
        while i < n {
            let b = buf[i]
            if b >= 0x20, b < 0x7F {
                let j = firstNotPrintableASCII(buf, from: i)
                prevScalar = UInt32(buf[j - 1])
                i = j
                continue
            }
            let len = b < 0x80 ? 1 : (validSequenceLength(buf, i) ?? 1)
            let scalar = scalarValue(buf, i, len)
            // Tag characters spell emoji subdivision flags after U+1F3F4; elsewhere they
            // are invisible.
            if (0xE0020...0xE007F).contains(scalar) {
                if !(prevScalar == 0x1F3F4 || (0xE0020...0xE007F).contains(prevScalar)) {
                    proposals.append(ProposedEdit(range: i..<(i + len), rule: "unicode.invisible", category: "unicode",
                                                  kind: .delete, reason: "tag character outside an emoji flag"))
                    i += len
                    continue  // prevScalar stays: a run of stray tags goes whole
                }
                prevScalar = scalar
                i += len
                continue
            }
            prevScalar = scalar
            if table.mayNeedCharacterRepair(scalar), let r = repair(for: scalar) {
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

/// Edits that make a carriage return alone (not before a line feed) the line feed it
/// stands for. Every later stage splits lines at it (`segmentBlocks`), so the per-line
/// passes must read the same lines: mojibake judged across one took the words of two
/// lines for its context, and cleaning the output, where they stood apart, judged
/// otherwise (a fuzz finding).
func loneCarriageReturns(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        var k = firstByte(buf, 0x0D, from: 0)
        while k < buf.count {
            if k + 1 == buf.count || buf[k + 1] != 0x0A {
                proposals.append(ProposedEdit(range: k..<(k + 1), replacement: "\n", rule: "unicode.line-break",
                                              category: "unicode", kind: .replace,
                                              reason: "a carriage return alone ends a line"))
            }
            k = firstByte(buf, 0x0D, from: k + 1)
        }
    }
    return proposals
}

/// Edits that remove joiners (ZWJ, ZWNJ) where nothing needs them. They stay inside
/// emoji sequences and in scripts that use them (Arabic, Persian, Indic...): the nearest
/// characters on both sides that are not joiners must be from U+0600 on, and not
/// spaces or general punctuation. Runs after the other passes, so that the neighbours
/// it judges by are the ones that stay.
func joinerRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    @inline(__always) func needs(_ c: UInt32) -> Bool {
        c >= 0x0600 && !(0x2000...0x206F).contains(c) && c != 0x3000 && c != 0xFEFF
    }
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        while true {
            i = firstByte(buf, 0xE2, from: i)
            if i + 2 >= n { break }
            guard buf[i + 1] == 0x80, buf[i + 2] == 0x8C || buf[i + 2] == 0x8D else { i += 1; continue }
            // The run of joiners and the characters on either side of it.
            let start = i
            var end = i
            while end + 2 < n, buf[end] == 0xE2, buf[end + 1] == 0x80, buf[end + 2] == 0x8C || buf[end + 2] == 0x8D { end += 3 }
            var prev: UInt32 = 0
            if start > 0 {
                var k = start - 1
                while k > 0, buf[k] & 0xC0 == 0x80 { k -= 1 }
                prev = scalarValue(buf, k, validSequenceLength(buf, k) ?? 1)
            }
            var next: UInt32 = 0
            if end < n { next = scalarValue(buf, end, validSequenceLength(buf, end) ?? 1) }
            if !(needs(prev) && needs(next)) {
                proposals.append(ProposedEdit(range: start..<end, rule: "unicode.invisible", category: "unicode",
                                              kind: .delete, reason: "zero-width joiner outside emoji and scripts that use it"))
            }
            i = end
        }
    }
    return proposals
}

/// Edits that put each non-NFC line in NFC, each limited to the part that changes.
func nfcRepairs(_ text: [UInt8], table: CharTable = CharTable()) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        forEachNonASCIILine(buf) { line, firstNonASCII in
            guard mayNeedNFC(buf, firstNonASCII..<line.upperBound, table) else { return }
            if let edit = nfcEdit(buf, line) { proposals.append(edit) }
        }
    }
    return proposals
}

/// False when the text from `range` on is certainly in NFC, by Unicode's quick check
/// (UAX #15): every character's NFC quick-check value is "yes", and combining marks
/// that follow each other come in canonical order. A "maybe" (a character that can be
/// the second of a composition, like Devanagari's vowel sign AA) passes when the
/// character before it is a starter it does not compose with. Read straight from UTF-8
/// with `CharTable`; only text that fails goes to ICU.
@inline(__always)
private func mayNeedNFC(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ table: CharTable) -> Bool {
    var i = range.lowerBound
    var lastClass: UInt8 = 0
    // The range may start right after ASCII ("s" then U+0301): that letter is the starter.
    var previous: UInt32 = i > 0 && buf[i - 1] < 0x80 ? UInt32(buf[i - 1]) : 0x20
    while i < range.upperBound {
        let b = buf[i]
        if b < 0x80 {
            lastClass = 0
            let next = min(firstNonASCII(buf, from: i + 1), range.upperBound)
            previous = UInt32(buf[next - 1])
            i = next
            continue
        }
        guard let len = validSequenceLength(buf, i) else { return true }
        let c = scalarValue(buf, i, len)
        let cc = table.combiningClass(c)
        switch table.nfcQuickCheck(c) {
        case .yes: break
        case .no: return true
        case .maybe:
            // A starter before it blocks every earlier one: only that pair can compose.
            guard lastClass == 0, table.combiningClass(previous) == 0, !table.composes(previous, c) else { return true }
        }
        if cc != 0, cc < lastClass { return true }
        lastClass = cc
        previous = c
        i += len
    }
    return false
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
