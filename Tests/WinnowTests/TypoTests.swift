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

    func testRememberedDecisionsGiveTheSameEdits() {
        // One stage cleans many documents: a decision remembered from one is the same in the next.
        let stage = TypoStage()
        let text = "Bodies of men, women and chilren were found. She said she relly liked it there. " + filler
        var first = Document(id: "a", text: text), second = Document(id: "b", text: text)
        stage.run(&first)
        stage.run(&second)
        XCTAssertEqual(first.string, second.string)
        XCTAssertEqual(first.standingEdits.map(\.reason), second.standingEdits.map(\.reason))
        XCTAssertEqual(first.standingEdits.count, 2)
        var calls = 0
        let memo = ChoiceMemo()
        for _ in 0..<3 { _ = memo.choice(Array("chilren".utf8), 0) { calls += 1; return .none } }
        _ = memo.choice(Array("chilren".utf8), 2) { calls += 1; return .none }
        XCTAssertEqual(calls, 2)
    }

    func testIdempotent() {
        let once = typo("Bodies of men, women and chilren were found. " + filler).string
        XCTAssertEqual(typo(once).string, once)
    }

    func testBandedDistanceMatchesFullTable() {
        // The banded, prefix- and suffix-trimmed distance against the plain full table, on
        // random words over a small alphabet (many repeats and near misses).
        func full(_ a: [UInt8], _ b: [UInt8]) -> Int {
            let n = a.count, m = b.count
            var d = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
            for i in 0...n { d[i][0] = i }
            for j in 0...m { d[0][j] = j }
            for i in stride(from: 1, through: n, by: 1) {
                for j in stride(from: 1, through: m, by: 1) {
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[n][m]
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let a = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0x61...0x63, using: &rng) }
            let b = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0x61...0x63, using: &rng) }
            let banded = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in osaDistance(x, y, limit: 2) } }
            XCTAssertEqual(banded, min(full(a, b), 3), "\(a) \(b)")
        }
    }

    func testWeightedDistancePrefersCommonSlips() {
        let typo = Array("acomodation".utf8)
        XCTAssertLessThan(weightedDistance(typo, Array("accommodation".utf8)), 1.0)
        XCTAssertGreaterThan(weightedDistance(Array("efel".utf8), Array("feel".utf8)),
                             weightedDistance(Array("fele".utf8), Array("feel".utf8)))
    }

    // MARK: - Context: prose lines, truncation, quotations

    func testLeavesLinesThatAreNotProse() {
        // A title, a comment header and a list entry: no fixes there, though the words are slips.
        let text = "Chilren Of The Revolution Tour Dates\n"
            + "peiman September 21, 2015 at 11:16 pm\n"
            + "chilren\n" + filler
        XCTAssertEqual(typo(text).string, text)
        // The same slip in a sentence is fixed.
        let prose = "They said the chilren were safe at home with their parents. " + filler
        XCTAssertEqual(typo(prose).string, prose.replacingOccurrences(of: "chilren", with: "children"))
    }

    func testLeavesCodeLines() {
        let text = "Call the function with chilren = load(path) and the flag set to true; then return it.\n" + filler
        XCTAssertEqual(typo(text).string, text)
        let prose = "Call the function with chilren and the flag set to true, then return it.\n" + filler
        XCTAssertEqual(typo(prose).string, prose.replacingOccurrences(of: "chilren", with: "children"))
        // One identifier in a sentence does not make it code.
        let identifier = "Leave the __init__.py file blank, and the chilren modules will be imported.\n" + filler
        XCTAssertEqual(typo(identifier).string, identifier.replacingOccurrences(of: "chilren", with: "children"))
    }

    func testLeavesLinesWithForeignFunctionWords() {
        // "Der" opens a German line inside an English page: the line is left alone.
        let text = "Der Zustand danach war ein anderer, said the teacher in the class.\n"
            + "The report said that the chilren were safe and that the school was open. " + filler
        XCTAssertEqual(typo(text).string, text.replacingOccurrences(of: "chilren", with: "children"))
    }

    func testLeavesTruncatedWords() {
        let text = "Having travelled in Australia on several occasions, the chilren... and the rest. " + filler
        XCTAssertEqual(typo(text).string, text)
        let unicode = "Having travelled in Australia on several occasions, the chilren\u{2026} and the rest. " + filler
        XCTAssertEqual(typo(unicode).string, unicode)
        let whole = "Having travelled in Australia on several occasions, the chilren and the rest. " + filler
        XCTAssertEqual(typo(whole).string, whole.replacingOccurrences(of: "chilren", with: "children"))
    }

    func testLeavesQuotedMentions() {
        // A word or two in quotes is mentioned as written, not used.
        let text = "She said that the sign read \u{201C}chilren\u{201D} and that the school was closed. " + filler
        XCTAssertEqual(typo(text).string, text)
        let straight = "She said that the sign read \"no chilren\" and that the school was closed. " + filler
        XCTAssertEqual(typo(straight).string, straight)
        let used = "She said that the sign read chilren and that the school was closed. " + filler
        XCTAssertEqual(typo(used).string, used.replacingOccurrences(of: "chilren", with: "children"))
    }

    func testLeavesQuotedForeignSpeech() {
        // A quotation with other words the lists lack is speech in another language.
        let text = "She won the contest with her performance of \u{201C}Ne partez pas sans moi\u{201D} "
            + "in the spring of that year. " + filler
        XCTAssertEqual(typo(text).string, text)
        // An English quotation with a slip in it is still English.
        let english = "He told the court \"the chilren were taken from their homes by soldiers\" and then left. " + filler
        XCTAssertEqual(typo(english).string, english.replacingOccurrences(of: "chilren", with: "children"))
    }

    func testKeepsDerivedForms() {
        // Agent nouns, -ability and -ization of common stems, a singular of a listed plural.
        let text = "The influencer and the boycotters spoke about deplorability and containerization "
            + "and the telecom market with the quacker in the room. " + filler
        XCTAssertEqual(typo(text).string, text)
        XCTAssertTrue(typo(text).edits.isEmpty)
        // Spelling rules still catch slips: the doubled consonant, the dropped e, -or nouns.
        let index = WordIndex.shared!
        XCTAssertFalse(isKnownForm(Array("transfering".utf8), index))
        XCTAssertFalse(isKnownForm(Array("challengeing".utf8), index))
        XCTAssertFalse(isKnownForm(Array("professer".utf8), index))
        XCTAssertTrue(isKnownForm(Array("influencers".utf8), index))
        XCTAssertTrue(isKnownForm(Array("deplorability".utf8), index))
        XCTAssertTrue(isKnownForm(Array("telecom".utf8), index))
        XCTAssertFalse(isKnownForm(Array("tornadoe".utf8), index))
        // Participles of a listed stem ("coffered" became "covered"), unless a spelling
        // rule says the regular form is another ("occured": "occurred").
        XCTAssertTrue(isKnownForm(Array("coffered".utf8), index))
        XCTAssertFalse(isKnownForm(Array("occured".utf8), index))
        XCTAssertFalse(isKnownForm(Array("stoping".utf8), index))
        let ceiling = "The hall has coffered ceilings and a brass screen from the old bank, said the owner. " + filler
        XCTAssertEqual(typo(ceiling).string, ceiling)
    }

    func testRareCorrectionsNotMade() {
        // The nearest words are rare ("kafir", "matzoh"): the unknown word is more likely a
        // word the lists lack than a slip.
        let text = "For vegans, coconut kefir offers similar benefits, and the soft matzah sold well. " + filler
        XCTAssertEqual(typo(text).string, text)
    }

    func testLeavesNamePartsAndHyphenatedNames() {
        // The second word of a species or a name, and a part of a hyphenated name.
        let text = "The Redonda tree lizard (Anolis nubilis) was seen on the island again this year. " + filler
        XCTAssertEqual(typo(text).string, text)
        let package = "To build it, make sure that you have the zlib-develp package on the system. " + filler
        XCTAssertEqual(typo(package).string, package)
        let both = "To build it, make sure that you have the supra-instutional package on the system. " + filler
        XCTAssertEqual(typo(both).string, both.replacingOccurrences(of: "instutional", with: "institutional"))
    }

    // MARK: - Bigram evidence

    func testBigramEvidenceDecidesCloseCandidates() throws {
        let index = try XCTUnwrap(WordIndex.shared)
        let bigrams = try XCTUnwrap(BigramTable.shared, "bigram list not found")
        let h = { (w: String) in Array(w.utf8).withUnsafeBufferPointer { hashBytes($0, 0, $0.count) } }
        XCTAssertTrue(bigrams.contains(h("the"), h("following")))
        XCTAssertFalse(bigrams.contains(h("zebra"), h("the")))
        XCTAssertGreaterThan(bigrams.count, 200_000)
        let small = BigramTable(pairs: [("New", "York"), ("of", "the")])
        XCTAssertTrue(small.contains(h("new"), h("york")))
        XCTAssertTrue(small.contains(h("of"), h("the")))
        XCTAssertFalse(small.contains(h("york"), h("new")))
        // "relly": really, rely and reply are too close on spelling alone.
        let ranker = TypoRanker()
        let typo = Array("relly".utf8)
        guard case .none = ranker.choose(typo, index: index) else {
            return XCTFail("spelling alone should not decide 'relly'")
        }
        var context = TypoContext()
        context.previous = h("she")
        context.next = h("liked")
        guard case .fix(let best, _, _) = ranker.choose(typo, index: index, context: context) else {
            return XCTFail("the neighbours should decide between the close candidates of 'relly'")
        }
        XCTAssertEqual(String(decoding: best.word, as: UTF8.self), "really")
        XCTAssertEqual(best.evidence, ["bigrams"])
        // Neighbours that pair with none of them decide nothing.
        context.previous = h("zebra")
        context.next = h("zebra")
        guard case .none = ranker.choose(typo, index: index, context: context) else {
            return XCTFail("neighbours without bigrams should not decide")
        }
    }

    func testBigramEvidenceInText() {
        let text = "She said she relly liked the new school and the teachers there. " + filler
        let doc = typo(text)
        XCTAssertEqual(doc.string, text.replacingOccurrences(of: "relly", with: "really"))
        XCTAssertTrue(doc.standingEdits.first?.reason.contains("bigrams") ?? false, "\(doc.standingEdits)")
    }

    func testDocumentBigramDecides() {
        // "certans": curtains, cartons, cretans are too close on spelling; the document has
        // "curtains were" elsewhere, which settles it.
        let text = "The new curtains were hung in the hall. Then the old certans were taken down by the staff. " + filler
        let doc = typo(text)
        XCTAssertEqual(doc.string, text.replacingOccurrences(of: "certans", with: "curtains"))
        XCTAssertTrue(doc.standingEdits.first?.reason.contains("document bigram") ?? false, "\(doc.standingEdits)")
    }

    func testLeavesPrefixedNames() {
        // A known word with one letter more in front is a name made with a prefix.
        let text = "This iframe contains the logic, and stable async support came to the language later. " + filler
        XCTAssertEqual(typo(text).string, text)
        // A letter missing inside is still a slip.
        let slip = "This fame contains the logic, and stable asyncronous support came to the language later. " + filler
        XCTAssertNotEqual(typo(slip).string, slip)
    }

    func testCostlyCorrectionNeedsANeighbour() {
        // "huhzband" is far from "husband" (cost 1.7): made beside "his", not beside a word
        // that never precedes or follows it.
        let paired = "New York is where he lives with his huhzband and his cat Stella these days. " + filler
        XCTAssertEqual(typo(paired).string, paired.replacingOccurrences(of: "huhzband", with: "husband"))
        let alone = "New York is where he lives with zebra huhzband zebra and the cat Stella these days. " + filler
        XCTAssertEqual(typo(alone).string, alone)
    }

    func testContextNeverOverridesClearSpelling() {
        // With no close runner-up the spelling decides, whatever the neighbours.
        let ranker = TypoRanker()
        let index = WordIndex.shared!
        guard case .fix(let plain, _, _) = ranker.choose(Array("chilren".utf8), index: index) else {
            return XCTFail("chilren should be fixed on spelling alone")
        }
        XCTAssertEqual(String(decoding: plain.word, as: UTF8.self), "children")
    }
}
