import XCTest
@testable import Winnow
import WinnowInvariants

/// A very long document is cut into parts and put back together.
final class DocumentPartsTests: XCTestCase {
    private func cutAll(_ input: [UInt8], wholeUpTo: Int, partSize: Int, pieces: ClosedRange<Int>) -> (DocumentParts, [DocumentParts.Part]) {
        var cutter = DocumentParts(wholeUpTo: wholeUpTo, partSize: partSize)
        var parts: [DocumentParts.Part] = []
        var i = 0
        while i < input.count {
            let n = Int.random(in: pieces)
            parts += cutter.feed(Array(input[i..<min(i + n, input.count)]))
            i += n
        }
        parts += cutter.finish()
        return (cutter, parts)
    }

    func testAShortDocumentIsOnePartWhole() {
        let text = Array(String(repeating: "One paragraph of text.\n\n", count: 40).utf8)
        let (cutter, parts) = cutAll(text, wholeUpTo: text.count, partSize: 100, pieces: 1...50)
        XCTAssertFalse(cutter.isCut)
        XCTAssertEqual(parts.map(\.bytes), [text])
    }

    func testPartsEndAtBlankLinesAndLoseNoByte() {
        let paragraphs = (1...300).map { "Paragraph \($0) says something\nover two lines." }
        let text = Array(paragraphs.joined(separator: "\n\n").utf8)
        let (cutter, parts) = cutAll(text, wholeUpTo: 1000, partSize: 400, pieces: 1...300)
        XCTAssertTrue(cutter.isCut)
        XCTAssertEqual(Array(parts.map(\.bytes).joined()), text)
        for part in parts.dropLast() {
            XCTAssertLessThanOrEqual(part.bytes.count, 400)
            XCTAssertEqual(Array(part.bytes.suffix(2)), [0x0A, 0x0A])
            XCTAssertEqual(part.joint, .paragraph)
        }
    }

    func testALongLineIsCutAtSpacesAndNeverInsideACharacter() {
        let words = Array(String(repeating: "čaj ", count: 2000).utf8)
        let (_, parts) = cutAll(words, wholeUpTo: 500, partSize: 300, pieces: 1...64)
        XCTAssertEqual(Array(parts.map(\.bytes).joined()), words)
        for part in parts.dropLast() {
            XCTAssertEqual(part.bytes.last, 0x20)
            XCTAssertEqual(part.joint, .space)
        }
        let unbroken = Array(String(repeating: "č", count: 2000).utf8)
        let (_, pieces) = cutAll(unbroken, wholeUpTo: 500, partSize: 301, pieces: 1...64)
        XCTAssertGreaterThan(pieces.count, 1)
        for part in pieces {
            XCTAssertNotNil(String(validatingUTF8: part.bytes.map { CChar(bitPattern: $0) } + [0]), "cut inside a character")
        }
    }

    func testUTF16IsNeverCut() {
        let units: [UInt16] = Array(String(repeating: "a b\n\n", count: 500).utf16)
        let utf16: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (cutter, parts) = cutAll(utf16, wholeUpTo: 100, partSize: 50, pieces: 1...64)
        XCTAssertFalse(cutter.isCut)
        XCTAssertEqual(parts.map(\.bytes), [utf16])
    }

    func testJoinerMeetsPartsAsTheirCutsSay() {
        func join(_ parts: [(String, DocumentParts.Joint)]) -> String {
            var joiner = PartJoiner()
            var out: [UInt8] = []
            for (text, joint) in parts { out += joiner.add(Array(text.utf8), joint: joint) }
            return String(decoding: out + joiner.finish(), as: UTF8.self)
        }
        XCTAssertEqual(join([("a\n\nb\n", .paragraph), ("c\n", .space), ("d\n", .direct), ("e\n", .paragraph)]), "a\n\nb\n\nc de\n")
        // A part left empty passes on the widest of the cuts around it.
        XCTAssertEqual(join([("a\n", .space), ("", .paragraph), ("b\n", .paragraph)]), "a\n\nb\n")
        XCTAssertEqual(join([("a\n", .direct), ("", .space), ("b\n", .paragraph)]), "a b\n")
        XCTAssertEqual(join([("", .paragraph), ("", .paragraph)]), "")
    }
}
