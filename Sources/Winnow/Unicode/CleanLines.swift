import CICU

/// The clean-line scan: which lines of a text the per-line Unicode passes (mojibake,
/// characters, compatibility forms, NFC, look-alike letters) must read at all.
///
/// Each of those passes decides line by line and proposes nothing on a line unless the
/// line holds something particular: a control or odd space; a compatibility form (but
/// full-width punctuation beside CJK); a character that is not "yes" for NFC (but a
/// "maybe" after a starter it does not compose with) or marks out of canonical order; a
/// whole UTF-8 sequence in the bytes of some code page (unless `cannotLookBad` proves
/// the mojibake pass will keep none on the line), U+FFFD after a lead byte, or a space
/// after "Ã", "Г" or "Ă" (what `mayHoldMojibake` looks for, with its own
/// `completesSequence`); a word with letters of two of Latin, Greek and Cyrillic. One
/// byte loop looks for all of these at once — ASCII eight bytes at a time, other
/// characters with one table lookup (`CharTable.plain`) — and marks a line that might
/// hold one of them; every other line is proved clean and skipped by all the passes. The
/// test is one-sided: a line it marks goes to the exact passes, which may still find
/// nothing. Text in Cyrillic, Greek, Arabic, Devanagari or CJK is nearly all non-ASCII,
/// so without this every pass decoded every character.
///
/// Whether a line needs a pass must never depend on other lines, for the passes to
/// give the same edits on the marked lines alone as on the whole text: the passes that
/// look across lines or at the whole text (markup, C1 punctuation with its evidence of
/// Windows-1252, joiners) are cheap byte searches and still read the whole text.

/// The stretches of `text` that may need the per-line passes: runs of consecutive
/// marked lines, each line with its `\n`, in order. Empty when every line is clean.
func linesNeedingRepair(_ text: [UInt8], table: CharTable) -> [Range<Int>] {
    var regions: [Range<Int>] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var start = 0
        while start < n {
            let (clean, end) = scanLine(buf, from: start, table)
            if !clean {
                if let last = regions.last, last.upperBound == start {
                    regions[regions.count - 1] = last.lowerBound..<end
                } else {
                    regions.append(start..<end)
                }
            }
            start = end
        }
    }
    return regions
}

/// The edits `pass` proposes over `regions` of `text` (from `linesNeedingRepair`), in
/// coordinates of the whole text: the pass runs on a copy of each region, which holds
/// whole lines, so it sees each line as it would in the whole text.
func proposals(of pass: ([UInt8]) -> [ProposedEdit], over text: [UInt8], in regions: [Range<Int>]) -> [ProposedEdit] {
    if regions.count == 1, regions[0] == text.indices { return pass(text) }
    var out: [ProposedEdit] = []
    for region in regions {
        for var p in pass(Array(text[region])) {
            p.range = (p.range.lowerBound + region.lowerBound)..<(p.range.upperBound + region.lowerBound)
            out.append(p)
        }
    }
    return out
}

/// Letters after which the mojibake pass reads a space as a lost no-break space byte
/// (0xA0 in "Ã\u{A0}" for "à", and the same byte pair in Windows-1251 and -1250).
@inline(__always)
func isLetterBeforeLostNoBreakSpace(_ c: UInt32) -> Bool { c == 0xC3 || c == 0x0413 || c == 0x0102 }

@inline(__always)
private func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

/// Which of Greek (2) and Cyrillic (4) the two-byte character with lead byte `b` counts
/// as for the look-alike pass (ASCII letters count as Latin, 1), as that pass reads it.
@inline(__always)
private func scriptBit(lead b: UInt8) -> UInt8 {
    b >= 0xCD && b <= 0xCF ? 2 : b >= 0xD0 && b <= 0xD4 ? 4 : 0
}

/// Scans the line that starts at `start`: whether it is certainly clean, and where the
/// next line starts (after the `\n`, or the end of the text).
@inline(__always)
private func scanLine(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, _ table: CharTable) -> (Bool, Int) {
    let n = buf.count
    var i = start
    // What the passes carry from one character to the next, as they carry it:
    var prevLead: UInt8 = 0   // mojibake: pages in which the previous character is a lead byte
    var lastClass: UInt8 = 0  // NFC: combining class of the previous character
    var afterA = false        // mojibake: the previous character is "Ã", "Г" or "Ă"
    var word: UInt8 = 0       // look-alikes: scripts seen in the current word
    var previous: UInt32 = 0x20  // NFC and compatibility forms: the previous character
    var prevAt = 0            // mojibake: where the previous character starts
    var lineEnd = -1          // where the line ends, once needed
    var cleared = false       // mojibake: `cannotLookBad` cleared the line
    @inline(__always) func marked() -> (Bool, Int) {
        let e = firstByte(buf, 0x0A, from: i)
        return (false, e < n ? e + 1 : n)
    }
    /// Mojibake as `mayHoldMojibake` has it, for `c` (below `Codepage.flatLimit`) at `i`:
    /// a lead byte and a continuation byte of one page side by side are common in correct
    /// text ("ёт", "ЦІ"); only a whole sequence counts. Then `c` is the previous character.
    ///
    /// A whole sequence marks the line only when `cannotLookBad` does not clear it: clean
    /// Cyrillic text is full of them by chance ("МІ" is 0xCC 0xB2 in Windows-1251), and
    /// that proof reads the whole line once; then the scan goes on for the other passes'
    /// reasons, and no later sequence on the line needs a look.
    @inline(__always) func mayCompleteSequence(_ c: UInt32) -> Bool {
        let pages = prevLead & table.contPages[Int(c)]
        if pages != 0, !cleared {
            if lineEnd < 0 { lineEnd = firstByte(buf, 0x0A, from: i) }
            if completesSequence(buf, from: prevAt, end: lineEnd, pages: pages) {
                if !cannotLookBad(buf, start..<lineEnd) { return true }
                cleared = true
            }
        }
        prevLead = table.leadPages[Int(c)]
        prevAt = i
        return false
    }
    while true {
        let j = firstNotPrintableASCII(buf, from: i)
        if j > i {
            if afterA, buf[i] == 0x20 { return marked() }
            // A word runs on through ASCII letters; a run that starts and ends with a
            // letter is taken as one word (more words mixed than there are: safe).
            let first = isASCIILetter(buf[i]), last = isASCIILetter(buf[j - 1])
            if first {
                word |= 1
                if word & (word &- 1) != 0 { return marked() }
            }
            word = last ? (first ? word : 1) : 0
            prevLead = 0; lastClass = 0; afterA = false; previous = UInt32(buf[j - 1])
            i = j
        }
        if i >= n { return (true, n) }
        let b = buf[i]
        if b < 0x80 {
            if b == 0x0A { return (true, i + 1) }
            if b == 0x09 {
                if afterA { return marked() }
            } else if b != 0x0D {
                return marked()  // a control character
            }
            word = 0; prevLead = 0; lastClass = 0; afterA = false; previous = UInt32(b)
            i += 1
            continue
        }
        // Decode; anything but well-formed UTF-8 goes to the passes.
        let c: UInt32, len: Int
        if b < 0xE0 {
            guard b >= 0xC2, i + 1 < n, buf[i + 1] & 0xC0 == 0x80 else { return marked() }
            c = UInt32(b & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
            len = 2
            word |= scriptBit(lead: b)
            if word & (word &- 1) != 0 { return marked() }
        } else if b < 0xF0 {
            guard i + 2 < n, buf[i + 1] & 0xC0 == 0x80, buf[i + 2] & 0xC0 == 0x80 else { return marked() }
            c = UInt32(b & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
            guard c >= 0x800, c & 0xF800 != 0xD800 else { return marked() }
            len = 3
        } else {
            guard b <= 0xF4, i + 3 < n, buf[i + 1] & 0xC0 == 0x80, buf[i + 2] & 0xC0 == 0x80,
                  buf[i + 3] & 0xC0 == 0x80 else { return marked() }
            c = UInt32(b & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6
                | UInt32(buf[i + 3] & 0x3F)
            guard c >= 0x10000, c <= 0x10FFFF else { return marked() }
            len = 4
        }
        let cc: UInt8, quickCheck: Int32
        if c < 0x10000 {
            let f = table.scanFlags(Int(c))
            if f & CharTable.plain != 0 {
                prevLead = 0; lastClass = 0; afterA = false; previous = c
                i += len
                continue
            }
            if f & CharTable.plainButPages != 0 {
                if mayCompleteSequence(c) { return marked() }
                lastClass = 0; afterA = false; previous = c
                i += len
                continue
            }
            if f & CharTable.dirty != 0 { return marked() }
            cc = table.combiningClass(c)
            quickCheck = f & 2 == 0 ? 1 : 2
            // Full-width punctuation stays beside a CJK character, and only there.
            if c >= 0xFF01, c <= 0xFF5E, isFullWidthPunctuation(c), !isCJK(previous) {
                var next: UInt32 = 0x20
                if i + len < n, let l2 = validSequenceLength(buf, i + len) { next = scalarValue(buf, i + len, l2) }
                if !isCJK(next) { return marked() }
            }
        } else {
            // Beyond the BMP (emoji, historic scripts, CJK extensions): tag characters
            // are judged by their neighbours, the rest by ICU.
            if needsCharacterRepair(c) || (0xE0020...0xE007F).contains(c) { return marked() }
            quickCheck = cicu_nfc_quick_check(Int32(bitPattern: c))
            if quickCheck == 0 { return marked() }
            cc = table.combiningClass(c)
        }
        // NFC as `mayNeedNFC` has it: a "maybe" passes after a starter it does not
        // compose with; marks must come in canonical order.
        if quickCheck != 1 {
            guard lastClass == 0, table.combiningClass(previous) == 0, !table.composesRemembered(previous, c) else {
                return marked()
            }
        }
        if cc != 0, cc < lastClass { return marked() }
        lastClass = cc
        previous = c
        if c < Codepage.flatLimit {
            if mayCompleteSequence(c) { return marked() }
        } else {
            prevLead = 0
        }
        afterA = isLetterBeforeLostNoBreakSpace(c)
        i += len
    }
}
