import CICU
import XCTest
@testable import Winnow

/// Case folding for the literal prefilter: byte offsets kept, capitals beyond ASCII folded.
final class CaseFoldTests: XCTestCase {
    /// Folding keeps every byte offset, folds capitals beyond ASCII in any script the
    /// rules are written in, and leaves alone what it cannot fold to the same length.
    func testFoldingKeepsLengthsAndFoldsCapitals() {
        func fold(_ s: String) -> String {
            let bytes = Array(s.utf8)
            let folded = bytes.withUnsafeBufferPointer { CaseFold.folded($0) } ?? bytes
            XCTAssertEqual(folded.count, bytes.count, s)
            return String(decoding: folded, as: UTF8.self)
        }
        XCTAssertEqual(fold("РЕКЛАМА"), "реклама")
        XCTAssertEqual(fold("LÄS MER"), "LäS MER")  // ASCII is the automaton's to fold
        XCTAssertEqual(fold("ZASTRZEŻONE ΣΟΦΊΑ Σς ＡＢ"), "ZASTRZEżONE σοφία σσ ａｂ")
        XCTAssertEqual(fold("Kelvin \u{212A}, ẞ"), "Kelvin \u{212A}, ẞ")  // their folds are shorter
        XCTAssertNil(Array("plain text, ß and 中文".utf8).withUnsafeBufferPointer { CaseFold.folded($0) })
        XCTAssertEqual(CaseFold.literal(Array("Läs MER".utf8)), Array("läs mer".utf8))
        // A literal and the text meet whatever the case of either.
        var index = LiteralIndex()
        let id = index.id(Array("Еклам".utf8))
        for text in ["РЕКЛАМА", "Реклама", "реклама"] {
            index.reset()
            Array(text.utf8).withUnsafeBufferPointer { XCTAssertTrue(index.mayMatch([id], $0, 0..<$0.count), text) }
        }
    }

    /// The table asks ICU only inside `CaseFold.cased`: no code point outside folds.
    func testNoCodePointOutsideTheCasedBlocksFolds() {
        let cased = CaseFold.cased
        var outside: [String] = []
        for c in 0x80..<0x10000 where !(0xD800...0xDFFF).contains(c) && !cased.contains(where: { $0.contains(c) }) {
            if Int(cicu_fold_case(Int32(c))) != c { outside.append(String(c, radix: 16)) }
        }
        XCTAssertEqual(outside, [])
    }
}
