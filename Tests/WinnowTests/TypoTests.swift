import Foundation
import XCTest
@testable import Winnow

final class TypoTests: XCTestCase {
    /// Runs the typo stage alone on `text`.
    private func typo(_ text: String) -> Document {
        var doc = Document(id: "test", text: text)
        TypoStage().run(&doc)
        return doc
    }

    private let filler = "The report was published on Monday and the minister said the findings were serious."

    func testWordListsLoad() throws {
        let index = try XCTUnwrap(WordIndex.shared, "word lists not found")
        XCTAssertGreaterThan(index.wordCount, 80_000)
        XCTAssertTrue(index.isKnown(Array("children".utf8)))
        XCTAssertTrue(index.isKnown(Array("desiccate".utf8)))
        XCTAssertFalse(index.isKnown(Array("chilren".utf8)))
    }

    func testSymmetricDeleteCandidates() throws {
        let index = try XCTUnwrap(WordIndex.shared)
        let found = index.candidates(Array("enaged".utf8)).map { String(decoding: index.word($0.id), as: UTF8.self) }
        XCTAssertTrue(found.contains("engaged"))
        XCTAssertTrue(found.contains("enraged"))
        let far = index.candidates(Array("atrocties".utf8))
        XCTAssertTrue(far.contains { index.word($0.id) == Array("atrocities".utf8) && $0.distance == 1 })
    }

    func testFixesTypos() {
        let doc = typo("Russian forces had enaged in war crimes. Bodies of men, women and chilren were found. "
                       + "Reports of atrocties continued. " + filler)
        XCTAssertEqual(doc.string, "Russian forces had engaged in war crimes. Bodies of men, women and children were found. "
                       + "Reports of atrocities continued. " + filler)
        let edits = doc.standingEdits
        XCTAssertEqual(edits.count, 3)
        XCTAssertTrue(edits.allSatisfy { $0.rule == "typo.dictionary" && $0.kind == .replace && $0.stage == "typo" })
        XCTAssertTrue(edits[0].reason.contains("engaged (d1"), edits[0].reason)
    }

    func testSentenceStartLeftUnlessAsked() {
        // A capitalised word opening a sentence is mostly a name; fixed only when asked.
        XCTAssertEqual(typo("Chilren were found. " + filler).string, "Chilren were found. " + filler)
        var ranker = TypoRanker()
        ranker.fixSentenceStart = true
        var doc = Document(id: "test", text: "Chilren were found. " + filler)
        TypoStage(ranker: ranker).run(&doc)
        XCTAssertEqual(doc.string, "Children were found. " + filler)
    }

    func testKeepsForeignWordsInEnglishText() {
        let text = "The menu listed elotes con queso and the famille de la mer for dinner. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testKeepsRegularFormsOfKnownWords() {
        // Plurals, British spellings and compounds of common words are not typos.
        let text = "The codebase has executables, and the council democratised the neighbourhood. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testKeepsCorrectRareWords() {
        let text = "The desiccated lichen and the obsequious sycophant were defenestrated. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testKeepsNamesAcronymsDigitsAndAddresses() {
        let text = "Zelenskyy met Navalnaya in Kyiv. The NATO and UNHCR teams, COVID19 data, covid-19, "
            + "the b2b portal, https://exmaple.com/artcle, www.exmaple.org, mail reporter@newsroon.com, "
            + "follow @jounralist and #breakingnewz. " + filler
        let doc = typo(text)
        XCTAssertEqual(doc.string, text)
        XCTAssertTrue(doc.edits.isEmpty, "\(doc.edits)")
    }

    func testKeepsCapitalisedWordInsideSentence() {
        let text = "We spoke to Mrs Hollingwort at the Stonebrige centre. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testKeepsWordUsedTwice() {
        let text = "The grantee wrote about the vaxxers. Later the vaxxers answered. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testKeepsAmbiguousTypos() {
        // "ther" is short and could be there, their, other: left alone.
        let text = "He said ther was nothing left. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testKeepsForeignDocument() {
        let text = "Die geplanten Tariferhöhungen stehen bevor, damit müssen viele Clubbesitzer schliessen, "
            + "sagte der Sprecher und verwies auf die Versammlung der Betreiber im vergangenen Jahr."
        XCTAssertEqual(typo(text).string, text)
    }

    func testNameNearMiss() {
        let text = "The court also issued a warrant for Maria Lvova-Belova, the commissioner.\n"
            + "Lvova-Bela has been the public face of the effort. " + filler
        let doc = typo(text)
        XCTAssertEqual(doc.string, text.replacingOccurrences(of: "Lvova-Bela has", with: "Lvova-Belova has"))
        XCTAssertEqual(doc.standingEdits.map(\.rule), ["typo.name"])
    }

    func testNameNearMissNeedsLongName() {
        // "Kahn" and "Khan" are different people; short names are never merged.
        let text = "Sadiq Khan met Khan aides and Khan advisers before Kahn arrived. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testDistinctNamesKept() {
        // Both spellings are real and used as often: nothing is merged.
        let text = "Maria Petersen spoke first. Then Anna Peterson replied. " + filler
        XCTAssertEqual(typo(text).string, text)
        // A short form of a name is another name, not a slip.
        let short = "Jennifer Lawson and Nicholson met. Later Jenni and Nichol left. " + filler
        XCTAssertEqual(typo(short).string, short)
    }

    func testIdempotent() {
        let once = typo("Bodies of men, women and chilren were found. " + filler).string
        XCTAssertEqual(typo(once).string, once)
    }

    func testWeightedDistancePrefersCommonSlips() {
        let typo = Array("acomodation".utf8)
        XCTAssertLessThan(weightedDistance(typo, Array("accommodation".utf8)), 1.0)
        XCTAssertGreaterThan(weightedDistance(Array("efel".utf8), Array("feel".utf8)),
                             weightedDistance(Array("fele".utf8), Array("feel".utf8)))
    }
}
