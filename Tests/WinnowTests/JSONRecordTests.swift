import XCTest
@testable import Winnow

/// JSON Lines records: every other byte passes through; malformed records are named.
final class JSONRecordTests: XCTestCase {
    private func record(_ s: String) throws -> JSONRecord { try JSONRecord(Array(s.utf8)) }

    private func problem(_ s: String) -> String? {
        do { _ = try record(s); return nil } catch { return "\(error)" }
    }

    /// A record's source for corpus statistics is its url's host, written one way.
    func testSourceHostIsTheLowerCasedHostWithoutWWW() throws {
        func source(_ url: String) throws -> String? {
            try JSONRecord(Array(#"{"url":"\#(url)","text":"x"}"#.utf8)).sourceHost
        }
        XCTAssertEqual(try source("https://www.Example.ORG/a/b?c=d#e"), "example.org")
        XCTAssertEqual(try source("http://news.example.com:8080/x"), "news.example.com")
        XCTAssertEqual(try source("https://user:pw@Blog.Example.net/post"), "blog.example.net")
        XCTAssertEqual(try source("https://example.net/mail@example.com"), "example.net")
        XCTAssertEqual(try source("https://BÜCHER.example.de/"), "bücher.example.de")
        XCTAssertEqual(try source("https://Example.org?q=1"), "example.org")
        XCTAssertNil(try source("example.org/no-scheme"))
        XCTAssertNil(try source("https://www./path"))
        XCTAssertNil(try JSONRecord(Array(#"{"text":"x"}"#.utf8)).sourceHost)
    }

    func testTextIsDecodedAndOtherFieldsPassThroughByteForByte() throws {
        let line = #"{"id": 7, "score":1.50e3,"text":"a\"b\\c\n\u00e9\ud83d\ude00","tags":["x",{"y":null}]}"#
        let r = try record(line)
        XCTAssertEqual(String(decoding: r.text, as: UTF8.self), "a\"b\\c\né😀")
        let out = String(decoding: r.rewritten(text: Array("clean\n".utf8), winnow: "{\"edits\":{}}"), as: UTF8.self)
        XCTAssertEqual(out, #"{"id": 7, "score":1.50e3,"text":"clean\n","tags":["x",{"y":null}],"winnow":{"edits":{}}}"#)
        XCTAssertEqual(r.fields.map(\.key), ["id", "score", "tags"])
    }

    func testExistingWinnowFieldIsReplacedNotDuplicated() throws {
        let r = try record(#"{"winnow":{"old":1},"text":"x"}"#)
        let out = String(decoding: r.rewritten(text: Array("y".utf8), winnow: "{}"), as: UTF8.self)
        XCTAssertEqual(out, #"{"winnow":{},"text":"y"}"#)
    }

    func testMalformedRecordsSayWhatIsWrong() {
        XCTAssertEqual(problem(#"{"text": "x""#), "not valid JSON: unterminated object at column 13")
        XCTAssertEqual(problem("[1,2]"), "not a JSON object")
        XCTAssertEqual(problem(#"{"title": "x"}"#), "no \"text\" field")
        XCTAssertEqual(problem(#"{"text": 5}"#), "field \"text\" is not a string")
        XCTAssertNotNil(problem("not json"))
        XCTAssertNotNil(problem(#"{"text": "x",}"#))
        XCTAssertNotNil(problem(#"{"text": "x"} trailing"#))
        XCTAssertNotNil(problem(#"{"text": "bad \q escape"}"#))
        XCTAssertNotNil(problem("{\"text\": \"raw\ttab\"}"))
        XCTAssertNotNil(problem(#"{"text": "x", "n": 01}"#))
    }

    func testEncodingEscapesWhatJSONRequires() {
        XCTAssertEqual(encodeJSONString("q\"b\\n\n\u{1}é"), #""q\"b\\n\n\u0001é""#)
    }

    /// Every ASCII byte, quotes and backslashes in runs, and multi-byte text decode back
    /// through an independent JSON parser to exactly what was encoded.
    func testEncodedStringsDecodeBackExactly() throws {
        let samples = [String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }), "\"\"\\\\ plain run \u{1F600} ünïcödé\n\t", "", "no escapes at all"]
        for text in samples {
            let encoded = encodeJSONString(Array(text.utf8))
            let decoded = try JSONSerialization.jsonObject(with: Data(encoded), options: [.fragmentsAllowed]) as? String
            XCTAssertEqual(decoded, text)
        }
    }

    func testWinnowFieldListsKeptMetadataAndEditCounts() {
        let doc = cleanDocument("By Anna Berg and Tom Lee\n\nThe text itself stays here.\u{A0}Yes.")
        XCTAssertEqual(doc.winnowJSON, #"{"bylines":["Anna Berg and Tom Lee"],"edits":{"byline.by-author":1,"canonical.whitespace":1,"unicode.space":1}}"#)
    }
    // MARK: - Whole values (the shipped data files)

    func testJSONValueReadsNumbersAsDoubleReadsThemAndNestedValues() throws {
        let v = try JSONValue(parsing: Array(#" {"a": [1, -0.5, 2.5e-3, 1E+2, 0.1, 123456789012345678], "b": {"c": "x\u00e9\n\"y\"", "d": [true, false, null]}, "e": []} "#.utf8))
        XCTAssertEqual(try v.field("a").doubles("a"), [1, -0.5, 2.5e-3, 100, 0.1, 123456789012345678])
        XCTAssertEqual(try v.field("b").field("c").string("c"), "x\u{e9}\n\"y\"")
        XCTAssertEqual(try v.field("b").field("d"), .array([.bool(true), .bool(false), .null]))
        XCTAssertEqual(try v.field("e"), .array([]))
        XCTAssertEqual(try v.field("a").array("a")[0].int("a"), 1)
        XCTAssertThrowsError(try v.field("a").array("a")[1].int("a"))
        XCTAssertThrowsError(try v.field("zz"))
    }

    /// Where JSON leaves a choice, the reader takes JSONDecoder's: the first of a repeated
    /// key, a byte order mark allowed, a number too large for a Double rejected.
    func testJSONValueChoosesAsJSONDecoderDoes() throws {
        XCTAssertEqual(try JSONValue(parsing: Array(#"{"a": 1, "a": 2}"#.utf8)).field("a"), .number(1))
        XCTAssertEqual(try JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array("[true]".utf8)), .array([.bool(true)]))
        XCTAssertThrowsError(try JSONValue(parsing: Array("[1e400]".utf8)))
    }

    func testJSONValueRejectsMalformedText() {
        for bad in ["", "[1,]", "{\"a\" 1}", "[1] x", "01", "-", "[1.]", "{\"a\": tru}", "\"open"] {
            XCTAssertThrowsError(try JSONValue(parsing: Array(bad.utf8)), bad)
        }
    }
}
