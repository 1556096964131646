import XCTest
@testable import Winnow

/// A record too long to hold is read as it streams by (`LongRecordReader`) and must read
/// exactly as `JSONRecord` reads the whole line: the same text, the same other fields,
/// the same records refused.
final class LongRecordTests: XCTestCase {
    /// Feeds `line` to `reader` cut into pieces of the given sizes; returns the text read
    /// and the largest skeleton held on the way.
    private func feed(_ reader: inout LongRecordReader, _ line: [UInt8], cuts: [Int]) throws -> (text: [UInt8], held: Int) {
        var text: [UInt8] = []
        var held = 0
        var i = 0, k = 0
        while i < line.count {
            let n = max(1, cuts[k % cuts.count])
            k += 1
            text += try reader.feed(line[i..<min(i + n, line.count)])
            held = max(held, reader.skeleton.count)
            i += n
        }
        return (text, held)
    }

    private func refusal(_ error: Error) -> JSONRecord.Invalid {
        error as? JSONRecord.Invalid ?? JSONRecord.Invalid(description: "\(error)")
    }

    /// Reads `line` through the streaming reader, cut into pieces of the given sizes.
    private func streamed(_ line: [UInt8], cuts: [Int]) -> Result<(text: [UInt8], record: JSONRecord), JSONRecord.Invalid> {
        var reader = LongRecordReader()
        do {
            let (text, _) = try feed(&reader, line, cuts: cuts)
            return .success((text, try reader.finish()))
        } catch {
            return .failure(refusal(error))
        }
    }

    /// Reads `line` through a reader that spills strings longer than `spillAt`, and writes
    /// the record back with `winnow` set to `{}` (the largest skeleton held on the way).
    private func spilled(_ line: [UInt8], cuts: [Int], spillAt: Int) -> Result<(record: [UInt8], held: Int), JSONRecord.Invalid> {
        var spill: [UInt8] = []
        var reader = LongRecordReader(spillAt: spillAt) { spill += $0 }
        do {
            let (text, held) = try feed(&reader, line, cuts: cuts)
            let record = try reader.finish()
            return .success((LongRecordReader.joined(reader.pieces(of: record, winnow: "{}"), text: text, spilled: spill), held))
        } catch {
            return .failure(refusal(error))
        }
    }

    func testRandomRecordsReadAsWholeLinesReadThemAtEveryCut() {
        var rng = SplitMix64(seed: 20_261_206)
        // Pieces of a text value: plain words, UTF-8, every escape, surrogate pairs (whole,
        // lone, and followed by something else), and a few broken escapes.
        let pieces = ["word ", "é", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t", "\\u00e9",
                      "\\uD83D\\uDE00", "\\ud83d", "\\udc00", "\\uD83D\\u0041", "\\uD83Dx", "\\u12", "\\q", "\u{01}"]
        let others = ["\"id\":7", "\"url\":\"https://example.org/a\"", "\"winnow\":{\"a\":[1,2]}", "\"n\":-1.5e3",
                      "\"winnow\":[\"old \\u00e9 value\",\"\\\"x\"]", "\"html\":\"<p class=\\\"a\\\">\\u00e9\\n</p>\"",
                      "\"tags\":[\"text\",{\"text\":\"nested\"}]", "\"t\\u0065xt2\":null", "\"ok\":true"]
        for round in 0..<3000 {
            var value = ""
            for _ in 0..<Int(rng.next() % 12) {
                let p = pieces[Int(rng.next() % UInt64(pieces.count))]
                // Broken escapes and raw controls now and then only.
                if (p == "\\u12" || p == "\\q" || p == "\u{01}"), rng.next() % 8 != 0 { continue }
                value += p
            }
            var fields = (0..<Int(rng.next() % 3)).map { _ in others[Int(rng.next() % UInt64(others.count))] }
            let key = rng.next() % 5 == 0 ? "t\\u0065xt" : "text"
            if rng.next() % 10 != 0 { fields.insert("\"\(key)\":\"\(value)\"", at: Int(rng.next() % UInt64(fields.count + 1))) }
            var line = "{" + fields.joined(separator: rng.next() % 2 == 0 ? "," : " , ") + "}"
            if rng.next() % 20 == 0 { line.removeLast() }  // unterminated
            if rng.next() % 20 == 0 { line = "[" + line + "]" }  // not an object
            let bytes = Array(line.utf8)
            let whole: Result<JSONRecord, JSONRecord.Invalid> = Result { try JSONRecord(bytes) }.mapError { $0 as! JSONRecord.Invalid }
            let cuts = (0..<4).map { _ in Int(rng.next() % 9) + 1 }
            let stream = streamed(bytes, cuts: cuts)
            // Spilling any string value past a few bytes changes nothing that comes out.
            switch (whole, spilled(bytes, cuts: cuts, spillAt: Int(rng.next() % 4))) {
            case (.success(let w), .success(let s)):
                XCTAssertEqual(s.record, w.rewritten(text: w.text, winnow: "{}"), "round \(round): \(line)")
            case (.failure, .failure):
                break
            case (let w, let s):
                XCTFail("round \(round): whole \(w), spilled \(s): \(line)")
            }
            switch (whole, stream) {
            case (.success(let w), .success(let s)):
                XCTAssertEqual(s.text, w.text, "round \(round): \(line)")
                XCTAssertEqual(s.record.fields.map(\.key), w.fields.map(\.key), "round \(round): \(line)")
                XCTAssertEqual(s.record.fields.map(\.json), w.fields.map(\.json), "round \(round): \(line)")
                XCTAssertEqual(s.record.rewritten(text: s.text, winnow: "{}"), w.rewritten(text: w.text, winnow: "{}"), "round \(round): \(line)")
            case (.failure, .failure):
                break
            default:
                XCTFail("round \(round): whole \(whole), streamed \(stream): \(line)")
            }
        }
    }

    /// A long other field is not held: the skeleton stays within the spill limit and a
    /// read, and the record comes out byte for byte.
    func testALongOtherFieldIsSpilledNotHeld() throws {
        let html = String(repeating: "<div class=\\\"x\\\">caf\\u00e9 \\n</div>", count: 8_000)  // JSON-escaped, 200 KB
        for line in ["{\"html\":\"\(html)\",\"text\":\"A story.\",\"n\":[\"\(html)\"]}",
                     "{\"text\":\"A story.\",\"winnow\":\"\(html)\",\"html\":\"\(html)\"}"].map({ Array($0.utf8) }) {
            let whole = try JSONRecord(line)
            guard case .success(let s) = spilled(line, cuts: [4096], spillAt: 1000) else { return XCTFail("refused") }
            XCTAssertEqual(s.record, whole.rewritten(text: whole.text, winnow: "{}"))
            XCTAssertLessThan(s.held, 1000 + 4096 + 64)
        }
        // A bad escape deep in a spilled string still refuses the record.
        let bad = Array("{\"html\":\"\(html)\\x\",\"text\":\"A story.\"}".utf8)
        XCTAssertThrowsError(try JSONRecord(bad))
        guard case .failure = spilled(bad, cuts: [4096], spillAt: 1000) else { return XCTFail("accepted") }
    }

    /// A read can end between a CRLF's CR and LF: the CR it hands over is no part of the record.
    func testACarriageReturnCutFromItsLineFeedIsNotKept() throws {
        guard case .success(let (text, record)) = streamed(Array("{\"text\":\"a\"}\r".utf8), cuts: [3]) else {
            return XCTFail("refused")
        }
        XCTAssertEqual(text, Array("a".utf8))
        XCTAssertEqual(record.rewritten(text: text, winnow: "{}"), Array("{\"text\":\"a\",\"winnow\":{}}".utf8))
    }

    func testTheTextKeyAppearingTwiceIsRefused() {
        let line = Array("{\"text\":\"a\",\"text\":\"b\"}".utf8)
        guard case .failure(let e) = streamed(line, cuts: [5]) else { return XCTFail("accepted") }
        XCTAssertEqual(e.description, "field \"text\" appears twice")
    }

    /// The cleaner streams the clean text out as it goes; put between the record's two
    /// halves it is the record a whole-line cleaning gives.
    func testCleanerGivesTheRecordThatCleaningTheWholeLineGives() throws {
        let paragraph = "The council voted on Tuesday to expand the bus network, a decision that officials said would cost about four million."
        var text = ""
        var n = 0
        while text.utf8.count < 5 << 20 {
            n += 1
            text += n % 9 == 0 ? "Share on Facebook\\n\\n" : n % 13 == 0 ? "By Anna Berg\\n\\n" : paragraph + " \\u00e9t\\u00e9 \\\"quoted\\\"\\n\\n"
        }
        let line = Array("{\"winnow\":1,\"url\":\"https://news.example.org/a\",\"text\":\"\(text)\",\"n\":2}".utf8)
        let whole = try JSONRecord(line)
        let cleaner = sharedPipeline.makeCleaner()
        let (docs, clean) = cleaner.cleanInParts(id: "x", bytes: whole.text, source: whole.sourceHost, metadata: whole.fields)
        let expected = whole.rewritten(text: clean, winnow: Document.winnowJSON(of: docs))

        var streamedText: [UInt8] = []
        let long = LongRecordCleaner(cleaner: sharedPipeline.makeCleaner(), id: "x", source: nil) { streamedText += $0 }
        var i = 0
        while i < line.count {
            _ = try long.feed(line[i..<min(i + 65_537, line.count)])
            i += 65_537
        }
        let (record, winnow, _) = try long.finish()
        let (before, after) = record.rewritten(winnow: winnow)
        XCTAssertGreaterThan(docs.count, 1, "cleaned in parts")
        XCTAssertEqual(Array(before.joined()) + [0x22] + streamedText + [0x22] + Array(after.joined()), expected)
    }
}
