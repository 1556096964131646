import CICU
import Winnow

/// The promises Winnow makes about any input whatsoever, as checks that name what broke.
///
/// One definition shared by the fuzz target (which traps on a violation) and the
/// regression tests over the fuzzer's findings (which assert there is none), so the two
/// can never disagree about what counts as a bug.
public enum Invariants {
    /// Cleans `input` with `cleaner`, cleans the result again, and returns every broken
    /// invariant (empty when all hold):
    /// - the output is valid UTF-8, in NFC (by ICU, the library's own normalizer), in
    ///   canonical layout, without the characters the canonical form excludes;
    /// - cleaning the output changes nothing;
    /// - every edit's original range lies inside the input, and the standing edits
    ///   applied to the input rebuild the output exactly.
    public static func violations(of input: [UInt8], cleaner: Cleaner) -> [String] {
        var doc = Document(id: "invariants", bytes: input)
        cleaner.clean(&doc)
        var found = editViolations(doc)
        found += outputViolations(doc.text)
        var again = Document(id: "invariants-again", bytes: doc.text)
        cleaner.clean(&again)
        if again.text != doc.text {
            let rules = Set(again.edits.map(\.rule)).sorted().joined(separator: ", ")
            found.append("not idempotent: cleaning the output again changed it (rules: \(rules)): "
                + difference(doc.text, again.text))
        }
        return found
    }

    // MARK: - Edits

    /// Edit ranges inside the original, `before` true to the original, and the standing
    /// edits rebuilding the text.
    public static func editViolations(_ doc: Document) -> [String] {
        var found: [String] = []
        let n = doc.original.count
        for (i, edit) in doc.edits.enumerated() {
            let r = edit.range
            guard r.lowerBound >= 0, r.upperBound <= n else {
                found.append("edit \(i) (\(edit.rule)) range \(r) outside the input of \(n) bytes")
                continue
            }
            if edit.before != String(decoding: doc.original[r], as: UTF8.self) {
                found.append("edit \(i) (\(edit.rule)) 'before' is not the input's text at \(r)")
            }
        }
        guard found.isEmpty else { return found }
        var rebuilt: [UInt8] = []
        var cursor = 0
        for edit in doc.standingEdits {
            guard edit.range.lowerBound >= cursor else {
                return ["standing edits overlap or are out of order at \(edit.range) (\(edit.rule))"]
            }
            rebuilt += doc.original[cursor..<edit.range.lowerBound]
            rebuilt += Array(edit.after.utf8)
            cursor = edit.range.upperBound
        }
        rebuilt += doc.original[cursor...]
        if rebuilt != doc.text { found.append("the edit log does not rebuild the output") }
        return found
    }

    // MARK: - Canonical output

    /// Valid UTF-8, NFC, canonical layout and no excluded characters.
    public static func outputViolations(_ out: [UInt8]) -> [String] {
        guard let text = String(validating: out, as: UTF8.self) else {
            return ["output is not valid UTF-8: \(escaped(out))"]
        }
        var found: [String] = []
        if let nfc = icuNFC(out), nfc != out {
            found.append("output is not NFC: \(escaped(out))")
        }
        found += layoutViolations(text)
        found += characterViolations(text)
        return found
    }

    /// Paragraphs separated by one blank line, the text ending in one `\n`, single
    /// U+0020 spaces, none at a line's ends. The empty text is canonical too.
    static func layoutViolations(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        guard text.hasSuffix("\n") else { return ["output does not end in a line break: \(escaped(text))"] }
        var found: [String] = []
        for (i, paragraph) in text.dropLast().split(separator: "\n\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "paragraph \(i) \(escaped(String(paragraph)))"
            if paragraph.isEmpty { found.append("empty paragraph (extra line breaks): \(where_)") }
            if paragraph.contains("\n") { found.append("line break inside a paragraph: \(where_)") }
            if paragraph.hasPrefix(" ") || paragraph.hasSuffix(" ") { found.append("space at a line's end: \(where_)") }
            if paragraph.contains("  ") { found.append("two spaces in a row: \(where_)") }
        }
        return found
    }

    /// Controls, format characters (but joiners between letters and emoji tag
    /// sequences), private use, noncharacters, spaces other than U+0020, line and
    /// paragraph separators, typographic quotes and the ellipsis (folded by default).
    static func characterViolations(_ text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            let v = c.value
            let category = c.properties.generalCategory
            var problem: String?
            switch category {
            case .control where v != 0x0A: problem = "control character"
            case .privateUse: problem = "private-use character"
            case .spaceSeparator where v != 0x20: problem = "space other than U+0020"
            case .lineSeparator, .paragraphSeparator: problem = "line or paragraph separator"
            case .format:
                if v == 0x200C || v == 0x200D {
                    if !joinerHasNeighbours(scalars, i) { problem = "joiner beside a space, ASCII or the text's edge" }
                } else if (0xE0020...0xE007F).contains(v) {
                    let prev = i > 0 ? scalars[i - 1].value : 0
                    if !(prev == 0x1F3F4 || (0xE0020...0xE007F).contains(prev)) { problem = "tag character outside an emoji flag" }
                } else {
                    problem = "format character"
                }
            default:
                if c.properties.isNoncharacterCodePoint { problem = "noncharacter" }
                if typographic.contains(v) { problem = "typographic quote or ellipsis not folded" }
            }
            if let problem {
                found.append("\(problem) U+\(hex(v)) at scalar \(i) of \(escaped(text))")
                if found.count >= 8 { break }
            }
        }
        return found
    }

    /// ZWJ and ZWNJ join two characters: the nearest non-joiners on both sides must be
    /// there and be neither ASCII nor white space.
    private static func joinerHasNeighbours(_ scalars: [Unicode.Scalar], _ i: Int) -> Bool {
        func isJoiner(_ c: Unicode.Scalar) -> Bool { c.value == 0x200C || c.value == 0x200D }
        var p = i - 1
        while p >= 0, isJoiner(scalars[p]) { p -= 1 }
        var q = i + 1
        while q < scalars.count, isJoiner(scalars[q]) { q += 1 }
        guard p >= 0, q < scalars.count else { return false }
        return [scalars[p], scalars[q]].allSatisfy { $0.value >= 0x80 && !$0.properties.isWhitespace }
    }

    /// ‘ ’ ‚ ‛ “ ” „ ‟ ‹ › « » …
    private static let typographic: Set<UInt32> = [
        0x2018, 0x2019, 0x201A, 0x201B, 0x201C, 0x201D, 0x201E, 0x201F,
        0x2039, 0x203A, 0x00AB, 0x00BB, 0x2026,
    ]

    /// Reads `input`'s first line as a JSON Lines record three ways: whole (`JSONRecord`),
    /// streamed in small pieces (`LongRecordReader`, as a record too long to hold is), and
    /// streamed with every string value spilled after a byte; returns how they disagree
    /// (one refuses what another reads, or their records written back differ). Crashes
    /// on any bytes are the fuzzer's to find.
    public static func recordViolations(of input: [UInt8]) -> [String] {
        let line = Array(input.prefix { $0 != 0x0A })
        let whole: [UInt8]? = (try? JSONRecord(line)).map { $0.rewritten(text: $0.text, winnow: "{}") }
        func streamed(spillAt: Int?, cuts: [Int]) -> [UInt8]? {
            var spill: [UInt8] = []
            var reader = spillAt.map { LongRecordReader(spillAt: $0) { spill += $0 } } ?? LongRecordReader()
            var text: [UInt8] = []
            var i = 0, k = 0
            do {
                while i < line.count {
                    let n = cuts[k % cuts.count]
                    k += 1
                    text += try reader.feed(line[i..<min(i + n, line.count)])
                    i += n
                }
                let record = try reader.finish()
                return LongRecordReader.joined(reader.pieces(of: record, winnow: "{}"), text: text, spilled: spill)
            } catch {
                return nil
            }
        }
        var found: [String] = []
        for (name, spillAt, cuts) in [("streamed", nil, [3, 1, 7]), ("spilled", 1, [5, 2]) as (String, Int?, [Int])] {
            let other = streamed(spillAt: spillAt, cuts: cuts)
            if other != whole {
                found.append("record read \(name) \(other == nil ? "refused" : "read") what the whole line "
                    + "\(whole == nil ? "refused" : "read differently"): \(escaped(String(decoding: line, as: UTF8.self)))")
            }
        }
        return found
    }

    // MARK: - Triage

    /// The edit logs of cleaning `input` and of cleaning that output again, one line an
    /// edit (stage, rule, original range, before → after), for whoever reads a violation.
    public static func editLogs(of input: [UInt8], cleaner: Cleaner) -> String {
        var lines: [String] = []
        var doc = Document(id: "first", bytes: input)
        for run in ["first run", "second run"] {
            cleaner.clean(&doc)
            lines.append("\(run): \(doc.edits.count) edits")
            for (i, e) in doc.edits.enumerated() {
                let standing = e.supersededBy.map { " (superseded by \($0))" } ?? ""
                lines.append("  \(i) \(e.stage) \(e.rule) \(e.range): \(escaped(e.before, limit: 60)) -> "
                    + "\(escaped(e.after, limit: 60))\(standing)")
            }
            doc = Document(id: "second", bytes: doc.text)
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Helpers

    /// The NFC form of valid UTF-8 by ICU, or nil if ICU fails.
    private static func icuNFC(_ bytes: [UInt8]) -> [UInt8]? {
        guard !bytes.isEmpty else { return bytes }
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        let len = bytes.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                inBuf.withMemoryRebound(to: CChar.self) { i in
                    outBuf.withMemoryRebound(to: CChar.self) { o in
                        cicu_nfc(i.baseAddress, Int32(i.count), o.baseAddress, Int32(o.count))
                    }
                }
            }
        }
        guard len >= 0, Int(len) <= out.count else { return nil }
        return Array(out[0..<Int(len)])
    }

    private static func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// A short printable form of text for messages: non-ASCII and controls as \u{...}.
    public static func escaped(_ text: String, limit: Int = 160) -> String {
        var s = ""
        for c in text.unicodeScalars {
            if s.count >= limit { s += "..."; break }
            s += (0x20..<0x7F).contains(c.value) ? String(c) : "\\u{\(hex(c.value))}"
        }
        return "\"\(s)\""
    }

    static func escaped(_ bytes: [UInt8]) -> String { escaped(String(decoding: bytes, as: UTF8.self)) }

    /// Where two texts first differ, with some context, as `"...old..." became "...new..."`.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String {
        var p = 0
        while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
        var s = 0
        while s < a.count - p, s < b.count - p, a[a.count - 1 - s] == b[b.count - 1 - s] { s += 1 }
        let from = max(0, p - 40)
        func excerpt(_ x: [UInt8]) -> String {
            escaped(String(decoding: x[from..<min(x.count, x.count - s + 40)], as: UTF8.self), limit: 240)
        }
        return "at byte \(p): \(excerpt(a)) became \(excerpt(b))"
    }
}
