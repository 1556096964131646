import XCTest
@testable import Winnow

/// Issue 4, item 6: words hyphenated across line breaks and hard-wrapped paragraphs.
final class LayoutTests: XCTestCase {
    private let paragraphs = [
        "The regional water board said on Thursday that the reservoir above the valley had fallen to its lowest level in twenty years, and that farmers downstream should expect their allocations to be cut by a third from the first of next month.",
        "Engineers have been asked to inspect the old dam before the autumn rains, which forecasters expect to arrive late again this year after a dry and unusually warm summer across the whole of the south.",
        "Residents who draw water from private wells were told to report any change in taste or colour, and the board promised weekly updates on its website and in the local paper until the level recovers.",
    ]

    /// Greedy wrapping, as a mail client or a text dump does it.
    private func wrap(_ paragraph: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    func testHardWrappedParagraphsAreUnwrappedAtAnyCommonWidth() {
        for width in [60, 72, 80, 100] {
            let wrapped = paragraphs.map { wrap($0, width: width) }.joined(separator: "\n\n")
            XCTAssertGreaterThanOrEqual(wrapped.split(separator: "\n").count, 2 * paragraphs.count, "width \(width)")
            let doc = cleanDocument(wrapped)
            XCTAssertEqual(doc.string, paragraphs.joined(separator: "\n\n") + "\n", "width \(width)")
            XCTAssertTrue(doc.edits.contains { $0.rule == "layout.hard-wrap" }, "width \(width)")
        }
    }

    func testListItemsInAWrappedDocumentStayOnTheirOwnLines() {
        let items = ["- the reservoir at its lowest level in twenty years and falling", "- allocations cut by a third"]
        let wrapped = paragraphs.map { wrap($0, width: 66) }.joined(separator: "\n\n") + "\n\n" + items.joined(separator: "\n")
        let out = clean(wrapped)
        XCTAssertTrue(out.hasSuffix(items[0] + "\n\n" + items[1] + "\n"), out)
        XCTAssertTrue(out.hasPrefix(paragraphs[0] + "\n\n"), out)
    }

    /// One paragraph a line, as scraped articles come, and short lines of verse or lists
    /// are no wrapped text: nothing is joined.
    func testUnwrappedTextIsLeftAlone() {
        for text in [paragraphs.joined(separator: "\n"),
                     "Roses in the garden\nthe rain on the slate roof\nand nobody home\nbut the cat by the stove\nwaiting for spring",
                     "Opening hours\nMonday to Friday: 9 to 5\nSaturday: 10 to 2\nSunday: closed"] {
            let doc = cleanDocument(text)
            XCTAssertFalse(doc.edits.contains { $0.stage == "layout" }, text)
        }
    }

    func testHyphenatedWordAcrossALineBreakIsJoinedWhenTheWholeIsAWord() {
        let doc = cleanDocument("The auditors recom-\nmended a review of the accounts.")
        XCTAssertEqual(doc.string, "The auditors recommended a review of the accounts.\n")
        XCTAssertEqual(doc.edits.first?.rule, "layout.hyphenation")
    }

    /// A compound hyphen falls at a line's end too: when the joined form is no word,
    /// the lines are joined and the hyphen kept.
    func testCompoundHyphenIsKeptWhenTheJoinedFormIsNoWord() {
        XCTAssertEqual(clean("The state-\nowned bank was sold."), "The state-owned bank was sold.\n")
    }

    /// A word no list holds counts as a word when the document uses it whole elsewhere.
    func testTheDocumentItselfVouchesForAJoinedWord() {
        let text = "Die Stadt baut neue Kindertages-\neinrichtungen.\n\nDrei Kindertageseinrichtungen öffnen im Herbst."
        XCTAssertTrue(clean(text).hasPrefix("Die Stadt baut neue Kindertageseinrichtungen.\n"))
    }

    /// URLs, slugs and codes end in hyphens as well; a line after a dash that starts with
    /// a capital is a new line, not a word's tail.
    func testHyphensThatDoNotBreakAWordAreLeftAlone() {
        for text in ["https://example.org/news/2024/the-council-votes-\nhttps://example.org/news/2024/other-story",
                     "tras-una-semana-0000026136_de-acoso-\ntext-0000026136_tras",
                     "The vote was close -\nthe mayor abstained.",
                     "Results for the north-\nSouth comparison follow."] {
            let doc = cleanDocument(text)
            XCTAssertFalse(doc.edits.contains { $0.stage == "layout" }, text)
        }
    }
}
