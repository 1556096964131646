import XCTest
@testable import Winnow

/// Every sample cleans to its expected text, and cleaning the output changes nothing.
final class GoldenTests: XCTestCase {
    func testSamplesCleanToTheirExpectedText() throws {
        let pairs = try samplePairs()
        XCTAssertGreaterThanOrEqual(pairs.count, 5)
        for (input, expected) in pairs {
            var doc = Document(id: input.lastPathComponent, bytes: Array(try Data(contentsOf: input)))
            sharedPipeline.makeCleaner().clean(&doc)
            let want = try String(contentsOf: expected, encoding: .utf8)
            XCTAssertEqual(doc.string, want, "\(input.lastPathComponent)\n\(lineDiff(doc.string, want))")
        }
    }

    func testCleaningIsIdempotentOnEverySample() throws {
        for (input, _) in try samplePairs() {
            let once = clean(try String(contentsOf: input, encoding: .utf8))
            let twice = cleanDocument(once)
            XCTAssertEqual(twice.string, once, input.lastPathComponent)
            XCTAssertEqual(twice.edits.map(\.rule), [], input.lastPathComponent)
        }
    }

    /// The first lines that differ, for a readable failure.
    private func lineDiff(_ got: String, _ want: String) -> String {
        let g = got.split(separator: "\n", omittingEmptySubsequences: false)
        let w = want.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(g.count, w.count) where (i < g.count ? g[i] : nil) != (i < w.count ? w[i] : nil) {
            out.append("line \(i + 1):\n  got:  \(i < g.count ? String(g[i]) : "<none>")\n  want: \(i < w.count ? String(w[i]) : "<none>")")
            if out.count == 5 { break }
        }
        return out.joined(separator: "\n")
    }
}
