import XCTest
@testable import Winnow

/// Each rule family removes its kind of leftover, and leaves article text that merely
/// resembles it (the traps) untouched.
final class BoilerplateTests: XCTestCase {
    private let article = "The council voted on Tuesday to expand the bus network, a decision that officials said would cost about four million over five years."

    /// Cleans `article`, `line`, `article` and returns the rule that removed `line`, or nil if kept.
    private func removal(_ line: String) -> String? {
        let doc = cleanDocument("\(article)\n\n\(line)\n\n\(article)")
        if doc.string.contains(line.trimmingCharacters(in: .whitespaces)) { return nil }
        return doc.edits.first { $0.stage == "boilerplate" }?.rule
    }

    private func assertKept(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) {
        let out = clean("\(article)\n\n\(line)\n\n\(article)")
        XCTAssertEqual(out, "\(article)\n\n\(clean(line).dropLast())\n\n\(article)\n", file: file, line: lineNo)
    }

    func testCaptionsWithCredits() {
        XCTAssertEqual(removal("The mayor at the opening in Leeds, England, on May 2, 2022. File Jane Doe / Getty Images"), "caption.photographer-agency")
        XCTAssertEqual(removal("The court building in The Hague.Credit…John Smith/Associated Press"), "caption.credit-marker")
        XCTAssertEqual(removal("Firefighters at the scene of the blaze in Lyon. Reuters"), "caption.agency")
        XCTAssertEqual(removal("Rescue workers search the rubble in Kharkiv. Kharkiv.gov.ua"), "caption.web-address")
    }

    func testCreditsAreKeptAsMetadata() {
        let doc = cleanDocument("\(article)\n\nThe bridge at dawn. Photo: Ana Lopez/EPA\n")
        XCTAssertEqual(doc.kept["credits"], ["Ana Lopez/EPA"])
    }

    func testReadMoreLinks() {
        XCTAssertEqual(removal("READ MORE: Leaders to meet in Paris next week to discuss trade"), "related.labelled-link")
        XCTAssertEqual(removal("Related: Five things to know about the budget"), "related.labelled-link")
        XCTAssertEqual(removal("Read more"), "related.more-button")
    }

    func testBylinesAreRemovedAndKept() {
        let doc = cleanDocument("\(article)\n\nBy guest author Jane Q. Public from the Daily Example.\n\n\(article)\n\nBy Anna Berg and Tom Lee\n")
        XCTAssertEqual(doc.kept["bylines"], ["Jane Q. Public", "Anna Berg and Tom Lee"])
        XCTAssertEqual(doc.string, "\(article)\n\n\(article)\n")
    }

    func testLabelAndDatePrefixesAreStripped() {
        let doc = cleanDocument("BREAKING NEWS: The storm reached the coast overnight.\n\n date 2024-05-01 Officials said roads were closed.")
        XCTAssertEqual(doc.string, "The storm reached the coast overnight.\n\nOfficials said roads were closed.\n")
        XCTAssertEqual(doc.kept["dates"], ["2024-05-01"])
    }

    func testLoneGlyphsAndButtons() {
        XCTAssertEqual(removal("×"), "ui.lone-glyph")
        XCTAssertEqual(removal("Support us"), "appeal.button")
    }

    func testAppealWidgetIsDroppedAsARun() {
        let widget = "Enjoying this story?\nYour support keeps our newsroom independent.\nOnce\nMonthly\nAnnual\nRemind me later"
        let out = clean("\(widget)\n\n\(article)")
        XCTAssertEqual(out, "\(article)\n")
    }

    func testAppealLetterIsDroppedFromGreetingToClose() {
        let letter = [
            "A note from the editors:", "Dear readers,",
            "Independent reporting costs money, and advertising no longer pays for it.",
            "Everything we publish is free to read because people like you chip in.",
            "Thank you for your support.",
        ].joined(separator: "\n\n")
        XCTAssertEqual(clean("\(article)\n\n\(letter)\n\n\(article)"), "\(article)\n\n\(article)\n")
    }

    func testEditorialNote() {
        XCTAssertEqual(removal("This story has been updated to include a statement from the ministry."), "editorial.update-note")
    }

    // MARK: - Traps: article text that must pass untouched

    func testArticleSentencesThatResembleBoilerplateStay() {
        assertKept("Read more about the history of the canal in the city archive, which opened last year.")
        assertKept("By the end of the decade, the city expects the population to double.")
        assertKept("By Friday, Ukraine had received the first deliveries of the new equipment.")
        assertKept("The charity said donations had fallen by a third, and asked residents to support its food bank.")
        assertKept("Photographs from the period show the square crowded with market stalls.")
        assertKept("Why?")
        assertKept("\"We will not stop,\" she said.")
        assertKept("Dear readers of this column will remember the debate of 2019.")
        assertKept("Updated figures released on Monday show unemployment fell to 4.1 percent.")
    }

    func testOneMatchingLineDoesNotMakeARun() {
        let list = "Ingredients:\nOnce the oven is hot, add the bread.\nTwo eggs\nA pinch of salt"
        XCTAssertEqual(clean("\(list)\n\n\(article)"), "\(list.replacingOccurrences(of: "\n", with: "\n\n"))\n\n\(article)\n")
    }

    func testDisabledRuleDoesNotRun() {
        var config = Configuration()
        config.disabledRules = ["related."]
        XCTAssertEqual(clean("READ MORE: A story elsewhere\n\n\(article)", configuration: config),
                       "READ MORE: A story elsewhere\n\n\(article)\n")
    }

    func testDisabledStageDoesNotRun() {
        var config = Configuration()
        config.stages["boilerplate"] = false
        XCTAssertEqual(clean("Read more\n\n\(article)", configuration: config), "Read more\n\n\(article)\n")
    }
}
