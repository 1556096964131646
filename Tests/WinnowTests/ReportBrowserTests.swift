import Foundation
import XCTest

/// The report of the Samples (and one hostile document) rendered by headless Chromium:
/// the DOM after the page's script ran shows the counts, the hostile text as text, and
/// removed blocks marked with their rule. Skipped when no chromium is installed.
final class ReportBrowserTests: XCTestCase {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    func testReportRendersInChromium() throws {
        guard let chromium = Self.chromium else { throw XCTSkip("no chromium binary") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = dir.appendingPathComponent("hostile.txt")
        try Data(hostileText.utf8).write(to: hostile)
        let seeds = try samplePairs().map(\.input.path)
        let reportPath = dir.appendingPathComponent("report.html")
        let r = try runWinnow(["clean", "--disable", "unicode.tag"] + seeds + [hostile.path, "-o", dir.appendingPathComponent("out").path, "--report", reportPath.path])
        XCTAssertEqual(r.status, 0, r.stderr)

        let dom = try dumpDOM(chromium, url: reportPath.absoluteString + "#all", profile: dir.appendingPathComponent("profile"))
        let n = seeds.count + 1
        XCTAssertTrue(dom.contains("<dd id=\"n-docs\">\(n)</dd>"), String(dom.prefix(2000)))
        XCTAssertTrue(dom.contains("\(n) of \(n) matching documents shown"), "the script ran and listed every document")
        XCTAssertEqual(dom.components(separatedBy: "<article class=\"doc\"").count - 1, n, "every document's details rendered")
        // The hostile text is text: escaped in the DOM, no element made from it.
        XCTAssertTrue(dom.contains("Hostile &lt;script&gt;alert(1)&lt;/script&gt; paragraph with &lt;img src=x onerror=alert(2)&gt;"))
        XCTAssertFalse(dom.contains("<img"))
        XCTAssertFalse(dom.contains("<script>alert"))
        XCTAssertFalse(dom.contains("<b>bold"))
        // Removed blocks are struck and marked with their rule.
        XCTAssertTrue(dom.contains("<del class=\"drop\" data-rule=\"related.labelled-link\"><span class=\"tag\" title=\"a link to another story"), "rule tag on a dropped block")
        XCTAssertTrue(dom.contains("related.labelled-link</span>READ MORE: China’s Xi Jinping"))
        XCTAssertTrue(dom.contains("related.labelled-link</span>READ MORE: &lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        XCTAssertTrue(dom.contains("<mark class=\"was\">Russia’s</mark>"), "an inline change highlighted")

        if let shot = ProcessInfo.processInfo.environment["WINNOW_REPORT_SCREENSHOT"] {
            try runChromium(chromium, ["--screenshot=\(shot)", "--window-size=1280,900", reportPath.absoluteString],
                            profile: dir.appendingPathComponent("profile"))
        }
    }

    private func dumpDOM(_ chromium: String, url: String, profile: URL) throws -> String {
        try runChromium(chromium, ["--dump-dom", url], profile: profile)
    }

    @discardableResult
    private func runChromium(_ chromium: String, _ args: [String], profile: URL) throws -> String {
        let out = profile.deletingLastPathComponent().appendingPathComponent("chromium-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)"] + args
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return try String(contentsOf: out, encoding: .utf8)
    }
}
