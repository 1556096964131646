import Foundation
import XCTest
@testable import Winnow

/// `winnow diff` and `--explain json` as views of the edit log: rows, rules, word-level
/// marks, colour, width, and a golden check over the seed samples.
final class DiffTests: XCTestCase {
    private func compare(_ text: String) -> (Document, Comparison) {
        let doc = cleanDocument(text)
        return (doc, Comparison(doc))
    }

    // MARK: - Rows

    func testDroppedLineIsOneRowWithItsRule() {
        let (_, c) = compare("First paragraph of the story.\nREAD MORE: Another story here\nSecond paragraph of the story.\n")
        XCTAssertEqual(c.rows.map(\.change), [.same, .dropped, .same])
        XCTAssertEqual(c.rows[1].originalText, "READ MORE: Another story here")
        XCTAssertEqual(c.rows[1].originalLines, [2])
        XCTAssertEqual(c.rules(of: c.rows[1]), ["related.labelled-link"])
        XCTAssertEqual(c.rows[2].cleanLine, 3)  // a blank line now separates paragraphs
    }

    /// The blank lines around a dropped block are tidied by a later white-space edit that
    /// absorbs the drop; the line is still credited to the rule that removed it.
    func testDropAbsorbedByWhitespaceEditKeepsItsRule() {
        var doc = Document(id: "t", text: "Kept one.\nREAD MORE: Elsewhere today\n\nKept two.\n")
        doc.apply([ProposedEdit(range: 10..<36, replacement: "", rule: "related.labelled-link", category: "related",
                                kind: .dropBlock, reason: "a link")], stage: "boilerplate")
        XCTAssertEqual(doc.string, "Kept one.\n\n\nKept two.\n")
        doc.apply([ProposedEdit(range: 9..<12, replacement: "\n\n", rule: "canonical.whitespace", category: "canonical",
                                kind: .replace, reason: "one blank line")], stage: "canonical")
        XCTAssertEqual(doc.standingEdits.map(\.rule), ["canonical.whitespace"], "premise: the drop was absorbed")
        let c = Comparison(doc)
        let dropped = c.rows.filter { $0.change == .dropped }
        XCTAssertEqual(dropped.map(\.originalText), ["READ MORE: Elsewhere today"])
        XCTAssertEqual(c.rules(of: dropped[0]), ["related.labelled-link"])
        XCTAssertEqual(c.rows.filter { $0.change == .same }.map(\.cleanText), ["Kept one.", "Kept two."])
    }

    func testInlineChangeIsMarkedAtWordLevel() {
        let (_, c) = compare("It’s a fine day, said the man.\n")
        XCTAssertEqual(c.rows.count, 1)
        let row = c.rows[0]
        XCTAssertEqual(row.change, .changed)
        XCTAssertEqual(row.original, [.init("It’s", changed: true), .init(" a fine day, said the man.", changed: false)])
        XCTAssertEqual(row.clean, [.init("It's", changed: true), .init(" a fine day, said the man.", changed: false)])
        XCTAssertEqual(c.rules(of: row), ["canonical.typography"])
    }

    func testUnchangedTextHasNoHunks() {
        let (_, c) = compare("Already clean.\n\nSecond paragraph.\n")
        XCTAssertTrue(c.changes.isEmpty)
        XCTAssertEqual(DiffRenderer().unified(c), "")
    }

    /// The clean sides of the rows are the clean text's paragraphs, in order.
    func testCleanSidesAreTheCleanText() throws {
        for (input, _) in try samplePairs() {
            let doc = cleanDocument(try String(contentsOf: input, encoding: .utf8))
            let paragraphs = Comparison(doc).rows.filter { $0.change != .dropped }.map(\.cleanText)
            XCTAssertEqual(paragraphs.joined(separator: "\n\n") + "\n", doc.string, input.lastPathComponent)
        }
    }

    // MARK: - Rendering

    func testPlainOutputHasNoEscapesAndShowsControlCharacters() {
        let (_, c) = compare("Evil \u{1B}[31mred\u{1B}[0m text here.\nREAD MORE: x\n")
        let plain = DiffRenderer(color: false).unified(c)
        XCTAssertFalse(plain.contains("\u{1B}"), plain)
        XCTAssertTrue(plain.contains("-Evil \\u{1B}[31mred"), plain)
        let colored = DiffRenderer(color: true).unified(c)
        XCTAssertTrue(colored.contains("\u{1B}[31m-"), colored)
        // Only our own escapes: every ESC is followed by "[" and a digit list ending in "m",
        // and the document's own "\u{1B}[31mred" is written out visibly.
        XCTAssertTrue(colored.contains("\\u{1B}[31mred"), colored)
    }

    func testSideBySideFitsTheWidth() throws {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("Samples/seeds/004_62f242e701283752.txt"), encoding: .utf8)
        let (_, c) = compare(text)
        for width in [40, 80, 133] {
            let out = DiffRenderer(color: false).sideBySide(c, width: width)
            XCTAssertFalse(out.isEmpty)
            for line in out.split(separator: "\n") {
                XCTAssertLessThanOrEqual(displayWidth(String(line)), width, "width \(width): \(line)")
            }
        }
        let out = DiffRenderer(color: false).sideBySide(c, width: 80)
        XCTAssertTrue(out.split(separator: "\n").contains { $0.hasSuffix(" <") }, "a dropped line is marked in the gutter")
    }

    func testExplainJSONLinesCarryEveryFieldAndOriginalRanges() throws {
        let input = "By Anna Berg\n\nKept\u{A0}text, “quoted”.\n"
        let doc = cleanDocument(input)
        let lines = doc.explanationJSONLines().split(separator: "\n")
        XCTAssertEqual(lines.count, doc.edits.count)
        XCTAssertGreaterThanOrEqual(lines.count, 3)
        let bytes = Array(input.utf8)
        var rules: [String] = []
        for line in lines {
            let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["document", "edit", "stage", "rule", "category", "kind", "start", "end", "before", "after", "reason"] {
                XCTAssertNotNil(obj[key], "\(key) in \(line)")
            }
            XCTAssertEqual(obj["document"] as? String, "test")
            let start = try XCTUnwrap(obj["start"] as? Int), end = try XCTUnwrap(obj["end"] as? Int)
            XCTAssertEqual(obj["before"] as? String, String(decoding: bytes[start..<end], as: UTF8.self))
            rules.append(obj["rule"] as! String)
        }
        XCTAssertTrue(rules.contains("byline.by-author"))
        XCTAssertTrue(rules.contains("unicode.space"))
        XCTAssertTrue(rules.contains("canonical.typography"))
    }

    /// A standing edit says where its output sits in the clean text: the replacement's
    /// bytes are there, and a drop sits at the place the dropped text was.
    func testExplainJSONLinesPlaceStandingEditsInTheCleanText() throws {
        let input = "By Anna Berg\n\nKept\u{A0}text, “quoted”.\n"
        let doc = cleanDocument(input)
        let clean = doc.text
        var placed = 0
        for line in doc.explanationJSONLines().split(separator: "\n") {
            let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard obj["standing"] as? Bool == true else {
                XCTAssertNil(obj["cleanStart"], "a superseded edit has no place: \(line)")
                continue
            }
            let a = try XCTUnwrap(obj["cleanStart"] as? Int), b = try XCTUnwrap(obj["cleanEnd"] as? Int)
            XCTAssertEqual(String(decoding: clean[a..<b], as: UTF8.self), obj["after"] as? String, "\(line)")
            if obj["rule"] as? String == "byline.by-author" { XCTAssertEqual(a, 0) }
            placed += 1
        }
        XCTAssertEqual(placed, doc.standingEdits.count)
        XCTAssertGreaterThanOrEqual(placed, 3)
    }

    func testTallyBytesRemovedAddUpToTheDifference() throws {
        for (input, _) in try samplePairs() {
            let doc = cleanDocument(try String(contentsOf: input, encoding: .utf8))
            var t = Tally()
            t.add(doc, comparison: Comparison(doc))
            XCTAssertEqual(t.byRule.values.reduce(0) { $0 + $1.bytesRemoved }, t.bytesIn - t.bytesOut)
        }
    }

    /// A text that only gains its final line break grows: the summary says how much was
    /// added instead of a negative share removed.
    func testSummaryOfATextThatGrewSaysAddedNotANegativeRemoval() {
        var grew = Tally()
        grew.add(cleanDocument("Short."))
        let summary = grew.summary(documents: 1, failed: 0, read: 6, written: 7, seconds: nil)
        let line = summary.split(separator: "\n").first { $0.contains("text:") } ?? ""
        XCTAssertTrue(line.contains("% added)"), summary)
        XCTAssertFalse(line.contains("-"), summary)
        var shrank = Tally()
        shrank.add(cleanDocument("Advertisement\n\nThe court heard the appeal on Monday and said it would rule soon.\n"))
        XCTAssertTrue(shrank.summary(documents: 1, failed: 0, read: 1, written: 1, seconds: nil).contains("% removed)"))
    }

    // MARK: - Golden: the seeds

    /// On every seed, the diff shows each line the expected text leaves out as a removed
    /// line under a rule, and nothing else: applying the diff to the original lines gives
    /// exactly the expected paragraphs.
    func testDiffOfEverySeedShowsEachRemovedLineWithItsRuleAndNothingElse() throws {
        let pairs = try samplePairs().filter { $0.input.path.contains("/seeds/") }
        XCTAssertEqual(pairs.count, 5)
        var ruleOfLine: [String: String] = [:]
        for (input, expected) in pairs {
            let original = try String(contentsOf: input, encoding: .utf8)
            let want = try String(contentsOf: expected, encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let origLines = original.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let doc = cleanDocument(original)
            let clean = doc.string.split(separator: "\n").map(String.init)
            let diff = DiffRenderer(color: false, context: 1).unified(Comparison(doc))
            let parsed = parse(diff)

            // Apply the diff to the original lines.
            var out: [String] = []
            var cursor = 0
            for hunk in parsed {
                let first = hunk.lines.first { $0.0 != "+" }!.1
                while cursor < origLines.count, origLines[cursor] != first { out.append(origLines[cursor]); cursor += 1 }
                for (sign, text) in hunk.lines {
                    guard sign == "+" || cursor < origLines.count else { XCTFail("\(input.lastPathComponent): past the end at \(text)"); break }
                    switch sign {
                    case " ": XCTAssertEqual(origLines[cursor], text); out.append(text); cursor += 1
                    case "-": XCTAssertEqual(origLines[cursor], text, input.lastPathComponent); cursor += 1
                    default: out.append(text)
                    }
                }
            }
            out += origLines[min(cursor, origLines.count)...]
            // The diff applied to the original gives the clean text (what `clean` wrote).
            XCTAssertEqual(out, clean.filter { !$0.isEmpty }, input.lastPathComponent)

            // Removed lines: those with no expected paragraph sharing most of their words.
            let dropped = Set(origLines.filter { line in !want.contains { sharesMostWords(line, $0) } })
            var shownDropped: Set<String> = []
            for hunk in parsed where !hunk.lines.contains(where: { $0.0 == "+" }) {
                XCTAssertFalse(hunk.rules.isEmpty)
                for (sign, text) in hunk.lines where sign == "-" {
                    shownDropped.insert(text)
                    ruleOfLine[text] = hunk.rules
                }
            }
            XCTAssertEqual(shownDropped, dropped, input.lastPathComponent)
            // Changed lines: each a kept line whose text differs, with its rules named.
            for hunk in parsed where hunk.lines.contains(where: { $0.0 == "+" }) {
                XCTAssertFalse(hunk.rules.isEmpty)
                let minus = hunk.lines.filter { $0.0 == "-" }.map(\.1), plus = hunk.lines.filter { $0.0 == "+" }.map(\.1)
                XCTAssertEqual(minus.count, plus.count)
                for (m, p) in zip(minus, plus) {
                    XCTAssertNotEqual(m, p)
                    XCTAssertTrue(want.contains { sharesMostWords(p, $0) }, "changed line is article text: \(p)")
                }
            }
        }
        // By hand: which rule family removed some of the seeds' lines.
        let spot = [
            "READ MORE: China’s Xi Jinping to visit Putin in Moscow next week to assume larger global role": "related.labelled-link",
            "By guest author Anushka Patil from the New York Times.": "byline.",
            "The International Criminal Court in The Hague, Netherlands.Credit…Peter Dejong/Associated Press": "caption.",
            "×": "appeal.",  // the close button of the appeal banner, part of its widget
            "Dear readers,": "appeal.",
        ]
        for (line, rule) in spot {
            XCTAssertTrue(ruleOfLine[line]?.hasPrefix(rule) == true, "\(line): \(ruleOfLine[line] ?? "not shown")")
        }
    }

    private struct ParsedHunk {
        var rules: String
        var lines: [(Character, String)]
    }

    private func parse(_ diff: String) -> [ParsedHunk] {
        var hunks: [ParsedHunk] = []
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("---") || line.hasPrefix("+++") || line.isEmpty { continue }
            if line.hasPrefix("@@") {
                let rules = line.components(separatedBy: " @@ ").dropFirst().joined()
                hunks.append(ParsedHunk(rules: rules, lines: []))
            } else {
                hunks[hunks.count - 1].lines.append((line.first!, unescape(String(line.dropFirst()))))
            }
        }
        return hunks
    }

    /// The diff writes invisible characters as `\u{XX}`; this reads them back.
    private func unescape(_ s: String) -> String {
        var out = "", rest = Substring(s)
        while let r = rest.range(of: "\\u{") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            guard let close = after.firstIndex(of: "}"), let v = UInt32(after[..<close], radix: 16), let u = Unicode.Scalar(v) else {
                out += rest[r]; rest = after; continue
            }
            out.unicodeScalars.append(u)
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    private func sharesMostWords(_ a: String, _ b: String) -> Bool {
        func words(_ s: String) -> Set<String> {
            Set(s.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        }
        let wa = words(a), wb = words(b)
        guard !wa.isEmpty else { return false }
        return Double(wa.intersection(wb).count) / Double(wa.count) >= 0.7
    }
}
