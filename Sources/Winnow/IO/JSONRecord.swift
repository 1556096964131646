/// One JSON Lines record, parsed just enough to replace its `text` and add a `winnow`
/// field while every other byte of the record passes through untouched (key order,
/// number spelling, escapes and all).
///
/// The parser validates the whole line as JSON (RFC 8259) so that a malformed record is
/// rejected with a reason, never half-written.
public struct JSONRecord {
    /// The record's bytes as they came.
    public let bytes: [UInt8]
    /// The decoded value of the top-level `text` field.
    public let text: [UInt8]
    /// Byte range of the `text` value (quotes included).
    let textRange: Range<Int>
    /// Byte range of an existing top-level `winnow` value, replaced on output.
    let winnowRange: Range<Int>?
    /// Position of the closing brace of the top-level object.
    let closingBrace: Int
    /// The other top-level fields: key and raw JSON text of the value (made when asked
    /// for: a record's long `html` field is not copied for a source lookup).
    public var fields: [(key: String, json: String)] {
        fieldRanges.map { ($0.key, String(decoding: bytes[$0.range], as: UTF8.self)) }
    }
    /// The other top-level fields: key and byte range of the value's raw JSON.
    let fieldRanges: [(key: String, range: Range<Int>)]

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Parses one line (without its line break).
    public init(_ line: [UInt8]) throws {
        var p = JSONParser(line)
        p.skipSpace()
        guard p.pos < line.count else { throw Invalid(description: "empty record") }
        guard line[p.pos] == UInt8(ascii: "{") else {
            try p.skipValue(depth: 0)  // report malformed JSON before "not an object"
            p.skipSpace()
            if p.pos < line.count { throw p.error("unexpected data after the JSON value") }
            throw Invalid(description: "not a JSON object")
        }
        p.pos += 1
        var text: [UInt8]?
        var textRange: Range<Int>?
        var winnowRange: Range<Int>?
        var fields: [(key: String, range: Range<Int>)] = []
        var textNotString = false
        p.skipSpace()
        if p.peek() == UInt8(ascii: "}") {
            p.pos += 1
        } else {
            while true {
                p.skipSpace()
                guard p.peek() == UInt8(ascii: "\"") else { throw p.error("expected a field name") }
                let key = String(decoding: try p.string(), as: UTF8.self)
                p.skipSpace()
                guard p.peek() == UInt8(ascii: ":") else { throw p.error("expected ':'") }
                p.pos += 1
                p.skipSpace()
                let start = p.pos
                if key == "text", p.peek() == UInt8(ascii: "\"") {
                    // Which of two texts is the document is anyone's guess: refused, as the
                    // streamed reading refuses it (`LongRecordReader`).
                    guard text == nil else { throw Invalid(description: "field \"text\" appears twice") }
                    text = try p.string()
                    textRange = start..<p.pos
                } else {
                    try p.skipValue(depth: 1)
                    if key == "text" { textNotString = true }
                    if key == "winnow" { winnowRange = start..<p.pos }
                    else { fields.append((key, start..<p.pos)) }
                }
                p.skipSpace()
                guard let c = p.peek() else { throw p.error("unterminated object") }
                p.pos += 1
                if c == UInt8(ascii: "}") { break }
                guard c == UInt8(ascii: ",") else { throw p.error("expected ',' or '}'", at: p.pos - 1) }
            }
        }
        let closing = p.pos - 1
        p.skipSpace()
        guard p.pos == line.count else { throw p.error("unexpected data after the record") }
        if textNotString { throw Invalid(description: "field \"text\" is not a string") }
        guard let text, let textRange else { throw Invalid(description: "no \"text\" field") }
        self.bytes = line
        self.text = text
        self.textRange = textRange
        self.winnowRange = winnowRange
        self.closingBrace = closing
        self.fieldRanges = fields
    }

    /// The record's source for corpus statistics: the host of its `url` field (lower
    /// case, without `www.`), or nil when it has none.
    public var sourceHost: String? {
        guard let range = fieldRanges.first(where: { $0.key == "url" })?.range else { return nil }
        var p = JSONParser(Array(bytes[range]))
        guard p.peek() == UInt8(ascii: "\""), let url = try? p.string() else { return nil }
        return host(of: url)
    }

    /// The record with `text` replaced and a `winnow` field (raw JSON) set.
    public func rewritten(text newText: [UInt8], winnow: String) -> [UInt8] {
        let (before, after) = rewritten(winnow: winnow)
        let text = encodeJSONString(newText)
        var out: [UInt8] = []
        out.reserveCapacity(before.reduce(text.count) { $0 + $1.count } + after.reduce(0) { $0 + $1.count })
        for piece in before { out += piece }
        out += text
        for piece in after { out += piece }
        return out
    }

    /// The record with a `winnow` field (raw JSON) set, as the bytes before the `text`
    /// value and the bytes after it: the encoded clean text goes between them (streamed
    /// there for a record too long to hold, `LongRecordCleaner`). An existing `winnow`
    /// value is replaced where it stands; else the field is added last.
    public func rewritten(winnow: String) -> (before: [ArraySlice<UInt8>], after: [ArraySlice<UInt8>]) {
        var before: [ArraySlice<UInt8>] = [], after: [ArraySlice<UInt8>] = []
        var pastText = false
        for piece in rewrite(winnow: winnow) {
            let bytes: ArraySlice<UInt8>
            switch piece {
            case .text: pastText = true; continue
            case .record(let r): bytes = self.bytes[r]
            case .new(let b): bytes = b[...]
            }
            if pastText { after.append(bytes) } else { before.append(bytes) }
        }
        return (before, after)
    }

    /// A piece of the rewritten record: a range of its own bytes (in ascending order;
    /// not copies: a long record's other fields can be as long as its text), new bytes,
    /// or the place of the text's JSON string.
    enum Piece {
        case record(Range<Int>), new([UInt8]), text
    }

    /// The rewritten record (`rewritten(winnow:)`) as pieces.
    func rewrite(winnow: String) -> [Piece] {
        let value = Piece.new(Array(winnow.utf8))
        guard let w = winnowRange else {
            return [.record(0..<textRange.lowerBound), .text, .record(textRange.upperBound..<closingBrace),
                    .new(Array(",\"winnow\":".utf8)), value, .record(closingBrace..<bytes.count)]
        }
        if w.lowerBound < textRange.lowerBound {
            return [.record(0..<w.lowerBound), value, .record(w.upperBound..<textRange.lowerBound), .text,
                    .record(textRange.upperBound..<bytes.count)]
        }
        return [.record(0..<textRange.lowerBound), .text, .record(textRange.upperBound..<w.lowerBound), value,
                .record(w.upperBound..<bytes.count)]
    }
}

/// A JSON string literal (quotes included) for UTF-8 bytes: quote, backslash and
/// control characters escaped; everything else as it is.
public func encodeJSONString(_ s: [UInt8]) -> [UInt8] {
    s.withUnsafeBufferPointer { src in
        // One pass to size the result exactly, one to fill it: runs of bytes that need
        // no escape are copied whole (this runs once per record, over all of its text).
        var size = src.count + 2
        for b in src where b < 0x20 || b == 0x22 || b == 0x5C {
            size += b == 0x22 || b == 0x5C || b == 0x0A || b == 0x0D || b == 0x09 ? 1 : 5
        }
        return [UInt8](unsafeUninitializedCapacity: size) { out, count in
            let hex: StaticString = "0123456789abcdef"
            var n = 0
            out[n] = 0x22; n += 1
            var i = 0
            while i < src.count {
                var j = i
                while j < src.count, src[j] >= 0x20, src[j] != 0x22, src[j] != 0x5C { j += 1 }
                if j > i {
                    (out.baseAddress! + n).initialize(from: src.baseAddress! + i, count: j - i)
                    n += j - i
                }
                if j == src.count { break }
                let b = src[j]
                out[n] = 0x5C; n += 1
                switch b {
                case 0x22, 0x5C: out[n] = b; n += 1
                case 0x0A: out[n] = UInt8(ascii: "n"); n += 1
                case 0x0D: out[n] = UInt8(ascii: "r"); n += 1
                case 0x09: out[n] = UInt8(ascii: "t"); n += 1
                default:
                    out[n] = UInt8(ascii: "u"); out[n + 1] = 0x30; out[n + 2] = 0x30
                    out[n + 3] = hex.utf8Start[Int(b >> 4)]; out[n + 4] = hex.utf8Start[Int(b & 15)]
                    n += 5
                }
                i = j + 1
            }
            out[n] = 0x22; n += 1
            count = n
        }
    }
}

/// What goes between the quotes of `encodeJSONString(s)`: for text written into a JSON
/// string a piece at a time.
public func encodeJSONStringContents(_ s: [UInt8]) -> [UInt8] {
    Array(encodeJSONString(s).dropFirst().dropLast())
}

public func encodeJSONString(_ s: String) -> String {
    String(decoding: encodeJSONString(Array(s.utf8)), as: UTF8.self)
}

/// A validating JSON scanner over bytes.
struct JSONParser {
    let b: [UInt8]
    var pos = 0

    init(_ bytes: [UInt8]) { b = bytes }

    static let maxDepth = 512

    func peek() -> UInt8? { pos < b.count ? b[pos] : nil }

    func error(_ message: String, at position: Int? = nil) -> JSONRecord.Invalid {
        let at = position ?? pos
        return JSONRecord.Invalid(description: "not valid JSON: \(message) at column \(at + 1)")
    }

    mutating func skipSpace() {
        while pos < b.count, b[pos] == 0x20 || b[pos] == 0x09 || b[pos] == 0x0A || b[pos] == 0x0D { pos += 1 }
    }

    /// Checks the value at `pos` and moves past it, keeping nothing (`value(depth:keeping:)`).
    mutating func skipValue(depth: Int) throws {
        _ = try value(depth: depth, keeping: false)
    }

    /// Reads the value at `pos` (after white space), or with `keeping` false only checks
    /// it and moves past it (a record's fields Winnow does not read), returning `.null`:
    /// one walk of the grammar, so both report malformed JSON alike.
    mutating func value(depth: Int, keeping: Bool = true) throws -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested too deeply") }
        skipSpace()
        guard let c = peek() else { throw error("expected a value") }
        switch c {
        case UInt8(ascii: "\""):
            let bytes = try string()
            return keeping ? .string(String(decoding: bytes, as: UTF8.self)) : .null
        case UInt8(ascii: "{"):
            pos += 1
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if peek() == UInt8(ascii: "}") { pos += 1; return keeping ? .object(fields) : .null }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name") }
                let key = try string()
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
                pos += 1
                let v = try value(depth: depth + 1, keeping: keeping)
                if keeping {
                    let name = String(decoding: key, as: UTF8.self)
                    if fields[name] == nil { fields[name] = v }  // the first of a repeated key, as JSONDecoder takes
                }
                skipSpace()
                guard let d = peek() else { throw error("unterminated object") }
                pos += 1
                if d == UInt8(ascii: "}") { return keeping ? .object(fields) : .null }
                guard d == UInt8(ascii: ",") else { throw error("expected ',' or '}'", at: pos - 1) }
            }
        case UInt8(ascii: "["):
            pos += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") { pos += 1; return keeping ? .array(items) : .null }
            while true {
                let v = try value(depth: depth + 1, keeping: keeping)
                if keeping { items.append(v) }
                skipSpace()
                guard let d = peek() else { throw error("unterminated array") }
                pos += 1
                if d == UInt8(ascii: "]") { return keeping ? .array(items) : .null }
                guard d == UInt8(ascii: ",") else { throw error("expected ',' or ']'", at: pos - 1) }
            }
        case UInt8(ascii: "t"): try literal("true"); return keeping ? .bool(true) : .null
        case UInt8(ascii: "f"): try literal("false"); return keeping ? .bool(false) : .null
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = pos
            let text = try number()
            guard keeping else { return .null }
            guard let x = Double(String(decoding: b[text], as: UTF8.self)), x.isFinite else { throw error("bad number", at: start) }
            return .number(x)
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard pos + n <= b.count else { throw error("unexpected end") }
        for k in 0..<n where b[pos + k] != word.utf8Start[k] { throw error("unexpected character", at: pos + k) }
        pos += n
    }

    /// Reads a number at `pos` and returns where its text lies.
    private mutating func number() throws -> Range<Int> {
        let start = pos
        if peek() == UInt8(ascii: "-") { pos += 1 }
        func digits() -> Int {
            let s = pos
            while pos < b.count, b[pos] >= 0x30, b[pos] <= 0x39 { pos += 1 }
            return pos - s
        }
        if peek() == UInt8(ascii: "0") { pos += 1 } else if digits() == 0 { throw error("bad number", at: start) }
        if peek() == UInt8(ascii: ".") {
            pos += 1
            if digits() == 0 { throw error("bad number", at: start) }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            if digits() == 0 { throw error("bad number", at: start) }
        }
        return start..<pos
    }

    /// The first byte at or after `i` that ends a run of a string's plain bytes (a quote,
    /// a backslash or a control character), or the end: eight bytes a step (`ByteLanes`).
    private func plainUntil(_ i: Int) -> Int {
        b.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = i
            while i + 8 <= n {
                let w = ByteLanes.load(buf, i)
                // Lanes below 0x20 (a borrow can flag lanes after a true one, never before).
                let control = (w &- ByteLanes.ones &* 0x20) & ~w & ByteLanes.highs
                let hits = ByteLanes.equal(w, 0x22) | ByteLanes.equal(w, 0x5C) | control
                if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
                i += 8
            }
            while i < n, buf[i] != 0x22, buf[i] != 0x5C, buf[i] >= 0x20 { i += 1 }
            return i
        }
    }

    /// Reads a string literal at `pos` and returns its decoded UTF-8 bytes. Escaped lone
    /// surrogates become U+FFFD; raw bytes that are not UTF-8 pass through for the decode
    /// stage to repair and report.
    mutating func string() throws -> [UInt8] {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while true {
            pos = plainUntil(pos)
            guard pos < b.count else { throw error("unterminated string", at: start) }
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: b[runStart..<pos])
                pos += 1
                return out
            }
            if c < 0x20 { throw error("control character in a string") }
            if c != 0x5C { pos += 1; continue }
            out.append(contentsOf: b[runStart..<pos])
            guard pos + 1 < b.count else { throw error("unterminated string", at: start) }
            let e = b[pos + 1]
            pos += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case 0x5C: out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800...0xDBFF).contains(v), pos + 1 < b.count, b[pos] == 0x5C, b[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                    }
                }
                out.append(contentsOf: utf8Bytes((0xD800...0xDFFF).contains(v) ? 0xFFFD : v))
            default:
                throw error("bad escape", at: pos - 2)
            }
            runStart = pos
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= b.count else { throw error("bad \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[pos]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("bad \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }
}

/// The host part of a URL, lower-cased and without a leading `www.`: what follows the
/// first `://`, past any user name (an `@` before the first `/`), up to a port, path,
/// query or fragment. Read on the bytes (every record's `url` passes here, twice in a
/// batch run); a host with non-ASCII letters is lower-cased as a String.
func host(of url: [UInt8]) -> String? {
    let n = url.count
    var a = 0
    while a + 2 < n, !(url[a] == 0x3A && url[a + 1] == 0x2F && url[a + 2] == 0x2F) { a += 1 }
    guard a + 2 < n else { return nil }
    a += 3
    var k = a
    while k < n, url[k] != 0x2F {
        if url[k] == 0x40 { a = k + 1; break }
        k += 1
    }
    var e = a
    while e < n, url[e] != 0x2F, url[e] != 0x3A, url[e] != 0x3F, url[e] != 0x23 { e += 1 }
    var h = url[a..<e]
    var ascii = true
    for b in h where b >= 0x80 { ascii = false; break }
    if ascii {
        var lower = [UInt8](h)
        for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
        h = lower[...]
    } else {
        h = Array(String(decoding: h, as: UTF8.self).lowercased().utf8)[...]
    }
    if h.starts(with: [0x77, 0x77, 0x77, 0x2E]) { h = h.dropFirst(4) }
    return h.isEmpty ? nil : String(decoding: h, as: UTF8.self)
}
