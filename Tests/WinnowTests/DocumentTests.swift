import XCTest
@testable import Winnow

/// The edit model: edits proposed on the current text land on the original, and the
/// text is always the original with the standing edits applied.
final class DocumentTests: XCTestCase {
    private func edit(_ r: Range<Int>, _ s: String, _ rule: String = "t.rule") -> ProposedEdit {
        ProposedEdit(range: r, replacement: s, rule: rule, category: "t", kind: .replace, reason: "test")
    }

    /// Re-applies the standing edits to the original by hand.
    private func rendered(_ doc: Document) -> String {
        var out: [UInt8] = []
        var cursor = 0
        for e in doc.standingEdits {
            out += doc.original[cursor..<e.range.lowerBound]
            out += Array(e.after.utf8)
            cursor = e.range.upperBound
        }
        out += doc.original[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    func testEditsInLaterStagesMapToOriginalRanges() {
        var doc = Document(id: "d", text: "aa BB cc DD ee")
        doc.apply([edit(3..<5, "b")], stage: "one")          // "aa b cc DD ee"
        XCTAssertEqual(doc.string, "aa b cc DD ee")
        doc.apply([edit(8..<10, "dddd")], stage: "two")      // DD is at 8..<10 in the new text
        XCTAssertEqual(doc.string, "aa b cc dddd ee")
        XCTAssertEqual(doc.edits[1].range, 9..<11)
        XCTAssertEqual(doc.edits[1].before, "DD")
        XCTAssertEqual(rendered(doc), doc.string)
    }

    func testOverlappingLaterEditAbsorbsEarlierOne() {
        var doc = Document(id: "d", text: "x\u{A0}y tail")
        doc.apply([edit(1..<3, " ", "unicode.space")], stage: "unicode")
        XCTAssertEqual(doc.string, "x y tail")
        doc.apply([edit(0..<4, "", "drop")], stage: "boilerplate")
        XCTAssertEqual(doc.string, "tail")
        XCTAssertEqual(doc.edits[0].supersededBy, 1)
        XCTAssertEqual(doc.edits[1].range, 0..<5)
        XCTAssertEqual(doc.edits[1].before, "x\u{A0}y ")
        XCTAssertEqual(doc.standingEdits.count, 1)
        XCTAssertEqual(rendered(doc), doc.string)
    }

    func testEditInsideEarlierOutputIsWidenedToIt() {
        var doc = Document(id: "d", text: "one two")
        doc.apply([edit(0..<3, "ONE!!")], stage: "a")
        doc.apply([edit(3..<5, "")], stage: "b")               // remove "!!" made by stage a
        XCTAssertEqual(doc.string, "ONE two")
        XCTAssertEqual(doc.standingEdits.map(\.range), [0..<3])
        XCTAssertEqual(doc.standingEdits.first?.after, "ONE")
    }

    func testInsertionsAndDeletionsAtTheSamePlaceStayUnambiguous() {
        var doc = Document(id: "d", text: "abc")
        doc.apply([edit(1..<2, "")], stage: "a")               // "ac"
        doc.apply([edit(1..<1, "X"), edit(2..<2, "\n")], stage: "b")
        XCTAssertEqual(doc.string, "aXc\n")
        XCTAssertEqual(rendered(doc), doc.string)
    }

    func testOverlappingProposalsKeepTheFirst() {
        var doc = Document(id: "d", text: "abcdef")
        doc.apply([edit(1..<4, "X"), edit(2..<5, "Y")], stage: "a")
        XCTAssertEqual(doc.string, "aXef")
    }

    func testOriginalOffsetMapsThroughEdits() {
        var doc = Document(id: "d", text: "aaaa bb")
        doc.apply([edit(0..<4, "a")], stage: "a")              // "a bb"
        XCTAssertEqual(doc.originalOffset(of: 2), 5)
        XCTAssertEqual(doc.originalOffset(of: 0), 0)
    }

    func testInvalidUTF8IsKeptInTheOriginal() {
        var doc = Document(id: "d", bytes: [0x61, 0xE9, 0x62])
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.original, [0x61, 0xE9, 0x62])
        XCTAssertEqual(doc.string, "aéb\n")
        XCTAssertEqual(doc.edits.first?.rule, "decode.invalid-utf8")
    }

    func testBlocksAreLinesWithGroups() {
        let blocks = segmentBlocks(Array("  one two \nthree\n\n\nfour\r\nfive".utf8))
        XCTAssertEqual(blocks.map(\.words), [2, 1, 1, 1])
        XCTAssertEqual(blocks.map(\.startsGroup), [true, false, true, false])
        XCTAssertEqual(blocks[0].range, 2..<9)
    }

    /// `segmentBlocks` reads eight bytes a step; on random text of the bytes it cares about
    /// (spaces, tabs, both line breaks, and others, across every alignment) it must give the
    /// blocks of the plain byte-by-byte definition.
    func testBlocksAgreeWithAPlainLineByLineSplitOnRandomText() {
        var rng = SplitMix64(seed: 20_261_205)
        let alphabet: [UInt8] = [0x20, 0x20, 0x09, 0x0A, 0x0D, 0x61, 0x62, 0x2E, 0xC3, 0xA9, 0x0B, 0x00]
        for _ in 0..<3000 {
            let n = Int(rng.next() % 70)
            let text = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            XCTAssertEqual(segmentBlocks(text), plainBlocks(text), "\(text)")
        }
    }

    /// Blocks by definition: each line (ended by \n, \r\n or \r) trimmed of spaces and
    /// tabs, if anything is left; words are runs of bytes other than space and tab; a block
    /// starts a group after a blank line or at the start.
    private func plainBlocks(_ text: [UInt8]) -> [Block] {
        var blocks: [Block] = []
        var lines: [Range<Int>] = []
        var start = 0, i = 0
        while i < text.count {
            if text[i] == 0x0A || text[i] == 0x0D {
                lines.append(start..<i)
                if text[i] == 0x0D, i + 1 < text.count, text[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(start..<text.count)
        var blank = true
        for line in lines {
            let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 }
            guard let s = line.first(where: { !isSpace(text[$0]) }), let last = line.last(where: { !isSpace(text[$0]) }) else {
                blank = true
                continue
            }
            let words = text[s...last].split(whereSeparator: isSpace).count
            blocks.append(Block(range: s..<(last + 1), line: line, startsGroup: blank, words: words))
            blank = false
        }
        return blocks
    }

    /// After word repairs, the stages that judge lines look again at the lines that
    /// changed: those of the new text, when both texts have as many lines; else all.
    func testChangedLinesAreTheNewTextsLinesThatDiffer() {
        func lines(_ a: String, _ b: String) -> [String] {
            changedLines(Array(a.utf8), Array(b.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        XCTAssertEqual(lines("one\ntwo\nthree\n", "one\ntwo!\nthree\n"), ["two!"])
        XCTAssertEqual(lines("a\nb", "a\nb"), [])
        XCTAssertEqual(lines("a\nb\n", "a\nb"), ["a", "b"])  // one line fewer: all of them
        XCTAssertEqual(lines("a\n\nb", "a\n\nc"), ["c"])
        XCTAssertEqual(lines("ab\ncd", "abc\nd"), ["abc", "d"])
        XCTAssertEqual(lines("", "x"), ["x"])
        XCTAssertEqual(lines("", ""), [])
        // Random texts against the definition, line lists compared whole.
        var rng = SplitMix64(seed: 7)
        let pieces = ["a", "b", "\n", "é", " "]
        for _ in 0..<2000 {
            let a = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % 5)] }.joined()
            var b = a
            if rng.next() % 2 == 0, !b.isEmpty { b.removeLast() }
            if rng.next() % 2 == 0 { b += pieces[Int(rng.next() % 5)] }
            let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
            let expected = x.count == y.count ? zip(x, y).compactMap { $0 == $1 ? nil : String($1) } : y.map(String.init)
            XCTAssertEqual(lines(a, b), expected, "\(a.debugDescription) -> \(b.debugDescription)")
        }
    }

    /// The proposals a stage's edits are made from: stably sorted by range, and each that
    /// overlaps an earlier kept one (or repeats an insertion's place) left out. Checked
    /// against that definition on random proposals, in order and shuffled, since in-order
    /// input takes a path of its own.
    func testNonOverlappingIsTheStableSortWithoutOverlaps() {
        var rng = SplitMix64(seed: 11)
        for round in 0..<3000 {
            var proposals: [ProposedEdit] = (0..<Int(rng.next() % 7)).map { k in
                let a = Int(rng.next() % 10), length = Int(rng.next() % 4)
                return ProposedEdit(range: a..<(a + length), replacement: "r\(k)", rule: "rule\(k)", category: "c",
                                    kind: .replace, reason: "")
            }
            if round % 2 == 0 { proposals.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) } }
            let sorted = proposals.enumerated().sorted {
                ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
                    < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
            }.map(\.element)
            var expected: [String] = []
            var end = -1, insertionAt = -1
            for p in sorted where p.range.lowerBound >= end && !(p.range.isEmpty && p.range.lowerBound == insertionAt) {
                expected.append(p.rule)
                end = p.range.upperBound
                insertionAt = p.range.isEmpty ? p.range.lowerBound : -1
            }
            XCTAssertEqual(nonOverlapping(proposals).map(\.rule), expected, proposals.map { "\($0.range)" }.joined(separator: " "))
        }
    }
}
