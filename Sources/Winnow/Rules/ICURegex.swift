import CICU
import Foundation

/// An ICU regular expression matched directly over UTF-8 bytes (no UTF-16 copy), with
/// ICU's time limit so that a catastrophic user pattern stops instead of hanging.
///
/// A matcher holds per-match state and is not thread-safe: each worker gets its own
/// `clone()`. The compiled pattern is shared by a matcher and its clones, and each
/// matcher makes its own ICU matcher from it on its first match.
///
/// A pattern made with `deferred: true` is compiled on its first match, not when it is
/// made: compiling is most of a process's start-up, and a rule whose literals a document
/// never holds never runs (a process that cleans one page compiles a fraction of the
/// packs). Only the shipped packs are deferred; a pack the user names is compiled at
/// once, so that its errors are reported before any document is read.
final class ICURegex {
    private let compiled: CompiledPattern
    /// This matcher's own clone of the compiled pattern, made on first use, and the
    /// number of its `value` group.
    private var handle: OpaquePointer?
    private var group: Int32 = -1
    /// The pattern as written.
    var pattern: String { compiled.pattern }

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

    /// Compiles `pattern` (now, or on its first match when `deferred`), its
    /// case-insensitive letter sets written so that ICU builds them fast
    /// (`CaselessLetterSets`: the same matches).
    convenience init(_ pattern: String, deferred: Bool = false) throws {
        try self.init(pattern, rewriting: true, deferred: deferred)
    }

    /// Compiles `pattern` as it is written (for tests of the rewrite).
    convenience init(unrewritten pattern: String) throws {
        try self.init(pattern, rewriting: false, deferred: false)
    }

    private init(_ pattern: String, rewriting: Bool, deferred: Bool) throws {
        self.compiled = CompiledPattern(pattern, rewriting: rewriting)
        if !deferred { _ = try compiled.prototype() }
    }

    private init(sharing compiled: CompiledPattern) {
        self.compiled = compiled
    }

    func clone() -> ICURegex { ICURegex(sharing: compiled) }

    deinit { if let handle { cicu_regex_close(handle) } }

    /// Number of the capture group named `value`, or -1 (compiles a deferred pattern that
    /// has not matched yet).
    var valueGroup: Int32 {
        if handle != nil { return group }
        return (try? compiled.prototype().valueGroup) ?? -1
    }

    /// The ICU matcher, made on the first call.
    @inline(__always)
    private func matcher() throws -> (OpaquePointer, Int32) {
        if let handle { return (handle, group) }
        let p = try compiled.prototype()
        let h = cicu_regex_clone(p.handle)!
        handle = h
        group = p.valueGroup
        return (h, group)
    }

    /// Matches the bytes `text[range]`; returned ranges are in `text`'s coordinates.
    func run(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, mode: Mode, from: Int = 0) throws -> Match? {
        var spans: [Int32] = [0, 0, -1, -1]
        let (handle, valueGroup) = try matcher()
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

    /// Matches `text`'s UTF-8 range `range` through its UTF-16 form (ICU's faster path,
    /// with typography folded: see `UTF16Text`), in UTF-8 offsets.
    func run(_ text: UTF16Text, _ range: Range<Int>, mode: Mode) throws -> Match? {
        var spans: [Int32] = [0, 0, -1, -1]
        let (handle, valueGroup) = try matcher()
        let lo = Int(text.from8[range.lowerBound - text.base]), hi = Int(text.from8[range.upperBound - text.base])
        let rc = text.units.withUnsafeBufferPointer { u in
            cicu_regex_run16(handle, u.baseAddress.map { $0 + lo }, Int32(hi - lo), mode.rawValue, valueGroup, &spans)
        }
        if rc == 0 { return nil }
        if rc < 0 { throw TimeOut() }
        @inline(__always) func to8(_ k: Int32) -> Int { Int(text.to8[lo + Int(k)]) }
        let value: Range<Int>? = spans[2] >= 0 ? to8(spans[2])..<to8(spans[3]) : nil
        return Match(range: to8(spans[0])..<to8(spans[1]), value: value)
    }
}

/// A pattern's ICU compilation, shared by the matchers cloned from one `ICURegex`:
/// compiled once, by whichever thread asks first. The prototype only serves to clone
/// matchers from (ICU's compiled pattern is immutable), never to match.
private final class CompiledPattern: @unchecked Sendable {
    struct Prototype {
        let handle: OpaquePointer
        let valueGroup: Int32
    }

    /// The pattern, and whether its case-insensitive letter sets are rewritten before
    /// it is compiled (the rewrite is work too: it waits for the compilation).
    let pattern: String
    let rewriting: Bool
    private let lock = NSLock()
    private var result: Result<Prototype, ICURegex.CompileError>?

    init(_ pattern: String, rewriting: Bool) {
        self.pattern = pattern
        self.rewriting = rewriting
    }

    deinit { if case .success(let p) = result { cicu_regex_close(p.handle) } }

    /// The compiled prototype; the same error every time when the pattern does not compile.
    func prototype() throws -> Prototype {
        lock.lock()
        defer { lock.unlock() }
        if result == nil { result = Self.compile(rewriting ? CaselessLetterSets.rewrite(pattern) : pattern) }
        return try result!.get()
    }

    private static func compile(_ source: String) -> Result<Prototype, ICURegex.CompileError> {
        var error = [CChar](repeating: 0, count: 256)
        let utf8 = Array(source.utf8)
        let compiled = utf8.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) {
                cicu_regex_open($0, Int32(p.count), ICURegex.timeLimit, &error, Int32(error.count))
            }
        }
        guard let compiled else {
            return .failure(ICURegex.CompileError(message: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        return .success(Prototype(handle: compiled, valueGroup: cicu_regex_group_number(compiled, "value")))
    }
}

/// A document's text, or a range of it (a block, which is all a rule looks at), as
/// UTF-16, with offset maps both ways, so that regexes can run on ICU's UTF-16 fast path
/// while callers keep UTF-8 byte offsets.
///
/// Typographic quotes and the ellipsis read as the ASCII canonical folding turns them into
/// (‘ ’ ‚ ‛ ‹ › as ', “ ” „ ‟ « » as ", … as "..."). Rules are written in ASCII, and a
/// rule must judge a line the same before and after folding (else cleaning the output
/// again could drop what the first run kept).
struct UTF16Text {
    /// The code units.
    let units: [UInt16]
    /// The UTF-8 offset the converted range starts at.
    let base: Int
    /// For each UTF-8 offset from `base` that starts a character (and the end), its
    /// UTF-16 offset: `from8[offset - base]`.
    let from8: [Int32]
    /// For each UTF-16 offset (and the end), the UTF-8 offset of its character (entries
    /// past the end are unused).
    let to8: [Int32]

    /// Nil when `text[range]` (all of it by default) is not well-formed UTF-8 (then the
    /// UTF-8 path is used instead). A range starts and ends between characters.
    init?(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) {
        let range = range ?? 0..<text.count
        let base = range.lowerBound, end = range.upperBound
        let n = range.count
        guard end < Int(Int32.max) else { return nil }
        var units = [UInt16](repeating: 0, count: n)
        var from8 = [Int32](repeating: 0, count: n + 1)
        var to8 = [Int32](repeating: 0, count: n + 1)
        var count = 0
        let ok = units.withUnsafeMutableBufferPointer { u in
            from8.withUnsafeMutableBufferPointer { f in
                to8.withUnsafeMutableBufferPointer { t in
                    var i = base
                    while i < end {
                        let b0 = UInt32(text[i])
                        if b0 < 0x80 {
                            f[i - base] = Int32(count); t[count] = Int32(i); u[count] = UInt16(b0)
                            count += 1; i += 1
                            continue
                        }
                        var scalar: UInt32
                        let len: Int
                        if b0 >= 0xC2 && b0 <= 0xDF { len = 2; scalar = b0 & 0x1F }
                        else if b0 >= 0xE0 && b0 <= 0xEF { len = 3; scalar = b0 & 0x0F }
                        else if b0 >= 0xF0 && b0 <= 0xF4 { len = 4; scalar = b0 & 0x07 }
                        else { return false }
                        guard i + len <= end else { return false }
                        for k in 1..<len {
                            let c = UInt32(text[i + k])
                            guard c & 0xC0 == 0x80 else { return false }
                            scalar = scalar << 6 | (c & 0x3F)
                        }
                        // Overlong forms, surrogates and values past U+10FFFF are not well-formed.
                        if len == 3, scalar < 0x800 || (scalar >= 0xD800 && scalar <= 0xDFFF) { return false }
                        if len == 4, scalar < 0x10000 || scalar > 0x10FFFF { return false }
                        for k in 0..<len { f[i - base + k] = Int32(count) }
                        if scalar >= 0x10000 {
                            let v = scalar - 0x10000
                            u[count] = UInt16(0xD800 + (v >> 10)); t[count] = Int32(i)
                            u[count + 1] = UInt16(0xDC00 + (v & 0x3FF)); t[count + 1] = Int32(i)
                            count += 2
                        } else if scalar == 0x2026 {
                            // … reads as the "..." it folds to: three units for its three bytes.
                            for k in 0..<3 { u[count + k] = 0x2E; t[count + k] = Int32(i) }
                            count += 3
                        } else {
                            u[count] = UInt16(foldedQuoteUnit(scalar)); t[count] = Int32(i)
                            count += 1
                        }
                        i += len
                    }
                    f[n] = Int32(count)
                    t[count] = Int32(end)
                    return true
                }
            }
        }
        guard ok else { return nil }
        units.removeSubrange(count...)
        self.units = units
        self.base = base
        self.from8 = from8
        self.to8 = to8
    }
}

/// The ASCII quote a typographic quote folds to, else the scalar itself (see `UTF16Text`;
/// the same table as `foldedQuote`).
@inline(__always)
func foldedQuoteUnit(_ scalar: UInt32) -> UInt32 {
    switch scalar {
    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A: return 0x27
    case 0x201C, 0x201D, 0x201E, 0x201F, 0xAB, 0xBB: return 0x22
    default: return scalar
    }
}
