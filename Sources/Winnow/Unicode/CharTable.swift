import CICU

/// Per-code-point facts for the Basic Multilingual Plane, worked out once from ICU and
/// the repair rules, so that the Unicode passes can skip correct text with one table
/// lookup a character instead of property calls (clean text in Cyrillic, Devanagari or
/// Hangul is nearly all non-ASCII). Characters beyond the BMP ask ICU directly.
///
/// Passes fetch `CharTable.shared` once and keep it in a local: a `static let` read in
/// a loop costs a once-check every time.
final class CharTable: @unchecked Sendable {
    static let shared = CharTable()

    /// Bit 0: the character pass repairs it (a control, an odd space, an invisible).
    /// Bit 1: its NFC quick-check value is not "yes".
    private let flags: UnsafeMutableBufferPointer<UInt8>
    /// Canonical combining classes.
    private let classes: UnsafeMutableBufferPointer<UInt8>

    private init() {
        flags = .allocate(capacity: 0x10000)
        classes = .allocate(capacity: 0x10000)
        for c in 0..<0x10000 {
            var f: UInt8 = 0
            if needsCharacterRepair(UInt32(c)) { f |= 1 }
            if cicu_nfc_quick_check(Int32(c)) != 1 { f |= 2 }
            flags[c] = f
            classes[c] = UInt8(truncatingIfNeeded: cicu_combining_class(Int32(c)))
        }
    }

    @inline(__always)
    func mayNeedCharacterRepair(_ c: UInt32) -> Bool {
        c < 0x10000 ? flags[Int(c)] & 1 != 0 : true
    }

    @inline(__always)
    func nfcQuickCheckIsYes(_ c: UInt32) -> Bool {
        c < 0x10000 ? flags[Int(c)] & 2 == 0 : cicu_nfc_quick_check(Int32(bitPattern: c)) == 1
    }

    @inline(__always)
    func combiningClass(_ c: UInt32) -> UInt8 {
        c < 0x10000 ? classes[Int(c)] : UInt8(truncatingIfNeeded: cicu_combining_class(Int32(bitPattern: c)))
    }
}
