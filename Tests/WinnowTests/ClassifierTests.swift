import Foundation
import XCTest
@testable import Winnow

/// The statistical block classifier drops navigation-like leftovers and keeps article
/// text, including short article lines that only their neighbours vouch for.
final class ClassifierTests: XCTestCase {
    private let paragraphs = [
        "The council voted on Tuesday to expand the bus network, a decision that officials said would cost about four million over five years and would be paid for from the transport budget.",
        "Residents in the northern districts, where buses run only twice an hour, have complained for years that they cannot get to work on time, and several of them spoke at the meeting.",
        "The first new routes are expected to open in the spring, and the city said it would publish a timetable for the rest of the network before the end of the year.",
        "Critics on the council argued that the money would be better spent on repairing roads, but the proposal passed by a comfortable majority after a debate of more than three hours.",
    ]

    private func run(_ text: String) -> Document {
        let stage = BlockClassifierStage()
        var doc = Document(id: "t", text: text)
        stage.run(&doc)
        return doc
    }

    func testModelLoads() {
        XCTAssertNil(BlockClassifierStage.loadProblem)
    }

    /// Stopword lines are trimmed as Foundation's `.whitespaces` trims them.
    func testStopwordLinesAreTrimmedAsFoundationTrimsWhitespace() {
        for line in ["  und ", "\tder\t", "\u{A0}für\u{2003}", "a b", "", "   ", "\u{200B}x", "x\u{2028}", "\u{3000}の\u{3000}"] {
            XCTAssertEqual(String(trimmingHorizontalWhitespace(Substring(line))), line.trimmingCharacters(in: .whitespaces), line.debugDescription)
        }
        // Every code point up to U+30FF (all of Unicode's space separators lie below it).
        for v in 0..<0x3100 {
            guard let c = Unicode.Scalar(v), c != "\n", c != "\r" else { continue }
            let line = "\(Character(c))x"
            XCTAssertEqual(String(trimmingHorizontalWhitespace(Substring(line))), line.trimmingCharacters(in: .whitespaces), String(format: "U+%04X", v))
        }
    }

    /// The model is read without `JSONDecoder` (start-up); it must read the shipped file
    /// as `JSONDecoder` does, every number to the bit.
    func testModelReaderReadsTheShippedModelAsJSONDecoderDoes() throws {
        let dir = try XCTUnwrap(ClassifierResources.resourceDirectory("classifier"))
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/model.json"))
        let reference = try JSONDecoder().decode(ClassifierModel.self, from: data)
        let read = try ClassifierModel(json: JSONValue(parsing: [UInt8](data)))
        XCTAssertEqual(read, reference)
        XCTAssertGreaterThan(read.trees.trees.count, 10)
        XCTAssertThrowsError(try ClassifierModel(json: JSONValue(parsing: Array(#"{"version": 2}"#.utf8)))) { error in
            XCTAssertEqual("\(error)", "missing field 'lexicon'")
        }
    }

    func testNavigationMenuIsDropped() {
        let menu = ["Home", "News", "Sport", "Business", "Contact Us", "Privacy Policy", "Terms Of Use"]
        let text = menu.joined(separator: "\n") + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
        let doc = run(text)
        // Single menu words sit near the threshold, and a refitted model moves one or
        // another across it (with no rule drops on the page, the first line "Home" stays):
        // at most one of them is left.
        let kept = menu.filter { doc.string.contains($0 + "\n") }
        XCTAssertLessThanOrEqual(kept.count, 1, "menu items kept: \(kept)")
        for p in paragraphs { XCTAssertTrue(doc.string.contains(p), "paragraph lost: \(p)") }
        let edit = doc.edits.first { $0.rule == "classifier.block" }
        XCTAssertEqual(edit?.category, "classifier")
        XCTAssertEqual(edit?.kind, .dropBlock)
        XCTAssertTrue(edit?.reason.hasPrefix("classifier: p(boilerplate)=") ?? false)
    }

    /// Rule drops are counted in the gap before the first block at or after them; only the
    /// boilerplate stage's drops of blocks and runs count (not its trimmed prefixes, not
    /// the classifier's own drops).
    func testRuleDropsAreCountedInTheGapsBetweenBlocks() {
        var doc = Document(id: "t", text: "Share this\nFirst line.\nMenu\nSecond line.\nBy Anna: Third line.\nFooter\n")
        doc.apply([ProposedEdit(range: 0..<11, rule: "share.row", category: "share", kind: .dropBlock, reason: "r"),
                   ProposedEdit(range: 23..<28, rule: "nav.menu-run", category: "navigation", kind: .dropRun, reason: "r"),
                   ProposedEdit(range: 41..<50, rule: "byline.prefix", category: "byline", kind: .stripPrefix, reason: "r")],
                  stage: "boilerplate")
        doc.apply([ProposedEdit(range: 37..<44, rule: "classifier.block", category: "classifier", kind: .dropBlock, reason: "r")],
                  stage: "classifier")
        XCTAssertEqual(doc.string, "First line.\nSecond line.\nThird line.\n")
        let places = RuleDrops.places(doc)
        XCTAssertEqual(places, [0, 12])
        let blocks = BlockClassifierStage.blocks(doc.text)
        XCTAssertEqual(RuleDrops.gaps(places, blocks), [1, 1, 0, 0])
        XCTAssertEqual(RuleDrops.gaps([doc.text.count], blocks), [0, 0, 0, 1])
    }

    /// An ad marker stands between an article's paragraphs: it is no rule drop for the
    /// classifier, which reads drops as widgets where an article ends.
    func testAdMarkersAreNoRuleDrops() {
        var doc = Document(id: "t", text: "First line.\nAdvertisement\nSecond line.\nShare this\n")
        doc.apply([ProposedEdit(range: 12..<26, rule: "ad.marker", category: "ad", kind: .dropBlock, reason: "r"),
                   ProposedEdit(range: 39..<50, rule: "share.row", category: "share", kind: .dropBlock, reason: "r")],
                  stage: "boilerplate")
        XCTAssertEqual(doc.string, "First line.\nSecond line.\n")
        XCTAssertEqual(RuleDrops.places(doc), [25])
    }

    /// The rule-drop features may only raise p(boilerplate) (the fit's monotonic
    /// constraint): the output, cleaned again, has no rule drops left, so nothing more may
    /// go. Every block of a page scores at least as high with drops around it as without.
    func testRuleDropsNeverLowerAScore() throws {
        guard case .success(let res) = ClassifierResources.shared else { return XCTFail("no model") }
        let clf = BlockClassifier(resources: res)
        let lines = ["Home", "News", paragraphs[0], "Share on Facebook", paragraphs[1], paragraphs[2],
                     "Related stories", "Council to vote on parking fees", paragraphs[3], "Comments", "Log in to reply"]
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        let blocks = BlockClassifierStage.blocks(text)
        let n = blocks.count
        let none = text.withUnsafeBufferPointer { clf.classify($0, blocks, ruleDrops: [Int](repeating: 0, count: n + 1)) }
        var raised = 0
        for pattern in 1..<(1 << 6) {
            var gaps = [Int](repeating: 0, count: n + 1)
            for (bit, g) in [0, 2, 4, 7, 9, n].enumerated() where pattern & (1 << bit) != 0 { gaps[g] = 1 + bit % 2 }
            let with = text.withUnsafeBufferPointer { clf.classify($0, blocks, ruleDrops: gaps) }
            for i in 0..<n {
                XCTAssertGreaterThanOrEqual(with.p[i], none.p[i] - 1e-12, "block \(i), drops \(gaps)")
                if with.p[i] > none.p[i] + 1e-6 { raised += 1 }
            }
        }
        XCTAssertGreaterThan(raised, 0, "the features are read at all")
    }

    /// A block dropped below a widget the rules dropped after most of the page's prose
    /// says so in its reason (what `--explain` and reports show).
    func testReasonNamesARuleDroppedWidgetAbove() {
        let B = BlockFeatures.baseCount
        func reason(_ above: Double) -> String {
            let r = BlockClassifier.Result(p: [0.93], drop: [true], byGroup: [false],
                                           rows: [Double](repeating: 0, count: B), words: [3],
                                           proseAboveRuleDrop: [above], language: 0)
            return BlockClassifierStage.reason(r, 0)
        }
        XCTAssertTrue(reason(0.9).hasPrefix("classifier: p(boilerplate)=0.93; 3 words"))
        XCTAssertTrue(reason(0.9).contains("below a widget the rules dropped"))
        XCTAssertFalse(reason(0.2).contains("widget"))
        XCTAssertFalse(reason(-1).contains("widget"))
    }

    func testArticleParagraphsAreKept() {
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        let doc = run(text)
        XCTAssertEqual(doc.string, text)
        XCTAssertTrue(doc.edits.isEmpty)
    }

    func testShortArticleLinesAreKeptByContext() {
        for short in ["Why?", "Here are the latest developments."] {
            let text = paragraphs[0] + "\n\n" + paragraphs[1] + "\n\n" + short + "\n\n" + paragraphs[2] + "\n\n" + paragraphs[3] + "\n"
            let doc = run(text)
            XCTAssertEqual(doc.string, text, "lost: \(short)")
        }
    }

    /// A German page: a menu above the article and a footer below it. (The document guard
    /// wants at least two blocks it is sure of; a menu of a few words of its own is not
    /// enough, which keeps it off article-only text.)
    func testGermanArticleKeptAndMenuDropped() {
        let menu = "Startseite\nTermine\nKöpfe\nMitgliedsantrag\nFormulare"
        let body = [
            "Die Stadt hat am Dienstag beschlossen, das Busnetz auszubauen, weil viele Bewohner der nördlichen Stadtteile seit Jahren über zu seltene Verbindungen klagen.",
            "Nach Angaben der Verwaltung sollen die ersten neuen Linien im Frühjahr fahren, und bis zum Ende des Jahres will die Stadt einen Fahrplan für das ganze Netz vorlegen.",
            "Kritiker im Rat hatten gefordert, das Geld lieber in die Sanierung der Straßen zu stecken, doch der Antrag wurde nach einer langen Debatte mit klarer Mehrheit angenommen.",
        ]
        let doc = run(menu + "\n\n" + body.joined(separator: "\n\n") + "\n\nKontakt\nImpressum\nDatenschutz\n")
        for line in body { XCTAssertTrue(doc.string.contains(line)) }
        // Single menu words sit near the threshold, and a refitted model moves some across
        // it: most of them go, and the footer's.
        let items = ["Startseite", "Termine", "Köpfe", "Mitgliedsantrag", "Formulare", "Kontakt", "Impressum", "Datenschutz"]
        let kept = items.filter { doc.string.contains($0) }
        XCTAssertLessThanOrEqual(kept.count, 2, "kept: \(kept)")
        for item in ["Kontakt", "Impressum", "Datenschutz"] { XCTAssertFalse(doc.string.contains(item), item) }
    }

    /// Canonical text puts a blank line between all blocks, so the classifier cannot tell
    /// adjacent lines from separate paragraphs: a menu as one group of lines and the same
    /// menu as paragraphs are judged alike, and the pipeline's output, cleaned again,
    /// loses nothing more (rounds go on until one drops nothing).
    func testJudgesItsOwnOutputAsItJudgedThePage() {
        let menu = ["Startseite", "Termine", "Köpfe", "Mitgliedsantrag", "Formulare", "Vereinsleben", "Jugend"]
        let footer = ["Kontakt", "Impressum", "Datenschutz"]
        func page(_ separator: String) -> String {
            menu.joined(separator: separator) + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n"
                + footer.joined(separator: separator) + "\n"
        }
        let grouped = run(page("\n")), apart = run(page("\n\n"))
        XCTAssertEqual(grouped.string.split(separator: "\n", omittingEmptySubsequences: true),
                       apart.string.split(separator: "\n", omittingEmptySubsequences: true))
        XCTAssertFalse(apart.string.contains("Impressum"), apart.string)
        let once = clean(page("\n"))
        XCTAssertEqual(clean(once), once)
        for p in paragraphs { XCTAssertTrue(once.contains(p), p) }
    }

    /// The document guard: an article with short lines of its own (a question, a heading,
    /// a short list) and no page furniture around it is left exactly as it is.
    func testArticleWithShortLinesIsLeftAlone() {
        let text = [paragraphs[0], "Why now?", paragraphs[1], "What changes", "Buses\nTrams\nFerries",
                    paragraphs[2], "Next steps", paragraphs[3]].joined(separator: "\n\n") + "\n"
        let doc = run(text)
        XCTAssertEqual(doc.string, text)
        XCTAssertTrue(doc.edits.isEmpty, "\(doc.edits.map(\.before))")
    }

    /// With the classifier turned on, the trap articles and the language samples go
    /// through the whole pipeline without a single classifier edit.
    func testTrapAndLanguageSamplesGetNoClassifierEdit() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
        var configuration = Configuration()
        configuration.stages["classifier"] = true
        let pipeline = try Pipeline(configuration: configuration)
        XCTAssertTrue(pipeline.stages.contains { $0.name == "classifier" })
        var checked = 0
        for folder in ["traps", "languages"] {
            let dir = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            where name.hasSuffix(".txt") && !name.hasSuffix(".expected.txt") {
                var doc = Document(id: name, bytes: Array(try Data(contentsOf: dir.appendingPathComponent(name))))
                pipeline.makeCleaner().clean(&doc)
                let dropped = doc.edits.filter { $0.stage == "classifier" }.map(\.before)
                XCTAssertEqual(dropped, [], "\(folder)/\(name)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    /// A model whose tree points back at an earlier node (a loop) is refused, not run.
    func testMalformedTreeIsRefused() {
        let loop = ClassifierModel.Tree(feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [0, 0, 0], right: [2, 0, 0], value: [0, 1, 2])
        XCTAssertNil(Forest(ClassifierModel.Trees(bias: 0, trees: [loop]), featureCount: BlockFeatures.rowCount))
        let badFeature = ClassifierModel.Tree(feature: [BlockFeatures.rowCount, -1, -1], threshold: [0.5, 0, 0],
                                              left: [1, 0, 0], right: [2, 0, 0], value: [0, 1, 2])
        XCTAssertNil(Forest(ClassifierModel.Trees(bias: 0, trees: [badFeature]), featureCount: BlockFeatures.rowCount))
        let good = ClassifierModel.Tree(feature: [3, -1, -1], threshold: [0.5, 0, 0], left: [1, 0, 0], right: [2, 0, 0], value: [0, -1, 2])
        let forest = Forest(ClassifierModel.Trees(bias: 0.25, trees: [good, good]), featureCount: BlockFeatures.rowCount)
        var row = [Double](repeating: 0, count: BlockFeatures.rowCount)
        XCTAssertEqual(row.withUnsafeBufferPointer { forest?.score($0.baseAddress!) }, 0.25 - 2)
        row[3] = 1
        XCTAssertEqual(row.withUnsafeBufferPointer { forest?.score($0.baseAddress!) }, 0.25 + 4)
    }

    /// The forest's score is the bias plus, tree by tree in order, the value of the leaf a
    /// plain walk down the fitted nodes reaches: for forests of 1 to 11 trees (so that
    /// every remainder of the trees walked four at a time occurs), of uneven depths, on
    /// rows with values at the thresholds themselves. Leaf values are not dyadic, so a sum
    /// taken in another order than tree by tree differs in its last bits.
    func testForestScoreIsTheSumOfTheLeavesAPlainWalkReaches() throws {
        var rng = SplitMix64(seed: 3)
        let features = BlockFeatures.rowCount
        func randomTree(depth: Int) -> ClassifierModel.Tree {
            var t = ClassifierModel.Tree(feature: [], threshold: [], left: [], right: [], value: [])
            // Nodes in pre-order, children after their parent, as the fitting script writes them.
            func node(_ d: Int) -> Int {
                let k = t.feature.count
                t.feature.append(-1); t.threshold.append(0); t.left.append(0); t.right.append(0)
                t.value.append(Double.random(in: -3...3, using: &rng))
                if d < depth, d == 0 || Bool.random(using: &rng) {
                    t.feature[k] = Int.random(in: 0..<features, using: &rng)
                    t.threshold[k] = Double(Int.random(in: -4...4, using: &rng)) / 2
                    t.left[k] = node(d + 1)
                    t.right[k] = node(d + 1)
                }
                return k
            }
            _ = node(0)
            return t
        }
        for trees in 1...11 {
            let model = ClassifierModel.Trees(bias: 0.1, trees: (0..<trees).map { _ in randomTree(depth: Int.random(in: 1...6, using: &rng)) })
            let forest = try XCTUnwrap(Forest(model, featureCount: features))
            for _ in 0..<50 {
                let row = (0..<features).map { _ in Double(Int.random(in: -5...5, using: &rng)) / 2 }
                var expected = 0.0
                for t in model.trees {
                    var k = 0
                    while t.feature[k] >= 0 { k = row[t.feature[k]] <= t.threshold[k] ? t.left[k] : t.right[k] }
                    expected += t.value[k]
                }
                expected += model.bias
                XCTAssertEqual(row.withUnsafeBufferPointer { forest.score($0.baseAddress!) }, expected, "\(trees) trees")
            }
        }
    }

    /// Words that the lexicon learned as page furniture raise a block's lexical feature
    /// above that of a block of ordinary article words of the same length.
    func testLexiconScoresFurnitureWords() {
        guard case .success(let res) = ClassifierResources.shared else { return XCTFail("no model") }
        let clf = BlockClassifier(resources: res)
        let text = Array("Newsletter abonnieren und Kommentare teilen\n\nDie Stadt hat das Netz der Busse ausgebaut\n".utf8)
        let blocks = segmentBlocks(text)
        let r = text.withUnsafeBufferPointer { clf.classify($0, blocks) }
        let lex = { (i: Int) in r.rows[i * BlockFeatures.baseCount + BlockFeatures.iLexical] }
        XCTAssertGreaterThan(lex(0), lex(1) + 1)
    }

    /// The title's overlap with each block of `lines` (one block a line; the first is the title).
    private func titleOverlap(_ lines: [String]) throws -> TitleOverlap {
        guard case .success(let res) = ClassifierResources.shared else { throw XCTSkip("no model") }
        let text = Array(lines.joined(separator: "\n").utf8)
        let blocks = segmentBlocks(text)
        XCTAssertEqual(blocks.count, lines.count)
        let L = res.model.languages.count
        var lang = [Int32](repeating: 0, count: L), counts = [Int](repeating: 0, count: L)
        var content = [UInt64](), start = [0]
        text.withUnsafeBufferPointer { t in
            for b in blocks {
                _ = BlockFeatures.scan(t, b.range, res.stopwords, blockLang: &lang, langCounts: &counts, content: &content)
                start.append(content.count)
            }
        }
        return TitleOverlap(content, start)
    }

    /// The headline is the block that repeats the title's longest part, not the site's
    /// name, nor a teaser, nor a paragraph that merely uses the same words.
    func testHeadlineIsTheBlockRepeatingTheTitle() throws {
        let lines = [
            "City Times - Council expands the bus network to northern districts",
            "City Times",
            "Mayor opens a new library",
            "The council expands the bus network to the northern districts",
            "The council voted to expand the bus network to the northern districts after years of complaints from residents, commuters, shopkeepers and schools, whose pupils arrive late, and officials promised faster routes, newer vehicles and cheaper monthly tickets.",
        ]
        let o = try titleOverlap(lines)
        XCTAssertEqual(o.headline, 3)
        XCTAssertEqual(o.cover[3], 1)
        XCTAssertEqual(o.precision[3], 1)
        XCTAssertEqual(o.cover[1], 0, "the site's name is not the headline")
        XCTAssertEqual(o.cover[2], 0, "stopwords are no shared words")
        XCTAssertGreaterThanOrEqual(o.cover[4], 0.6)
        XCTAssertLessThan(o.precision[4], 0.6)
        // Without the headline line, the long paragraph holding its words is no headline.
        XCTAssertNil(try titleOverlap(Array(lines[0..<3]) + [lines[4]]).headline)
        // A title of stopwords, or of one word, has no headline words.
        for title in ["The | And", "Home"] {
            let none = try titleOverlap([title, "The and", "Home"])
            XCTAssertNil(none.headline)
            XCTAssertEqual(none.cover, [0, 0, 0])
        }
    }

    /// A block's share of its distinct content words that another prose block holds: a
    /// prose block's own words do not count for it, separators are no words, and a block
    /// without words has none (-1).
    func testProseWordShareCountsWordsOtherProseHolds() {
        let sep = BlockFeatures.separatorKey
        let blocks: [[UInt64]] = [[11, 12, 13], [11, 12, 14, 14], [17, 18], [11, sep, 19], [], [15, 16, 15]]
        let prose = [true, true, false, false, false, true]
        var content: [UInt64] = [], start = [0]
        for b in blocks {
            content += b
            start.append(content.count)
        }
        let table = ProseWordShare()
        let share = table.compute(content, start, prose: prose)
        XCTAssertEqual(share, [2.0 / 3, 2.0 / 3, 0, 0.5, -1, 0])
        // The table serves page after page: a page with some of the same words, nothing
        // carried over from the first, a bigger page, then the first page again.
        XCTAssertEqual(table.compute([13, 17, 13], [0, 1, 2, 3], prose: [true, false, false]), [0, 0, 1])
        let big = (0..<5000).map { UInt64($0 * 7 + 3) }
        let bigShare = table.compute(big + big, [0, 5000, 10000], prose: [true, true])
        XCTAssertEqual(bigShare, [1, 1])
        XCTAssertEqual(table.compute(content, start, prose: prose), share)
        XCTAssertEqual(ProseWordShare().compute(content, start, prose: [false, false, false, false, false, false]),
                       [0, 0, 0, 0, -1, 0])
    }

    /// The seeds' article lines all survive the classifier on the raw seed text, and the
    /// expected clean text passes untouched.
    func testSeedsAreNotHarmed() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".expected.txt") }.sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let expected = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let clean = run(expected)
            XCTAssertEqual(clean.string, expected, "\(name): the classifier changed the clean text: \(clean.edits.map(\.before))")
            let raw = try String(contentsOf: dir.appendingPathComponent(name.replacingOccurrences(of: ".expected", with: "")), encoding: .utf8)
            let out = run(raw).string
            for line in expected.split(separator: "\n") where raw.contains(line) {
                XCTAssertTrue(out.contains(line), "\(name): article line dropped: \(line)")
            }
        }
    }

    func testPerformanceIsLinearAndSane() {
        // A long document of menus and paragraphs classifies without trouble.
        var parts: [String] = []
        for _ in 0..<200 { parts.append("Home\nNews\nContact"); parts.append(paragraphs.joined(separator: "\n\n")) }
        let doc = run(parts.joined(separator: "\n\n"))
        XCTAssertTrue(doc.string.contains(paragraphs[0]))
    }

    /// Developer hook, skipped unless WINNOW_CLASSIFIER_DUMP=IN.jsonl:OUT.jsonl is set:
    /// writes each page's per-block p(boilerplate) to compare with fit.py --dump-heldout,
    /// or WINNOW_CLASSIFIER_BENCH=FILE.jsonl: times the stage alone over a corpus.
    func testDumpForComparison() throws {
        let env = ProcessInfo.processInfo.environment
        if let spec = env["WINNOW_CLASSIFIER_DUMP"] {
            let parts = spec.split(separator: ":").map(String.init)
            let input = try String(contentsOfFile: parts[0], encoding: .utf8)
            guard case .success(let res) = ClassifierResources.shared else { return XCTFail("no model") }
            let clf = BlockClassifier(resources: res)
            var out = ""
            for line in input.split(separator: "\n") {
                let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let raw = Array((obj["text"] as! String).utf8)
                let text = BlockClassifierStage.view(raw) ?? raw
                let blocks = BlockClassifierStage.blocks(text)
                guard !blocks.isEmpty else { continue }
                // Rule drops are places in the raw text; its blocks line up with the view's.
                let gaps = RuleDrops.gaps(obj["drops"] as? [Int] ?? [], BlockClassifierStage.blocks(raw))
                let r = text.withUnsafeBufferPointer { clf.classify($0, blocks, ruleDrops: gaps) }
                let rec: [String: Any] = ["id": obj["id"] as! String, "lang": res.model.languages[r.language],
                                          "p": r.p, "drop": r.drop]
                out += String(decoding: try JSONSerialization.data(withJSONObject: rec), as: UTF8.self) + "\n"
            }
            try out.write(toFile: parts[1], atomically: true, encoding: .utf8)
        }
        if let path = env["WINNOW_CLASSIFIER_BENCH"] {
            let input = try String(contentsOfFile: path, encoding: .utf8)
            var docs: [Document] = []
            var bytes = 0
            for line in input.split(separator: "\n") {
                let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let text = obj["text"] as! String
                bytes += text.utf8.count
                docs.append(Document(id: "b", text: text))
            }
            let stage = BlockClassifierStage()
            let start = Date()
            var dropped = 0
            for var d in docs { stage.run(&d); dropped += d.edits.count }
            let secs = Date().timeIntervalSince(start)
            print(String(format: "classifier bench: %.1f MB in %.3f s = %.1f MB/s (%d blocks dropped)",
                         Double(bytes) / 1e6, secs, Double(bytes) / 1e6 / secs, dropped))
        }
    }
}
