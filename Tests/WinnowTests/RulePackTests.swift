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
