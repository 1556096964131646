import CICU

/// An ICU regular expression matched directly over UTF-8 bytes (no UTF-16 copy), with
/// ICU's time limit so that a catastrophic user pattern stops instead of hanging.
///
/// A matcher holds per-match state and is not thread-safe: each worker gets its own
/// `clone()` of a compiled prototype.
final class ICURegex {
    private let handle: OpaquePointer
    /// Number of the capture group named `value`, or -1.
    let valueGroup: Int32
    let pattern: String

    /// ICU's match time limit, in its steps (on the order of a millisecond each).
    static let timeLimit: Int32 = 200

    enum Mode: Int32 {
        case matches = 0, lookingAt = 1, find = 2
    }

    struct Match {
        var range: Range<Int>
        var value: Range<Int>?
    }

    struct CompileError: Error {
        var message: String
    }

    /// Thrown when ICU's time limit stops a match.
    struct TimeOut: Error {}

    init(_ pattern: String) throws {
        var error = [CChar](repeating: 0, count: 256)
        let utf8 = Array(pattern.utf8)
        let compiled = utf8.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) {
                cicu_regex_open($0, Int32(p.count), ICURegex.timeLimit, &error, Int32(error.count))
            }
        }
        guard let compiled else {
            throw CompileError(message: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.handle = compiled
        self.pattern = pattern
        self.valueGroup = cicu_regex_group_number(compiled, "value")
    }

    private init(handle: OpaquePointer, valueGroup: Int32, pattern: String) {
        self.handle = handle
        self.valueGroup = valueGroup
        self.pattern = pattern
    }

    func clone() -> ICURegex {
        ICURegex(handle: cicu_regex_clone(handle)!, valueGroup: valueGroup, pattern: pattern)
    }

    deinit { cicu_regex_close(handle) }

    /// Matches the bytes `text[range]`; returned ranges are in `text`'s coordinates.
    func run(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, mode: Mode, from: Int = 0) throws -> Match? {
        var spans: [Int32] = [0, 0, -1, -1]
        let base = UnsafeRawPointer(text.baseAddress!).advanced(by: range.lowerBound)
            .assumingMemoryBound(to: CChar.self)
        let rc = cicu_regex_run(handle, base, Int32(range.count), mode.rawValue, Int32(from),
                                valueGroup, &spans)
        if rc == 0 { return nil }
        if rc < 0 { throw TimeOut() }
        let o = range.lowerBound
        let value: Range<Int>? = spans[2] >= 0 ? (o + Int(spans[2]))..<(o + Int(spans[3])) : nil
        return Match(range: (o + Int(spans[0]))..<(o + Int(spans[1])), value: value)
    }
}
