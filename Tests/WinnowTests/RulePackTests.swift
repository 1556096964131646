import XCTest
@testable import Winnow

/// Rule packs are data: checked when loaded, rejected with the rule and the problem.
final class RulePackTests: XCTestCase {
    func testBuiltinPacksLoadAndEveryRuleHasAnIdCategoryAndReason() throws {
        let packs = try BuiltinRules.load()
        XCTAssertGreaterThanOrEqual(packs.count, 5)
        for pack in packs {
            for rule in pack.rules {
                XCTAssertFalse(rule.reason.isEmpty, rule.id)
                XCTAssertTrue(rule.id.contains("."), rule.id)
            }
        }
    }

    func testPackMissingAPatternIsRejectedNamingTheRule() {
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.empty\n    scope: block\n    reason: nothing\n"
        XCTAssertThrowsError(try RulePack.parse(yaml, source: "mine.yaml")) { error in
            XCTAssertEqual("\(error)", "mine.yaml: rule mine.empty: scope block needs a pattern")
        }
    }

    func testPatternThatDoesNotCompileIsRejectedNamingTheRule() throws {
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.bad\n    scope: block\n    reason: r\n    pattern: '(unclosed'\n"
        let pack = try RulePack.parse(yaml, source: "mine.yaml")
        XCTAssertThrowsError(try Pipeline(configuration: Configuration(), packs: [pack])) { error in
            XCTAssertTrue("\(error)".contains("rule mine.bad: pattern does not compile"), "\(error)")
        }
    }

    /// Every pattern of the shipped packs compiles: they are compiled on first use, so a
    /// broken one would otherwise show only as a finding when a page first needs it. (A
    /// fragment reference left unexpanded, `(?&name)`, would not compile either.)
    func testEveryShippedPatternCompiles() throws {
        var count = 0
        for pack in try BuiltinRules.load() {
            for rule in pack.rules {
                for p in (rule.pattern.map { [$0] } ?? []) + (rule.patterns ?? []) + [rule.start, rule.end].compactMap({ $0 }) {
                    XCTAssertNoThrow(try ICURegex(p), rule.id)
                    count += 1
                }
            }
        }
        XCTAssertGreaterThan(count, 140)
    }

    /// The pass reads every typographic quote as the ASCII quote it folds to, and an
    /// ellipsis as three dots (`UTF16Text`), so a pattern holding one could never match it:
    /// an alternative of it is dead and a class member redundant. Patterns are written with
    /// the ASCII forms. (`requires` literals are found in the text as it is, so they may
    /// hold typographic quotes.)
    func testNoShippedPatternHoldsAQuoteThePassFolds() throws {
        for pack in try BuiltinRules.load() {
            for rule in pack.rules {
                for p in (rule.pattern.map { [$0] } ?? []) + (rule.patterns ?? []) + [rule.start, rule.end].compactMap({ $0 }) {
                    let folded = p.unicodeScalars.filter { foldedQuoteUnit($0.value) != $0.value || $0.value == 0x2026 }
                    XCTAssertTrue(folded.isEmpty, "\(rule.id): \(String(String.UnicodeScalarView(folded)))")
                }
            }
        }
    }

    /// The shipped packs compile each pattern on its first match; a pack the user names
    /// is compiled when the pipeline is made, so its errors come first.
    func testOnlyTheShippedPacksCompileOnFirstUse() throws {
        XCTAssertTrue(try BuiltinRules.load().allSatisfy(\.compilesOnFirstUse))
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.ok\n    scope: block\n    reason: r\n    pattern: 'x'\n"
        XCTAssertFalse(try RulePack.parse(yaml, source: "mine.yaml").compilesOnFirstUse)
    }

    /// A deferred pattern that does not compile fails where it is first matched: the rule
    /// is skipped with a finding naming it, and the document still comes out.
    func testDeferredPatternThatDoesNotCompileIsSkippedWithAFinding() throws {
        XCTAssertThrowsError(try ICURegex("(unclosed"))
        let lazy = try ICURegex("(unclosed", deferred: true)
        XCTAssertThrowsError(try [UInt8]("text".utf8).withUnsafeBufferPointer { try lazy.run($0, 0..<4, mode: .find) }) { error in
            XCTAssertTrue(error is ICURegex.CompileError, "\(error)")
        }
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.bad\n    scope: block\n    reason: r\n    pattern: '(unclosed'\n"
        var pack = try RulePack.parse(yaml, source: "mine.yaml")
        pack.compilesOnFirstUse = true
        let pipeline = try Pipeline(configuration: Configuration(), packs: [pack])
        var doc = Document(id: "d", text: "Real text stays here.")
        pipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, "Real text stays here.\n")
        XCTAssertTrue(doc.findings.contains { $0.contains("mine.bad") && $0.contains("does not compile") }, "\(doc.findings)")
    }

    /// Clones of a deferred pattern, each compiled from the one shared prototype on
    /// several threads at once, match as a pattern compiled at once does.
    func testClonesOfADeferredPatternMatchAlikeOnEveryThread() throws {
        let pattern = "(?i)(?:photo|foto)\\s*:\\s*(?<value>\\p{Lu}[\\p{L}. ]{1,40})$"
        let eager = try ICURegex(pattern)
        let lazy = try ICURegex(pattern, deferred: true)
        let lines = ["Der Hafen am Morgen. Foto: Anna Berg", "No credit in this line.", "PHOTO: Lee Kim"]
        func run(_ re: ICURegex, _ line: String) -> [Int] {
            let bytes = Array(line.utf8)
            let m = bytes.withUnsafeBufferPointer { try? re.run($0, 0..<$0.count, mode: .find) }
            return m.flatMap { $0 }.map { [$0.range.lowerBound, $0.range.upperBound, $0.value?.lowerBound ?? -1] } ?? []
        }
        let expected = lines.map { run(eager, $0) }
        XCTAssertEqual(expected[1], [])
        XCTAssertNotEqual(expected[0], [])
        let results = UnsafeMutableBufferPointer<[[Int]]>.allocate(capacity: 8)
        defer { results.deallocate() }
        let clones = (0..<8).map { _ in lazy.clone() }
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            (results.baseAddress! + k).initialize(to: lines.map { run(clones[k], $0) })
        }
        for k in 0..<8 { XCTAssertEqual(results[k], expected, "clone \(k)") }
        XCTAssertEqual(lazy.valueGroup, eager.valueGroup)
    }

    func testUnknownScopeIsRejected() {
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.s\n    scope: page\n    reason: r\n    pattern: x\n"
        XCTAssertThrowsError(try RulePack.parse(yaml, source: "mine.yaml"))
    }

    func testUserPackRemovesItsKindOfBlock() throws {
        let yaml = """
        pack: house
        category: promo
        rules:
          - id: house.podcast
            scope: block
            reason: a podcast promotion
            pattern: '(?i)listen to our podcast\\b.*'
        """
        let pack = try RulePack.parse(yaml, source: "house.yaml")
        let pipeline = try Pipeline(configuration: Configuration(), packs: try BuiltinRules.load() + [pack])
        XCTAssertEqual(pipeline.makeCleaner().clean("Listen to our podcast every Friday\n\nReal text stays here."), "Real text stays here.\n")
    }

    func testCatastrophicPatternIsStoppedAndTheDocumentStillComesOut() throws {
        let yaml = "pack: slow\ncategory: x\nrules:\n  - id: slow.backtrack\n    scope: block\n    reason: r\n    pattern: '(a+)+$'\n"
        let pack = try RulePack.parse(yaml, source: "slow.yaml")
        let pipeline = try Pipeline(configuration: Configuration(), packs: [pack])
        var doc = Document(id: "d", text: String(repeating: "a", count: 40) + "!")
        pipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, String(repeating: "a", count: 40) + "!\n")
        XCTAssertTrue(doc.findings.contains { $0.contains("slow.backtrack") }, "\(doc.findings)")
    }

    func testConfigurationFileTurnsStagesAndRulesOff() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-config-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("winnow.yaml").path
        try "stages:\n  canonical: false\nrules:\n  disable: [ui.lone-glyph]\ntypography: keep\n".write(toFile: path, atomically: true, encoding: .utf8)
        let config = try Configuration.load(path: path)
        XCTAssertEqual(config.stages["canonical"], false)
        XCTAssertTrue(config.isDisabled(rule: "ui.lone-glyph", pack: "widgets"))
        XCTAssertTrue(config.keepTypography)
        try "stages:\n  nonsense: true\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Configuration.load(path: path))
    }
}
