import XCTest
@testable import Winnow

/// Site templates: lines a source repeats on many pages go; the rest stays.
final class TemplateTests: XCTestCase {
    private func page(_ i: Int) -> String {
        "Example Daily - Home | World | Sport\n\nStory \(i): the council met on day \(i) and voted on item \(i * 7 + 3) of the plan, officials said.\n\nSubscribe to Example Daily for 1 euro a week"
    }

    func testLinesRepeatedAcrossASourceAreDropped() throws {
        var stats = CorpusStats()
        for i in 0..<10 { stats.add(Array(page(i).utf8), source: "example.org") }
        let pipeline = try Pipeline(configuration: Configuration(), packs: [], corpus: stats)
        var doc = Document(id: "p", text: page(42))
        doc.source = "example.org"
        pipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, "Story 42: the council met on day 42 and voted on item 297 of the plan, officials said.\n")
        XCTAssertEqual(doc.edits.filter { $0.rule == "template.repeated-line" }.count, 2)
    }

    func testOtherSourcesAndRareLinesAreUntouched() throws {
        var stats = CorpusStats()
        for i in 0..<10 { stats.add(Array(page(i).utf8), source: "example.org") }
        let pipeline = try Pipeline(configuration: Configuration(), packs: [], corpus: stats)
        var other = Document(id: "q", text: page(1))
        other.source = "elsewhere.net"
        pipeline.makeCleaner().clean(&other)
        XCTAssertTrue(other.string.contains("Example Daily - Home"))
        var few = CorpusStats()
        for i in 0..<3 { few.add(Array(page(i).utf8), source: "example.org") }
        var doc = Document(id: "p", text: page(5))
        doc.source = "example.org"
        try Pipeline(configuration: Configuration(), packs: [], corpus: few).makeCleaner().clean(&doc)
        XCTAssertTrue(doc.string.contains("Example Daily - Home"), "3 documents are too few to call a line a template")
    }

    func testStatisticsMergeAndRoundTripThroughTheirTextForm() throws {
        var a = CorpusStats(), b = CorpusStats(), all = CorpusStats()
        for i in 0..<6 {
            let text = Array(page(i).utf8)
            if i % 2 == 0 { a.add(text, source: "x\ty") } else { b.add(text, source: "x\ty") }
            all.add(text, source: "x\ty")
        }
        a.merge(b)
        XCTAssertEqual(a, all)
        XCTAssertEqual(try CorpusStats.parse(all.serialized(), source: "s"), all)
        XCTAssertThrowsError(try CorpusStats.parse("Q\tnope\n", source: "s"))
    }

    func testNormalisationIgnoresCaseDigitsAndSpacing() {
        let x = Array("Updated  12:30 TODAY".utf8), y = Array("updated 09:45 today".utf8)
        XCTAssertEqual(lineHash(x, 0..<x.count), lineHash(y, 0..<y.count))
        let z = Array("updated 09:45 tomorrow".utf8)
        XCTAssertNotEqual(lineHash(x, 0..<x.count), lineHash(z, 0..<z.count))
    }
}
