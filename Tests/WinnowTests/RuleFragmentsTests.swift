import XCTest
@testable import Winnow

/// Named sub-patterns (`fragments:`) are written once and used by any pack loaded with
/// the one that defines them; every reference must resolve.
final class RuleFragmentsTests: XCTestCase {
    private func pack(_ yaml: String, _ source: String = "mine.yaml") throws -> RulePack {
        try RulePack.parse(yaml, source: source)
    }

    private func clean(_ text: String, _ packs: [RulePack]) throws -> String {
        try Pipeline(configuration: Configuration(), packs: packs).makeCleaner().clean(text)
    }

    private let greetings = """
    pack: mine
    category: x
    fragments:
      - name: greeting
        pattern: 'hello|hi'
      - name: salutation
        pattern: '(?&greeting),? (?:friends|all)'
    rules:
      - id: mine.greeting
        scope: block
        reason: a greeting
        pattern: '(?i)(?&greeting) there'
      - id: mine.salutation
        scope: block
        reason: a salutation
        pattern: '(?i)(?&salutation)!'

    """

    /// A reference stands for the fragment as a group of its own: "hello|hi" before
    /// " there" must not leave a bare "hello" as an alternative of the whole pattern.
    func testReferenceMatchesAsAGroupOfItsOwn() throws {
        let packs = [try pack(greetings)]
        XCTAssertEqual(try clean("Hi there\n\nReal text stays here.", packs), "Real text stays here.\n")
        XCTAssertEqual(try clean("Hello\n\nReal text stays here.", packs), "Hello\n\nReal text stays here.\n")
    }

    func testFragmentMayUseAnotherFragment() throws {
        let packs = [try pack(greetings)]
        XCTAssertEqual(try clean("Hello, friends!\n\nReal text stays here.", packs), "Real text stays here.\n")
        XCTAssertEqual(try clean("Hello, enemies!\n\nReal text stays here.", packs), "Hello, enemies!\n\nReal text stays here.\n")
    }

    /// A user's pack may use the shipped packs' date fragment without writing it out.
    func testUserPackUsesAShippedFragment() throws {
        let house = try pack("""
        pack: house
        category: promo
        rules:
          - id: house.archived
            scope: block
            reason: an archive note
            pattern: '(?i)archived\\s*:?\\s*(?&date)'
        """, "house.yaml")
        // The shipped packs' fragments without their rules: only the house rule can drop.
        let shipped = try BuiltinRules.load().map { p -> RulePack in
            var p = p
            p.rules = []
            return p
        }
        XCTAssertTrue(shipped.contains { $0.fragments?.contains { $0.name == "date" } == true })
        for dated in ["Archived: 12. März 2024", "Archived March 12th, 2024", "archived 2024-03-12"] {
            XCTAssertEqual(try clean("\(dated)\n\nReal text stays here.", shipped + [house]), "Real text stays here.\n", dated)
        }
        XCTAssertEqual(try clean("Archived: the spring issue\n\nReal text stays here.", shipped + [house]),
                       "Archived: the spring issue\n\nReal text stays here.\n")
    }

    func testUnknownFragmentIsRejectedNamingTheRule() throws {
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.x\n    scope: block\n    reason: r\n    pattern: 'a(?&nope)'\n"
        XCTAssertThrowsError(try Pipeline(configuration: Configuration(), packs: [try pack(yaml)])) { error in
            XCTAssertEqual("\(error)", "mine: rule mine.x: unknown fragment 'nope'")
        }
    }

    func testFragmentsReferringToEachOtherInACircleAreRejected() throws {
        let yaml = """
        pack: mine
        category: x
        fragments:
          - name: a
            pattern: 'x(?&b)'
          - name: b
            pattern: 'y(?&a)'
        rules:
          - id: mine.x
            scope: block
            reason: r
            pattern: '(?&a)'
        """
        XCTAssertThrowsError(try Pipeline(configuration: Configuration(), packs: [try pack(yaml)])) { error in
            XCTAssertTrue("\(error)".contains("refers to itself (a → b → a)"), "\(error)")
        }
    }

    func testOneNameDefinedDifferentlyByTwoPacksIsRejected() throws {
        let first = try pack("pack: one\ncategory: x\nfragments:\n  - name: day\n    pattern: 'mon|tue'\nrules: []\n")
        let second = try pack("pack: two\ncategory: x\nfragments:\n  - name: day\n    pattern: 'montag'\nrules: []\n")
        XCTAssertThrowsError(try Pipeline(configuration: Configuration(), packs: [first, second])) { error in
            XCTAssertEqual("\(error)", "two: fragment 'day' is already defined differently by pack one")
        }
        XCTAssertNoThrow(try Pipeline(configuration: Configuration(), packs: [first, first]))
    }

    func testFragmentNameMustBeLowerCaseLettersDigitsAndHyphens() throws {
        let yaml = "pack: mine\ncategory: x\nfragments:\n  - name: 'Day Name'\n    pattern: 'mon'\nrules: []\n"
        XCTAssertThrowsError(try Pipeline(configuration: Configuration(), packs: [try pack(yaml)])) { error in
            XCTAssertTrue("\(error)".contains("fragment 'Day Name'"), "\(error)")
        }
    }
}
