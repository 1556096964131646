import Foundation
import XCTest
@testable import Winnow

/// Runs the built `winnow` binary.
func runWinnow(_ args: [String], stdin: Data = Data(), environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try runProcess(EndToEndTests.binary, args, stdin: stdin, environment: environment)
    return (r.status, String(decoding: r.stdout, as: UTF8.self), r.stderr)
}

/// A document written to break out of the page every way we know.
let hostileText = """
Hostile <script>alert(1)</script> paragraph with <img src=x onerror=alert(2)> inside it.
READ MORE: </textarea><script>alert(3)</script>
A closing </script><b>bold</b> & an ampersand, a line\u{2028}separator and a “quote”.
"""

/// The HTML report: self-contained, escaped, small, and counting what the log says.
final class ReportTests: XCTestCase {
    /// The hostile text must reach the report as it came, so the rule that strips stray
    /// markup tags is turned off here.
    private let pipelineKeepingTags: Pipeline = {
        var c = Configuration()
        c.disabledRules = ["unicode.tag"]
        return try! Pipeline(configuration: c)
    }()

    private func report(_ texts: [(String, String)]) -> (HTMLReport, [Document]) {
        var report = HTMLReport()
        var docs: [Document] = []
        for (id, text) in texts {
            var doc = Document(id: id, text: text)
            pipelineKeepingTags.makeCleaner().clean(&doc)
            report.add(doc.reportEntry())
            docs.append(doc)
        }
        return (report, docs)
    }

    /// The embedded data, parsed back.
    private func data(_ html: String) throws -> [String: Any] {
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/json\" id=\"winnow-data\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
    }

    func testDocumentTextCannotBreakOutOfThePage() throws {
        let (r, _) = report([("<b>evil</b>.txt", hostileText)])
        let html = r.html()
        for raw in ["<script>alert", "<img src=x", "</textarea>", "</script><b>", "<b>evil", "<b>bold"] {
            XCTAssertFalse(html.contains(raw), "raw \(raw) in the page")
        }
        // Exactly our two script elements (the data and the code), each closed once.
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 2)
        XCTAssertEqual(html.components(separatedBy: "</script>").count - 1, 2)
        XCTAssertTrue(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        XCTAssertFalse(html.contains("\u{2028}"))
        // And the data still says exactly what the document said.
        let docs = try XCTUnwrap(try data(html)["docs"] as? [[String: Any]])
        XCTAssertEqual(docs.first?["id"] as? String, "<b>evil</b>.txt")
        let rows = try XCTUnwrap(docs.first?["rows"] as? [[Any]])
        let first = try XCTUnwrap(rows.first)
        XCTAssertEqual(first[0] as? String, "s")
        XCTAssertEqual(first[2] as? String, "Hostile <script>alert(1)</script> paragraph with <img src=x onerror=alert(2)> inside it.")
        let dropped = try XCTUnwrap(rows.first { $0[0] as? String == "d" })
        XCTAssertEqual(dropped[2] as? String, "READ MORE: </textarea><script>alert(3)</script>")
        XCTAssertEqual(dropped[3] as? [String], ["related.labelled-link"])
    }

    func testSummaryCountsComeFromTheEditLog() throws {
        let (r, docs) = report([("a", "Kept text.\nREAD MORE: one\nMore kept text.\n"), ("b", "By Anna Berg\n\nBody text.\n")])
        let html = r.html()
        XCTAssertTrue(html.contains("<dd id=\"n-docs\">2</dd>"))
        let bytesIn = docs.reduce(0) { $0 + $1.original.count }, bytesOut = docs.reduce(0) { $0 + $1.text.count }
        XCTAssertTrue(html.contains("<dd id=\"n-in\">\(bytesIn)</dd>"), "bytes in \(bytesIn)")
        XCTAssertTrue(html.contains("<dd id=\"n-out\">\(bytesOut)</dd>"))
        XCTAssertTrue(html.contains("<dd id=\"n-dropped\">2</dd>"))  // READ MORE and the byline
        XCTAssertTrue(html.contains("data-rule=\"related.labelled-link\""))
        XCTAssertTrue(html.contains("data-rule=\"byline.by-author\""))
        // A changed row is stored once: shared runs, then was/now pairs.
        let (r2, _) = report([("q", "It’s here.\n")])
        let rows = try XCTUnwrap((try data(r2.html())["docs"] as? [[String: Any]])?.first?["rows"] as? [[Any]])
        XCTAssertEqual(rows.first?[0] as? String, "c")
        XCTAssertEqual(rows.first?[2] as? [String], ["", "It’s", "It's", " here."])
    }

    func testPageIsSelfContainedAndUnderTwiceTheInput() throws {
        var texts: [(String, String)] = []
        var size = 0
        for (input, _) in try samplePairs() {
            let text = try String(contentsOf: input, encoding: .utf8)
            texts.append((input.lastPathComponent, text))
            size += text.utf8.count
        }
        let html = report(texts).0.html()
        XCTAssertLessThan(html.utf8.count, 2 * size + 16_000, "page \(html.utf8.count) bytes for \(size) of input (plus code)")
        for external in ["src=\"http", "href=\"http", "@import", "url(", "<link"] {
            XCTAssertFalse(html.contains(external), external)
        }
    }

    // MARK: - Through the binary

    func testCleanWritesTheReportAndTheSummary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let seeds = repoRoot.appendingPathComponent("Samples/seeds").path
        let reportPath = dir.appendingPathComponent("report.html").path
        let r = try runWinnow(["clean", seeds, "-o", dir.appendingPathComponent("out").path, "--report", reportPath])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Summary: all ten files of the folder, none failed, and the top rules.
        XCTAssertTrue(r.stderr.contains("winnow: 10 documents, 0 failed"), r.stderr)
        XCTAssertTrue(r.stderr.contains("top rules"), r.stderr)
        XCTAssertFalse(r.stderr.contains("\r"), "no progress bar when stderr is not a terminal")
        let html = try String(contentsOfFile: reportPath, encoding: .utf8)
        XCTAssertTrue(html.contains("<dd id=\"n-docs\">10</dd>"))
        // Quiet: no summary.
        let q = try runWinnow(["clean", seeds, "-o", dir.appendingPathComponent("out2").path, "--quiet"])
        XCTAssertEqual(q.stderr, "")
    }

    func testExplainJSONThroughTheBinary() throws {
        let input = Data("READ MORE: Elsewhere\n\nKept\u{A0}text.".utf8)
        for args in [["clean", "--explain", "json"], ["clean", "--explain=json"], ["clean", "--explain", "--explain-format", "json"]] {
            let r = try runWinnow(args, stdin: input)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "Kept text.\n")
            let objs = try r.stderr.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            XCTAssertEqual(Set(objs.compactMap { $0["rule"] as? String }).isSuperset(of: ["related.labelled-link", "unicode.space"]), true, r.stderr)
            XCTAssertTrue(objs.allSatisfy { $0["document"] as? String == "<stdin>" })
        }
        let text = try runWinnow(["clean", "--explain"], stdin: input)
        XCTAssertTrue(text.stderr.contains("\"READ MORE: Elsewhere"), text.stderr)
    }

    func testDiffThroughTheBinaryColourAndNoColor() throws {
        let seed = repoRoot.appendingPathComponent("Samples/seeds/001_60668ba18db4ac2d.txt").path
        let plain = try runWinnow(["diff", seed])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stdout.contains("\u{1B}"), "plain when piped")
        XCTAssertTrue(plain.stdout.contains("@@ -4,1 +5,0 @@ related.labelled-link"), plain.stdout)
        XCTAssertTrue(plain.stdout.contains("\n-READ MORE: China’s Xi Jinping"), plain.stdout)
        let always = try runWinnow(["diff", "--color", "always", seed])
        XCTAssertTrue(always.stdout.contains("\u{1B}[31m-\u{1B}[1;97;41mREAD MORE: China"), always.stdout)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        XCTAssertFalse(try runWinnow(["diff", "--color", "auto", seed], environment: env).stdout.contains("\u{1B}"))
        env["COLUMNS"] = "60"
        let sbs = try runWinnow(["diff", "--side-by-side", seed], environment: env)
        XCTAssertTrue(sbs.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 }, sbs.stdout)
        let stat = try runWinnow(["diff", "--stat", seed])
        XCTAssertTrue(stat.stdout.contains("2 lines dropped"), stat.stdout)
        XCTAssertTrue(stat.stdout.contains("related.labelled-link"), stat.stdout)
        let stdin = try runWinnow(["diff"], stdin: Data("Text.\nREAD MORE: x\n".utf8))
        XCTAssertTrue(stdin.stdout.contains("--- <stdin> (original)"), stdin.stdout)
    }
}
