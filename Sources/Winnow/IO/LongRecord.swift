/// Reads one JSON Lines record too long to hold whole (its line passes
/// `LongRecordReader.threshold` bytes) as its bytes arrive, in bounded memory.
///
/// The top-level `text` string is decoded as it streams by and handed on a piece at a
/// time (for `DocumentParts` to cut and the pipeline to clean); everything else is kept
/// as the record's skeleton, the record with `text` as `""`, which `JSONRecord` then
/// validates and rewrites around the clean text (`JSONRecord.rewritten(winnow:)`). The
/// text is decoded by the rules of `JSONParser.string`, escapes split between reads
/// included. Another string value that grows past `spillAt` bytes (a page's `html`) goes
/// to `spill` as it streams by, checked by the same rules, and the skeleton keeps it as
/// `""`: `pieces(of:winnow:)` says where its bytes go back on output. So what is held is
/// the record's structure, not its length.
public struct LongRecordReader {
    /// Lines longer than this are read as they arrive; shorter ones are parsed whole (a
    /// text that long is cleaned in parts either way: `DocumentParts.wholeUpTo`).
    public static let threshold = DocumentParts.wholeUpTo
    /// String values other than the text longer than this are spilled (when a `spill` is
    /// given); a read's worth more may be held before they are.
    public static let spillAt = 1 << 20

    /// The record without the contents of its `text` string and of spilled strings.
    public private(set) var skeleton: [UInt8] = []
    private let spillAt: Int
    private let spill: ((ArraySlice<UInt8>) -> Void)?
    /// Each spilled string: the skeleton offset of its closing quote (its bytes go just
    /// before it), and where its bytes lie among all bytes spilled.
    private var spilled: [(at: Int, bytes: Range<Int>)] = []
    private var spilledCount = 0, spillStart = 0
    /// The current string's contents go to `spill`.
    private var spilling = false
    /// Skeleton offset of the opening quote of the string being read.
    private var stringStart = 0
    /// The record's column where the current read starts (for error messages).
    private var column = 0

    // The structure around the text: nesting depth, strings, and the last key at depth 1.
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var readingKey = false
    private var expectingKey = false
    private var afterColon = false
    private var key: [UInt8] = []
    private var sawText = false

    // The text string, while it streams by.
    private var inText = false
    /// The bytes from an escape that the read ended in the middle of.
    private var carry: [UInt8] = []

    /// - Parameter spill: where string values longer than `spillAt` go (nil: held).
    public init(spillAt: Int = LongRecordReader.spillAt, spill: ((ArraySlice<UInt8>) -> Void)? = nil) {
        self.spillAt = spillAt
        self.spill = spill
    }

    /// Whether the top-level `text` string has begun (so the skeleton before it is known).
    public var textStarted: Bool { sawText }

    /// The host of the `url` among the fields read so far (the skeleton closed into an
    /// object of its own), parsed where it lies: a long field before the text is not
    /// copied for it.
    public mutating func sourceHostOfFieldsSoFar() -> String? {
        skeleton += Array("\"}".utf8)
        let host = (try? JSONRecord(skeleton))?.sourceHost
        skeleton.removeLast(2)
        return host
    }

    /// Feeds the next bytes of the record (no line break); returns the text's decoded
    /// bytes among them.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        if spill != nil, inString, !readingKey, depth >= 1, skeleton.count - stringStart - 1 > spillAt {
            // A string value grown too long: its bytes so far are read again as this read's
            // start, and it all goes to `spill`.
            carry = Array(skeleton[(stringStart + 1)...])
            skeleton.removeSubrange((stringStart + 1)...)
            inString = false
            escaped = false
            spilling = true
            spillStart = spilledCount
        }
        // An escape the last read cut short is read again with what follows it.
        let input = carry.isEmpty ? bytes : ArraySlice(carry + bytes)
        let base = column - carry.count - input.startIndex
        column += bytes.count
        carry = []
        var out: [UInt8] = []
        var i = input.startIndex
        while i < input.endIndex {
            if inText {
                i = try decodeText(input, from: i, into: &out, base: base)
                continue
            }
            if spilling {
                let start = i
                i = try checkSpilled(input, from: i, base: base)
                // Its bytes up to the closing quote, or to an escape cut by the read's end.
                let end = spilling ? input.endIndex - carry.count : i - 1
                spill!(input[start..<end])
                spilledCount += end - start
                if !spilling { spilled.append((at: skeleton.count - 1, bytes: spillStart..<spilledCount)) }
                continue
            }
            let c = input[i]
            skeleton.append(c)
            i += 1
            if inString {
                if escaped { escaped = false }
                else if c == 0x5C { escaped = true }
                else if c == 0x22 { inString = false; readingKey = false; continue }
                if readingKey { key.append(c) }
                continue
            }
            switch c {
            case 0x22:
                inString = true
                stringStart = skeleton.count - 1
                if depth == 1, expectingKey {
                    readingKey = true
                    expectingKey = false
                    key = []
                } else if depth == 1, afterColon, isTextKey {
                    // The top-level text begins: its contents stream by, not into the skeleton.
                    guard !sawText else { throw JSONRecord.Invalid(description: "field \"text\" appears twice") }
                    sawText = true
                    inString = false
                    inText = true
                }
                afterColon = false
            case 0x7B, 0x5B:
                depth += 1
                if depth == 1, c == 0x7B { expectingKey = true }
                afterColon = false
            case 0x7D, 0x5D:
                depth -= 1
                afterColon = false
            case 0x2C:
                if depth == 1 { expectingKey = true }
                afterColon = false
            case 0x3A:
                if depth == 1 { afterColon = true }
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                afterColon = false
            }
        }
        return out
    }

    /// The record's structure once read whole: the skeleton parsed (which validates
    /// everything but the text's contents, already checked as they went by).
    public func finish() throws -> JSONRecord {
        if inText || spilling || !carry.isEmpty { throw JSONRecord.Invalid(description: "not valid JSON: unterminated string") }
        // The CR of a CRLF line end that a read cut from its LF is no part of the record.
        return try JSONRecord(skeleton.last == 0x0D ? Array(skeleton.dropLast()) : skeleton)
    }

    /// What a record read here is written as, in order.
    public enum Piece: Equatable {
        case bytes(ArraySlice<UInt8>)
        /// The clean text's JSON string goes here (quotes included).
        case text
        /// Bytes given to `spill`, by their place among all of them.
        case spilled(Range<Int>)
    }

    /// The record (from `finish()`) with a `winnow` field set, as
    /// `JSONRecord.rewritten(winnow:)` writes it, with its spilled strings put back.
    public func pieces(of record: JSONRecord, winnow: String) -> [Piece] {
        var out: [Piece] = []
        for piece in record.rewrite(winnow: winnow) {
            switch piece {
            case .text: out.append(.text)
            case .new(let b): out.append(.bytes(b[...]))
            case .record(let r):
                // A spilled string in a replaced `winnow` value lies in no range: it goes.
                var from = r.lowerBound
                for s in spilled where s.at > r.lowerBound && s.at < r.upperBound {
                    out.append(.bytes(record.bytes[from..<s.at]))
                    out.append(.spilled(s.bytes))
                    from = s.at
                }
                out.append(.bytes(record.bytes[from..<r.upperBound]))
            }
        }
        return out
    }

    /// `pieces` written into one array, with `text` (the clean text's bytes, JSON-encoded
    /// here) and the bytes given to `spill` in their places: for callers that hold them
    /// (tests and checks; the command line copies from scratch files instead).
    public static func joined(_ pieces: [Piece], text: [UInt8], spilled: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .bytes(let b): out += b
            case .text: out += encodeJSONString(text)
            case .spilled(let r): out += spilled[r]
            }
        }
        return out
    }

    /// The key just read is "text" (as JSON spells it, escapes and all).
    private var isTextKey: Bool {
        if key == Array("text".utf8) { return true }
        guard key.contains(0x5C) else { return false }
        var p = JSONParser([0x22] + key + [0x22])
        return (try? p.string()) == Array("text".utf8)
    }

    /// Decodes text bytes from `start` until the string ends (then back to the structure)
    /// or the read does; an escape cut by the end of the read waits in `carry`.
    private mutating func decodeText(_ bytes: ArraySlice<UInt8>, from start: Int, into out: inout [UInt8], base: Int) throws -> Int {
        var decoded: [UInt8]? = out  // moved in and back out, not copied
        out = []
        defer { out = decoded ?? [] }
        let (next, ended) = try readString(bytes, from: start, into: &decoded, base: base)
        if ended { inText = false }
        return next
    }

    /// Checks a spilled string's bytes from `start` until the string ends (then back to the
    /// structure) or the read does, by the same rules as the text, keeping none of them.
    private mutating func checkSpilled(_ bytes: ArraySlice<UInt8>, from start: Int, base: Int) throws -> Int {
        var none: [UInt8]? = nil
        let (next, ended) = try readString(bytes, from: start, into: &none, base: base)
        if ended { spilling = false }
        return next
    }

    /// Reads a string's bytes from `start`, by `JSONParser.string`'s rules, until its
    /// closing quote (which goes to the skeleton: `ended`) or the end of the read; an escape
    /// cut by the end of the read waits in `carry`. The decoded bytes go to `out` unless it
    /// is nil (a spilled string is checked, not kept).
    private mutating func readString(_ bytes: ArraySlice<UInt8>, from start: Int, into out: inout [UInt8]?,
                                     base: Int) throws -> (next: Int, ended: Bool) {
        var i = start
        var run = i
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == 0x22 {
                out?.append(contentsOf: bytes[run..<i])
                skeleton.append(0x22)
                return (i + 1, true)
            }
            if c < 0x20 {
                throw JSONRecord.Invalid(description: "not valid JSON: control character in a string at column \(base + i + 1)")
            }
            if c != 0x5C { i += 1; continue }
            out?.append(contentsOf: bytes[run..<i])
            // An escape of one letter needs no window (most are: \" and \/ in a page's html).
            if i + 1 < bytes.endIndex, let v = Self.simpleEscapes[bytes[i + 1]] {
                out?.append(v)
                i += 2
                run = i
                continue
            }
            var window = Array(bytes[i..<min(i + 12, bytes.endIndex)])
            let taken = try escape(&window, whole: i + 12 <= bytes.endIndex, column: base + i)
            if taken == 0 {  // cut by the end of the read
                carry = Array(bytes[i...])
                return (bytes.endIndex, false)
            }
            out?.append(contentsOf: window)
            i += taken
            run = i
        }
        out?.append(contentsOf: bytes[run..<i])
        return (i, false)
    }

    /// The escapes of one letter after the backslash, and the byte each stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C,
                                                        0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]

    /// Decodes the escape at the start of `window` (at most 12 bytes) in place, by
    /// `JSONParser.string`'s rules, and returns how many bytes it took; 0 when the window
    /// ends before the escape can be decided (the read ended there: `whole` false).
    private func escape(_ window: inout [UInt8], whole enough: Bool, column: Int) throws -> Int {
        func bad(_ what: String) -> JSONRecord.Invalid {
            JSONRecord.Invalid(description: "not valid JSON: \(what) at column \(column + 1)")
        }
        guard window.count >= 2 else { return 0 }
        if let v = Self.simpleEscapes[window[1]] {
            window = [v]
            return 2
        }
        guard window[1] == UInt8(ascii: "u") else { throw bad("bad escape") }
        func hex(_ at: Int) -> UInt32? {
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = window[k]
                switch c {
                case 0x30...0x39: v = v << 4 | UInt32(c - 0x30)
                case 0x41...0x46: v = v << 4 | UInt32(c - 0x41 + 10)
                case 0x61...0x66: v = v << 4 | UInt32(c - 0x61 + 10)
                default: return nil
                }
            }
            return v
        }
        guard window.count >= 6 else {
            // A bad digit already read decides it; else wait for the rest.
            for k in 2..<window.count where hex16(window[k]) == nil { throw bad("bad \\u escape") }
            return 0
        }
        guard var v = hex(2) else { throw bad("bad \\u escape") }
        var taken = 6
        if (0xD800...0xDBFF).contains(v) {
            // A pair when "\u" and a low surrogate follow; else the high one alone.
            if window.count < 12 {
                let rest = window[6...]
                let pairPrefix: [UInt8] = [0x5C, UInt8(ascii: "u")]
                let couldPair = rest.elementsEqual(pairPrefix.prefix(rest.count)) || (rest.count > 2 && rest.prefix(2).elementsEqual(pairPrefix)
                    && rest.dropFirst(2).allSatisfy { hex16($0) != nil })
                if couldPair && !enough { return 0 }
            }
            if window.count >= 12, window[6] == 0x5C, window[7] == UInt8(ascii: "u") {
                // JSONParser reads the second escape's digits before deciding: a bad digit there is an error.
                guard let low = hex(8) else { throw bad("bad \\u escape") }
                if (0xDC00...0xDFFF).contains(low) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    taken = 12
                }
            }
        }
        window = utf8Bytes((0xD800...0xDFFF).contains(v) ? 0xFFFD : v)
        return taken
    }

    private func hex16(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: return c
        default: return nil
        }
    }
}

/// Cleans one JSON Lines record too long to hold whole as its line arrives: the text is
/// decoded (`LongRecordReader`), cut into parts (`DocumentParts`), each part cleaned on
/// this thread and joined (`PartJoiner`), and the clean text written out JSON-escaped as
/// it is done. What the record needs in the end (its skeleton, the `winnow` field added
/// up) stays small, so memory is bounded whatever the record's length (its long other
/// strings go to `spill`).
public final class LongRecordCleaner {
    private let cleaner: Cleaner
    private let id: String
    private let fallbackSource: String?
    private var source: String?
    private var reader: LongRecordReader
    private var cutter = DocumentParts()
    private var joiner = PartJoiner()
    private var summary = WinnowSummary()
    private var parts = 0
    /// Receives the clean text's JSON escape, piece by piece (no quotes).
    private let writeText: ([UInt8]) -> Void

    /// - Parameters:
    ///   - source: the record's source when its `url` does not come before its text.
    ///   - spill: where other string values too long to hold go (`LongRecordReader`).
    ///   - writeText: where the encoded clean text goes, in order.
    public init(cleaner: Cleaner, id: String, source: String?, spill: ((ArraySlice<UInt8>) -> Void)? = nil,
                writeText: @escaping ([UInt8]) -> Void) {
        self.reader = LongRecordReader(spill: spill)
        self.cleaner = cleaner
        self.id = id
        self.fallbackSource = source
        self.writeText = writeText
    }

    /// Feeds the next bytes of the record's line; returns the parts cleaned meanwhile (for
    /// explanations and reports; the caller need not keep them).
    public func feed(_ bytes: ArraySlice<UInt8>) throws -> [Document] {
        let text = try reader.feed(bytes)
        if source == nil, reader.textStarted {
            // The fields before the text, closed into an object of their own, name the source.
            source = reader.sourceHostOfFieldsSoFar() ?? fallbackSource ?? ""
        }
        return text.isEmpty ? [] : clean(cutter.feed(text))
    }

    /// The end of the line: the last part cleaned, and the record (its skeleton, parsed:
    /// throws `JSONRecord.Invalid` for a malformed record) with its `winnow` field.
    public func finish() throws -> (record: JSONRecord, winnow: String, documents: [Document]) {
        let record = try reader.finish()
        let last = clean(cutter.finish())
        let end = joiner.finish()
        if !end.isEmpty { writeText(encodeJSONStringContents(end)) }
        return (record, summary.json, last)
    }

    /// The record from `finish()` as it is written (`LongRecordReader.pieces`).
    public func pieces(of record: JSONRecord, winnow: String) -> [LongRecordReader.Piece] {
        reader.pieces(of: record, winnow: winnow)
    }

    private func clean(_ pieces: [DocumentParts.Part]) -> [Document] {
        var documents: [Document] = []
        for piece in pieces {
            parts += 1
            var doc = Document(id: "\(id) part \(parts)", bytes: piece.bytes)
            doc.source = source ?? fallbackSource
            cleaner.clean(&doc)
            summary.add(doc)
            let out = joiner.add(doc.text, joint: piece.joint)
            if !out.isEmpty { writeText(encodeJSONStringContents(out)) }
            documents.append(doc)
        }
        return documents
    }
}
