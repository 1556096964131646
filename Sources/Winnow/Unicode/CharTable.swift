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
    /// Bit 7: the block has been filled (set on every entry of a filled block).
    private let flags: UnsafeMutableBufferPointer<UInt8>
    /// Canonical combining classes.
    private let classes: UnsafeMutableBufferPointer<UInt8>

    init() {
        flags = .allocate(capacity: 0x10000)
        flags.initialize(repeating: 0)
        classes = .allocate(capacity: 0x10000)
        classes.initialize(repeating: 0)
    }

    deinit {
        flags.deallocate()
        classes.deallocate()
    }

    private func fill(block: Int) {
        for c in (block << 8)..<((block + 1) << 8) {
            var f: UInt8 = 0x80
            if needsCharacterRepair(UInt32(c)) { f |= 1 }
            switch cicu_nfc_quick_check(Int32(c)) {
            case 1: break
            case 0: f |= 6
            default: f |= 2
            }
            flags[c] = f
            classes[c] = UInt8(truncatingIfNeeded: cicu_combining_class(Int32(c)))
        }
    }

    @inline(__always)
    private func entry(_ c: Int) -> UInt8 {
        let f = flags[c]
        if f != 0 { return f }
        fill(block: c >> 8)
        return flags[c]
    }

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

    /// Whether `b` right after the starter `a` composes with it under NFC.
    func composes(_ a: UInt32, _ b: UInt32) -> Bool {
        cicu_compose_pair(Int32(bitPattern: a), Int32(bitPattern: b)) >= 0
    }

    @inline(__always)
    func combiningClass(_ c: UInt32) -> UInt8 {
        guard c < 0x10000 else { return UInt8(truncatingIfNeeded: cicu_combining_class(Int32(bitPattern: c))) }
        _ = entry(Int(c))
        return classes[Int(c)]
    }
}
