import CICU

/// Per-code-point facts for the Basic Multilingual Plane, from ICU and the repair rules,
/// so that the Unicode passes skip correct text with one table lookup a character
/// instead of property calls (clean text in Cyrillic, Devanagari or Hangul is nearly all
/// non-ASCII). Characters beyond the BMP ask ICU directly.
///
/// Filled a block of 256 code points at a time, when text first reaches the block: a
/// document in one script touches a handful of blocks, so start-up costs next to
/// nothing. Each Unicode stage (one per worker thread) owns its table.
final class CharTable {
    /// Bit 0: the character pass repairs it (a control, an odd space, an invisible).
    /// Bit 1: its NFC quick-check value is not "yes"; bit 2: it is "no".
    /// Bit 3 (`CharTable.dirty`): a line holding it needs the passes (bit 0 or 2, a
    /// compatibility form the compat pass replaces wherever it stands, or U+FFFD, a lost
    /// byte of mojibake).
    /// Bit 4 (`CharTable.plain`): none of that, and nothing that depends on its neighbours
    /// either — NFC "yes" and combining class 0, no UTF-8 lead or continuation byte in any
    /// code page mojibake is undone from, not one of the letters after which a space may
    /// be a lost no-break space byte, not full-width punctuation (kept beside CJK). Most
    /// letters of most scripts; the clean-line scan skips them with this one test.
    /// Bit 5 (`CharTable.plainButPages`): all of that but a lead or continuation byte in
    /// some code page (most Cyrillic letters, in Windows-1251): only the mojibake test
    /// looks at it.
    /// Bit 7: the block has been filled (set on every entry of a filled block).
    private let flags: UnsafeMutableBufferPointer<UInt8>
    /// Canonical combining classes.
    private let classes: UnsafeMutableBufferPointer<UInt8>
    /// `Codepages.leadBits` and `contBits` (below `Codepage.flatLimit`), copied here for
    /// the clean-line scan, which reads them for most Cyrillic letters.
    let leadPages: UnsafeMutableBufferPointer<UInt8>, contPages: UnsafeMutableBufferPointer<UInt8>
    /// Recent answers of `composes` (see `composesRemembered`); 0 is an empty entry.
    private let pairs: UnsafeMutableBufferPointer<UInt64>

    init() {
        flags = .allocate(capacity: 0x10000)
        flags.initialize(repeating: 0)
        classes = .allocate(capacity: 0x10000)
        classes.initialize(repeating: 0)
        leadPages = .allocate(capacity: Int(Codepage.flatLimit))
        _ = leadPages.initialize(from: Codepages.leadBits)
        contPages = .allocate(capacity: Int(Codepage.flatLimit))
        _ = contPages.initialize(from: Codepages.contBits)
        pairs = .allocate(capacity: 1024)
        pairs.initialize(repeating: 0)
    }

    deinit {
        flags.deallocate()
        classes.deallocate()
        leadPages.deallocate()
        contPages.deallocate()
        pairs.deallocate()
    }

    static let dirty: UInt8 = 8, plain: UInt8 = 16, plainButPages: UInt8 = 32

    private func fill(block: Int) {
        for c in (block << 8)..<((block + 1) << 8) {
            var f: UInt8 = 0x80
            if needsCharacterRepair(UInt32(c)) { f |= 1 }
            switch cicu_nfc_quick_check(Int32(c)) {
            case 1: break
            case 0: f |= 6
            default: f |= 2
            }
            let cc = UInt8(truncatingIfNeeded: cicu_combining_class(Int32(c)))
            let compat = isCompatibilityTarget(UInt32(c))
            if f & 5 != 0 || (compat && !isFullWidthPunctuation(UInt32(c))) || c == 0xFFFD { f |= CharTable.dirty }
            let mojibakeByte = c < Int(Codepage.flatLimit) && leadPages[c] | contPages[c] != 0
            if f & (CharTable.dirty | 2) == 0, cc == 0, !compat, !isLetterBeforeLostNoBreakSpace(UInt32(c)) {
                f |= mojibakeByte ? CharTable.plainButPages : CharTable.plain
            }
            flags[c] = f
            classes[c] = cc
        }
    }

    @inline(__always)
    private func entry(_ c: Int) -> UInt8 {
        let f = flags[c]
        if f != 0 { return f }
        fill(block: c >> 8)
        return flags[c]
    }

    /// The flags of a BMP code point, for the clean-line scan (`dirty`, `plain`).
    @inline(__always)
    func scanFlags(_ c: Int) -> UInt8 { entry(c) }

    @inline(__always)
    func mayNeedCharacterRepair(_ c: UInt32) -> Bool {
        c < 0x10000 ? entry(Int(c)) & 1 != 0 : true
    }

    enum QuickCheck { case yes, no, maybe }

    /// The NFC quick-check value of a code point.
    @inline(__always)
    func nfcQuickCheck(_ c: UInt32) -> QuickCheck {
        if c < 0x10000 {
            let f = entry(Int(c))
            return f & 2 == 0 ? .yes : f & 4 != 0 ? .no : .maybe
        }
        switch cicu_nfc_quick_check(Int32(bitPattern: c)) {
        case 1: return .yes
        case 0: return .no
        default: return .maybe
        }
    }

    /// Whether NFC changes the starter `a` followed by `b`: `b` composes with `a`, or with
    /// the last character of `a`'s decomposition, which NFC reorders it before ("Ì" then
    /// a tilde below becomes "Ḭ" then a grave: a fuzz finding).
    func composes(_ a: UInt32, _ b: UInt32) -> Bool {
        cicu_pair_is_nfc(Int32(bitPattern: a), Int32(bitPattern: b)) != 1
    }

    /// `composes`, remembering recent answers (direct-mapped by the pair): text in a
    /// script with "maybe" characters (Devanagari's nukta after a consonant) asks about
    /// the same few pairs over and over. An entry is the pair, a bit "filled" and the answer.
    @inline(__always)
    func composesRemembered(_ a: UInt32, _ b: UInt32) -> Bool {
        let key = (UInt64(a) << 21 | UInt64(b)) << 2 | 2
        let slot = Int((a &* 31 ^ b) & 1023)
        let entry = pairs[slot]
        if entry & ~1 == key { return entry & 1 != 0 }
        let answer = composes(a, b)
        pairs[slot] = key | (answer ? 1 : 0)
        return answer
    }

    @inline(__always)
    func combiningClass(_ c: UInt32) -> UInt8 {
        guard c < 0x10000 else { return UInt8(truncatingIfNeeded: cicu_combining_class(Int32(bitPattern: c))) }
        _ = entry(Int(c))
        return classes[Int(c)]
    }
}
