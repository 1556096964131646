import XCTest
@testable import Winnow

/// Plain text cut into documents at separator lines, whole or as it arrives.
final class DocumentSplitterTests: XCTestCase {
    func testSeparatorLinesEndDocumentsAndEveryLineKeepsItsBreak() {
        let docs = DocumentSplitter.split(Array("a\n--\nb\nc\n--\n".utf8), separator: "--")
        XCTAssertEqual(docs.map { String(decoding: $0, as: UTF8.self) }, ["a\n", "b\nc\n", "\n"])
        XCTAssertEqual(DocumentSplitter.split(Array("only".utf8), separator: "--"), [Array("only\n".utf8)])
        XCTAssertEqual(DocumentSplitter.split([], separator: "--"), [Array("\n".utf8)])
        // A line that merely holds the separator is text.
        XCTAssertEqual(DocumentSplitter.split(Array("x --\n-- x\n".utf8), separator: "--").count, 1)
    }

    func testFedInAnyPiecesItCutsAsTheWholeAndPassesBytesThrough() {
        var input = Array("first line\n==\n\u{FEFF}second\r\n==\r\n==\nlast".utf8)
        input.insert(0xFF, at: 3)  // invalid UTF-8 is the decode stage's to see
        let whole = DocumentSplitter.split(input, separator: "==")
        XCTAssertEqual(whole.count, 4)
        XCTAssertTrue(whole[0].contains(0xFF))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var splitter = DocumentSplitter(separator: "==")
            var docs: [[UInt8]] = []
            var i = 0
            while i < input.count {
                let n = Int.random(in: 1...7, using: &rng)
                docs += splitter.feed(Array(input[i..<min(i + n, input.count)]))
                i += n
            }
            docs += splitter.finish()
            XCTAssertEqual(docs, whole)
        }
    }
}
