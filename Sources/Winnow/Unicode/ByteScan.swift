#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast skips for the Unicode passes: clean text is mostly ASCII, so the passes jump
/// from one byte that needs a look to the next, eight bytes at a time (or with memchr),
/// instead of looking at every byte.

/// Index of the first byte at or after `from` that is not ASCII (>= 0x80), or `buf.count`.
@inline(__always)
func firstNonASCII(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    let n = buf.count
    var i = from
    guard let base = buf.baseAddress else { return n }
    while i + 8 <= n {
        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        i += 8
    }
    while i < n, buf[i] < 0x80 { i += 1 }
    return i
}

/// Index of the first byte at or after `from` that is not printable ASCII (< 0x20,
/// 0x7F, or >= 0x80; line breaks and tabs included), or `buf.count`.
@inline(__always)
func firstNotPrintableASCII(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    let n = buf.count
    var i = from
    guard let base = buf.baseAddress else { return n }
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    while i + 8 <= n {
        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        // A byte < 0x20, a byte 0x7F (x + 1 has its high bit where x did not), or >= 0x80.
        let below = (x &- ones &* 0x20) & ~x & highs
        let del = (x &+ ones) & ~x & highs
        if below | del | (x & highs) != 0 { break }
        i += 8
    }
    while i < n, buf[i] >= 0x20, buf[i] < 0x7F { i += 1 }
    return i
}

/// Index of the first `byte` at or after `from`, or `buf.count` (memchr).
@inline(__always)
func firstByte(_ buf: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int {
    let n = buf.count
    guard from < n, let base = buf.baseAddress else { return n }
    guard let p = memchr(base + from, Int32(byte), n - from) else { return n }
    return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
}

/// Calls `body` with each line (without its `\n`) that holds a non-ASCII byte and the
/// offset of that byte; the all-ASCII lines between are skipped by the fast scan. Every
/// per-line repair that only non-ASCII text can need walks the text this way.
@inline(__always)
func forEachNonASCIILine(_ buf: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Int) -> Void) {
    let n = buf.count
    var next = 0
    while true {
        let j = firstNonASCII(buf, from: next)
        if j >= n { break }
        var lineStart = j
        while lineStart > next, buf[lineStart - 1] != 0x0A { lineStart -= 1 }
        let lineEnd = firstByte(buf, 0x0A, from: j)
        next = lineEnd + 1
        body(lineStart..<lineEnd, j)
    }
}

/// Whether `buf[range]` may hold a decimal digit as ICU's `\d` reads one (Unicode's Nd):
/// an ASCII digit, or the lead byte of a block with digits of its own (Arabic, N'Ko, the
/// Indic scripts and Thai, Myanmar and Khmer, Vai to Meetei Mayek, full-width forms, and
/// all beyond the Basic Multilingual Plane). False means surely none, so a pattern that
/// needs one (`RegexLiterals.needsDigit`) need not be tried.
func mayHoldDigit(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    for i in range {
        let b = buf[i]
        if b >= 0x30 && b <= 0x39 { return true }
        if b >= 0xD9, digitLeads & (1 << UInt64(b - 0xC0)) != 0 { return true }
    }
    return false
}

/// Lead bytes (less 0xC0, as bits) of the UTF-8 forms of every non-ASCII decimal digit.
private let digitLeads: UInt64 = [0xD9, 0xDB, 0xDF, 0xE0, 0xE1, 0xEA, 0xEF, 0xF0].reduce(0) { $0 | 1 << UInt64($1 - 0xC0) }

