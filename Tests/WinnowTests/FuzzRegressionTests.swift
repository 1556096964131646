import Foundation
import XCTest
@testable import Winnow
import WinnowInvariants

/// Inputs on which `tools/fuzz` found a broken invariant, kept so the bug stays fixed.
///
/// Every file under `Fixtures/fuzz/` (raw bytes, named after the bug) goes through the
/// default pipeline and must satisfy the fuzz target's invariants (`Invariants`); each
/// bug also has a test of its own that states the behaviour the fix restored.
final class FuzzRegressionTests: XCTestCase {
    static let fixtures = repoRoot.appendingPathComponent("Tests/WinnowTests/Fixtures/fuzz")

    func testEveryFuzzFindingNowKeepsTheInvariants() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.fixtures, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
        XCTAssertFalse(files.isEmpty, "no fixtures under \(Self.fixtures.path)")
        let cleaner = sharedPipeline.makeCleaner()
        for file in files {
            let input = [UInt8](try Data(contentsOf: file))
            XCTAssertEqual(Invariants.violations(of: input, cleaner: cleaner), [], file.lastPathComponent)
            XCTAssertEqual(Invariants.recordViolations(of: input), [], file.lastPathComponent)
        }
    }

    /// A fuzz finding: a line with a "©" a word under `copyright.line`'s 60 with its French
    /// guillemets folded, and a word over with them standing apart, was kept by the first
    /// cleaning and dropped by the second. Blocks count words as the output will have them.
    func testGuillemetsWithTheirSpacesCountAsCanonicalTextCountsThem() {
        let blocks = segmentBlocks(Array("Il a dit « Oui » hier.\nAccueil » Sport\n".utf8))
        XCTAssertEqual(blocks.map(\.words), [5, 3])
        let filler = Array(repeating: "mot", count: 57).joined(separator: " ")
        let line = "Texte © « \(filler) » fin."
        let once = clean("Un premier paragraphe de l’article, assez long pour compter comme prose.\n\n\(line)\n")
        XCTAssertEqual(clean(once), once)
    }

    /// The three readings of a record agree on records read and refused alike: escapes
    /// and surrogates, a text key spelt with an escape, a winnow field to replace, nesting,
    /// and broken strings, escapes, structure and trailing data.
    /// The classifier reads the text with quotes folded as the canonical stage will fold
    /// them; French guillemets fold with the spaces inside them, so the first cleaning
    /// must read "« Oui »" as the second reads "\"Oui\"" (a fuzz finding: a page's
    /// guard came out differently on the second cleaning).
    func testTheClassifiersViewFoldsGuillemetsWithTheirSpaces() {
        let view = BlockClassifierStage.view(Array("Il a dit « Oui » hier, puis « non ».".utf8))
        XCTAssertEqual(view.map { String(decoding: $0, as: UTF8.self) }, "Il a dit \"Oui\" hier, puis \"non\".")
        XCTAssertEqual(BlockClassifierStage.view(Array("Accueil » Sport » Football".utf8)).map { String(decoding: $0, as: UTF8.self) },
                       "Accueil \" Sport \" Football")
    }

    func testRecordReadingsAgree() {
        for line in [#"{"id":7,"url":"https://x.org/a","text":"A \u00e9 \ud83d\ude00 \"q\"\n","n":[1.5e3,true,null]}"#,
                     #"{"html":"<p class=\"x\">caf\u00e9<\/p>","winnow":{"a":["b"]},"t\u0065xt":"A story.\r\n"}"#,
                     #"{"text":"a","tags":[{"text":"nested"},"\ud800 lone"]}"#, #"{"text":"x"}"#,
                     #"{"text":"bad \q escape"}"#, #"{"html":"bad \u12G4","text":"a"}"#, "{\"html\":\"a\u{01}b\",\"text\":\"a\"}",
                     #"{"text":"unterminated}"#, #"{"text":"a"} trailing"#, #"["text"]"#, #"{"text":1}"#, ""] {
            XCTAssertEqual(Invariants.recordViolations(of: Array(line.utf8)), [], line)
        }
    }

    /// A record with two texts is refused by the whole-line reading as by the streamed
    /// ones (the whole line took the last; a fuzz finding of 2026-12-06).
    func testARecordWithItsTextTwiceIsRefusedByEveryReading() {
        let line = Array(#"{"text":"a","html":"<p>","t\u0065xt":"b"}"#.utf8)
        XCTAssertThrowsError(try JSONRecord(line)) { error in
            XCTAssertEqual("\(error)", #"field "text" appears twice"#)
        }
        XCTAssertEqual(Invariants.recordViolations(of: line), [])
    }

    /// The invariants themselves catch what they claim to (else a passing fuzz run means nothing).
    func testInvariantsNoticeBrokenOutput() {
        XCTAssertFalse(Invariants.outputViolations(Array("a  b\n".utf8)).isEmpty, "two spaces")
        XCTAssertFalse(Invariants.outputViolations(Array("a\nb\n".utf8)).isEmpty, "single line break")
        XCTAssertFalse(Invariants.outputViolations(Array("a\n\n\nb\n".utf8)).isEmpty, "two blank lines")
        XCTAssertFalse(Invariants.outputViolations(Array("a".utf8)).isEmpty, "no final line break")
        XCTAssertFalse(Invariants.outputViolations(Array("e\u{301}\n".utf8)).isEmpty, "not NFC")
        XCTAssertFalse(Invariants.outputViolations(Array("a\u{200B}b\n".utf8)).isEmpty, "zero-width space")
        XCTAssertFalse(Invariants.outputViolations(Array("\u{201C}a\u{201D}\n".utf8)).isEmpty, "curly quotes")
        XCTAssertFalse(Invariants.outputViolations([0x61, 0xFF, 0x0A]).isEmpty, "invalid UTF-8")
        XCTAssertEqual(Invariants.outputViolations(Array("caf\u{E9} \u{1F469}\u{200D}\u{1F4BB}\n\nb\n".utf8)), [])
        XCTAssertEqual(Invariants.outputViolations([]), [])
    }

    // MARK: - One test per finding

    /// `mojibake-across-lone-carriage-return`: Unicode repair read a carriage return alone
    /// as white space inside a line, so "â€œ" was judged beside the words of the line
    /// before it and left; every later stage broke the line there, and cleaning the output
    /// judged "â€œ" at a line's start and repaired it. A lone carriage return is now the line
    /// feed it stands for before any per-line pass reads the text.
    func testALoneCarriageReturnEndsTheLineMojibakeRepairReads() {
        var doc = Document(id: "cr", text: "one\rtwo\r\nthree\r")
        UnicodeStage().run(&doc)
        XCTAssertEqual(doc.string, "one\ntwo\r\nthree\n")
        XCTAssertEqual(doc.edits.map(\.rule), ["unicode.line-break", "unicode.line-break"])
        // The mojibake of a quote at a line's start is judged alike whichever line end came before it.
        let tail = "\u{E2}\u{20AC}\u{153}Hello there, friends\u{E2}\u{20AC}\u{9D} she said."
        XCTAssertEqual(clean("Dobr\u{FD} den.\r" + tail), clean("Dobr\u{FD} den.\n" + tail))
    }

    /// `tag-quote-folds-in-attribute`: in `<p ¦“žx\">` (bytes of Windows-1252 read as
    /// such) the tag's attributes held a curly quote, which the tag scanner did not read as
    /// a quote, so the tag ran on past its ">" and was left; folded to `"` in the output, it
    /// opened a quoted value, and a second cleaning found the tag. Typographic quotes now
    /// read as the ASCII quote they fold to.
    func testATagWithACurlyQuoteInItsAttributesIsFoundInTheFirstRun() {
        XCTAssertEqual(clean("Before <p class=\u{201C}intro\">the text</p> after.\n"), clean("Before <p class=\"intro\">the text</p> after.\n"))
        XCTAssertEqual(clean("Before <p class=\u{201C}intro\">the text</p> after.\n"), "Before\n\nthe text\n\nafter.\n")
        XCTAssertEqual(clean("A <span title=\u{2018}x\u{2019}>word</span> here.\n"), "A word here.\n")
    }

    /// `tag-quoted-value-across-lines`: a quote in a stray tag's attributes ran across
    /// lines to the next quote, so the "tag" took the paragraphs between; it was found only
    /// once later stages had shortened them under the length limit, and a second cleaning
    /// deleted article text. A tag, quoted values and all, lies on one line.
    func testATagsQuotedValueDoesNotRunAcrossLines() {
        let text = "Lead <p class=\"x\nThe first paragraph of the story.\n\nThe second one\" data-x> ends here.\n"
        let out = clean(text)
        XCTAssertTrue(out.contains("The first paragraph of the story."), out)
        XCTAssertTrue(out.contains("The second one"), out)
        XCTAssertEqual(clean(out), out)
        // Spaces that canonical text collapses do not count toward the length limit.
        let long = "A <span title=\"" + String(repeating: "x ", count: 300) + "\">word</span> here.\n"
        XCTAssertEqual(clean(long), clean(long.replacingOccurrences(of: "x ", with: "x   ")))
    }

    /// `mojibake-lost-nbsp-after-unwrap`: a form feed read as a line break kept "è¡" and
    /// "å" on two lines; layout unwrapped them with a space, and "è¡ å" (the mojibake of
    /// U+8860 with its no-break space byte lost) was repaired only by a second cleaning.
    /// Unicode repair now reads the text again after layout joins lines.
    func testMojibakeThatUnwrappingBringsTogetherIsRepairedInTheFirstRun() throws {
        let input = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("mojibake-lost-nbsp-after-unwrap.bin")))
        var doc = Document(id: "fixture", bytes: input)
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertTrue(doc.string.contains("\u{6B65}\u{8860}\u{E5}1111"), "repaired where layout joined the lines")
        XCTAssertTrue(doc.edits.contains { $0.rule == "layout.hard-wrap" })
        XCTAssertEqual(clean(doc.string), doc.string)
    }

    /// `nfc-mark-after-decomposable-starter`: invalid bytes read as Windows-1252 put "Ì"
    /// before a valid tilde below (U+0330), a "maybe" for NFC that does not compose with
    /// "Ì" itself; the quick check passed it, but NFC decomposes "Ì", puts the tilde
    /// before the grave and composes it with the "I". A "maybe" after a starter now passes
    /// only when NFC leaves the pair as it is.
    func testMaybeMarkAfterADecomposableStarterIsNormalized() {
        XCTAssertEqual(Array(clean("Sol \u{00CC}\u{0330} de").unicodeScalars), Array("Sol \u{1E2C}\u{0300} de\n".unicodeScalars))
        XCTAssertEqual(Array(clean("caf\u{00E9}\u{0323}").unicodeScalars), Array("caf\u{1EB9}\u{0301}\n".unicodeScalars))
    }

    /// `mojibake-a-grave-before-tab`: "Ã" then a tab was left alone, but once the tab had
    /// become a space the second run read "Ã " as "à" (a lost no-break space). The
    /// mojibake pre-check now sees a tab as the space it will become.
    func testAGraveMojibakeBeforeATabIsRepairedInTheFirstRun() {
        XCTAssertEqual(clean("Ã\th"), clean("Ã h"))
        XCTAssertEqual(clean("Ã\th"), "\u{E0} h\n")
    }

    /// `typo-low-quote-hides-english`: a low single quote (‚) glued to "of" hid an English
    /// function word from typo repair until the canonical stage had folded it to "'", so the
    /// second run repaired a word the first had left. Words are now read through the quotes
    /// canonical folds, every one of them.
    func testEveryFoldedQuoteReadsLikeItsASCIIForTypoRepair() {
        // A line of English prose (typo repair works only there) with a typo and a quote
        // glued to a function word: whatever the quote, the repair is the same.
        let text = "The mayor said most of%@ the people who came thought thkis was a good plan."
        let ascii = assertFormsReadAlike(text, ascii: "'", apostropheLikeQuotes)
        assertFormsReadAlike(text, ascii: "\"", doubleQuoteLikeQuotes)
        XCTAssertEqual(ascii, "The mayor said most of' the people who came thought this was a good plan.\n")
    }
}

extension FuzzRegressionTests {
    /// `entity-split-by-controls`: controls inside "&#8217;" were deleted after character
    /// references had been decoded, so the reference was decoded only by a second run. The
    /// Unicode passes now repeat until a round changes nothing; a full-width "＆" made
    /// ASCII completes a reference the same way.
    func testReferencesThatOtherRepairsCompleteAreDecodedInTheFirstRun() {
        XCTAssertEqual(clean("x &#8\u{0}\u{0}217; y"), "x ' y\n")
        XCTAssertEqual(clean("x &#8\u{200B}217; y"), "x ' y\n")
        XCTAssertEqual(clean("Tom \u{FF06}amp; Jerry"), "Tom & Jerry\n")
    }

    /// `boilerplate-tabs-hide-share-row`: "&<tab><tab>;" was four non-word characters for
    /// the share-row pattern but "& ;" (three) once canonical, so only the second run
    /// dropped it. Rules now see lines with canonical spacing (tabs, runs of spaces, spaces
    /// at line ends, `\r` line ends), so the first run decides as the second does.
    func testBoilerplateDecidesOnLinesAsTheyWillRead() {
        let odd = clean("\(articleParagraph)\n\n&\t\t;\n\n\(articleParagraph)")
        XCTAssertEqual(clean(odd), odd)
        for line in ["Share  on   Facebook", "Share\ton\tFacebook \t", " \tShare on Facebook"] {
            let spaced = clean("\(articleParagraph)\n\n\(line)\n\n\(articleParagraph)")
            XCTAssertEqual(spaced, "\(articleParagraph)\n\n\(articleParagraph)\n", line)
        }
        let crlf = "\(articleParagraph)\r\n\r\nShare on Facebook\r\n\r\n\(articleParagraph)\r\n"
        XCTAssertEqual(clean(crlf), "\(articleParagraph)\n\n\(articleParagraph)\n")
    }
}

extension FuzzRegressionTests {
    /// `typo-repair-reveals-byline`: typo repair (after boilerplate) made "By guets author
    /// ..." into "By guest author ...", a byline only the second run dropped. Block stages
    /// now look again at what a word repair changed (here a newsletter prompt that reads
    /// as one only once "newsleter" is repaired).
    func testBoilerplateThatTypoRepairRevealsIsDroppedInTheFirstRun() {
        let text = "\(articleParagraph)\n\nSign up for our daily newsleter to get the news in your inbox.\n\n\(articleParagraph)"
        let doc = cleanDocument(text)
        XCTAssertEqual(doc.string, "\(articleParagraph)\n\n\(articleParagraph)\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "typo.dictionary" })
        XCTAssertEqual(Invariants.violations(of: Array(text.utf8), cleaner: sharedPipeline.makeCleaner()), [])
    }
}

extension FuzzRegressionTests {
    /// `mojibake-lossy-chain`: "ŸŸ…Ÿ\u{FFFD}": in Mac Roman "Ÿ" is a lead byte, and a
    /// lead before U+FFFD is a sequence that lost a byte, so each repair left a new one
    /// for the next run to eat. Such chains are now left alone; a single lossy sequence
    /// is still repaired.
    func testLossySequenceChainsSettleInOneRun() {
        let cleaner = sharedPipeline.makeCleaner()
        for n in [1, 2, 3, 8, 20, 40] {  // beyond what the repair rounds of one run could eat
            for lead in ["\u{178}", "\u{C3}"] {
                for lost in ["\u{FFFD}", "?"] {
                    let text = "a" + String(repeating: lead, count: n) + lost + " b"
                    XCTAssertEqual(Invariants.violations(of: Array(text.utf8), cleaner: cleaner), [], "\(n) \(lead) \(lost)")
                }
            }
        }
        XCTAssertEqual(clean("caf\u{C3}\u{FFFD} noir"), "caf\u{FFFD} noir\n")
    }
}

extension FuzzRegressionTests {
    /// `mojibake-quote-counted-as-non-ascii`: a line whose mojibake sequences explain all
    /// its non-ASCII characters is repaired without the code page's cost; a low quote (‚)
    /// counted as one more non-ASCII character until canonical folding made it "'", so
    /// only the second run repaired the line. It is now counted as the ASCII it becomes.
    func testTypographicQuoteDoesNotHoldBackAMojibakeRepair() {
        let mojibake = "T0\u{153}\u{E2}wnkeis%@\u{AC}\u{2122}"
        let ascii = clean(mojibake.replacingOccurrences(of: "%@", with: "'"))
        XCTAssertEqual(clean(mojibake.replacingOccurrences(of: "%@", with: "\u{201A}")), ascii)
        XCTAssertEqual(clean(ascii), ascii)
    }
}

extension FuzzRegressionTests {
    /// `boilerplate-letter-close-in-reach-after-drops`: a letter's opening and its close
    /// were too far apart until the lone glyphs between them were dropped, so only the
    /// second run found the letter. A span's reach now leaves out blocks a block rule drops
    /// anyway, and the rules look again after drops that follow an opening without a close.
    func testLetterWhoseCloseComesInReachAfterDropsGoesInTheFirstRun() {
        let filler = (1...10).map { "Line \($0) of the note" }  // 20 blocks, 10 once the glyphs go
        let letter = ["A Message from The Times"] + filler.flatMap { [$0, "|"] } + ["Thank you for standing with us, and for reading."]
        let text = ([articleParagraph] + letter + [articleParagraph]).joined(separator: "\n")
        let once = clean(text)
        XCTAssertEqual(once, "\(articleParagraph)\n\n\(articleParagraph)\n")
        XCTAssertEqual(clean(once), once)
    }

    /// `letter-in-reach-after-classifier-drops`: a reader letter's close was 13 kept blocks
    /// from its greeting, one more than a span reaches; the classifier then dropped a
    /// menu line between them, so the second run found the letter. Block stages before a
    /// stage that drops now look again when they have an opening, until nothing more goes.
    func testLetterWhoseCloseComesInReachAfterALaterStageDropsGoesInTheFirstRun() {
        // A later block stage that drops the lines marked "menu", as the classifier would.
        final class DropMenuLines: Stage {
            let name = "menus"
            var role: StageRole { .judgesBlocks }
            func run(_ document: inout Document) {
                var proposals: [ProposedEdit] = []
                document.text.withUnsafeBufferPointer { text in
                    for block in segmentBlocks(document.text) where text[block.range].starts(with: Array("menu".utf8)) {
                        proposals.append(ProposedEdit(range: dropRange(text, block), rule: "test.menu", category: "test",
                                                      kind: .dropBlock, reason: "a menu line"))
                    }
                }
                document.apply(proposals, stage: name)
            }
        }
        let cleaner = Cleaner(stages: [sharedPipeline.stages.first { $0.name == "boilerplate" }!.make(sharedPipeline.resources),
                                       DropMenuLines()], disabledRules: [])
        let body = (1...11).flatMap { ["Line \($0) of the note from the editors.", "menu item \($0)"] }
        let letter = ["Dear readers,"] + body + ["Thank you for standing with us."]
        let text = ([articleParagraph] + letter + [articleParagraph]).joined(separator: "\n\n")
        let out = cleaner.clean(text)
        XCTAssertFalse(out.contains("of the note"), out)
        XCTAssertFalse(out.contains("Dear readers"), out)
        XCTAssertEqual(out.components(separatedBy: articleParagraph).count, 3, out)
    }

    /// `mojibake-ellipsis-read-as-dots`: a repair left "…" before "¬" and a U+FFFD. "…" is a
    /// Mac Roman lead byte, so the pair after it stayed; once canonical folding had made it
    /// "...", the second run decoded "¬" plus the lost byte. The mojibake pass's second
    /// reading of a line, as canonical folding will leave it, now folds the ellipsis to
    /// three dots as well as the quotes.
    func testMojibakeIsDecidedWithTheEllipsisReadAsThreeDots() throws {
        let input = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("mojibake-ellipsis-read-as-dots.bin")))
        let cleaner = sharedPipeline.makeCleaner()
        var once = Document(id: "once", bytes: input)
        cleaner.clean(&once)
        var twice = Document(id: "twice", bytes: once.text)
        cleaner.clean(&twice)
        XCTAssertEqual(twice.edits.filter { $0.rule == "unicode.mojibake" }.map(\.before), [])
        XCTAssertEqual(twice.string, once.string)
    }

    /// The longer reach is only for a close that stays: a close that a block rule drops on
    /// its own is not there when the output is cleaned again, so it cannot pull a name
    /// line, the dropped lines after it and an article paragraph into a byline.
    func testDroppedBlocksDoNotStretchASpanToACloseThatGoesAnyway() {
        let text = ["Sunday Review", "Sign in", "Subscribe now", articleParagraph,
                    "By Jane Doe", "Contributing columnist", articleParagraph].joined(separator: "\n\n")
        let once = clean(text)
        XCTAssertEqual(once.components(separatedBy: articleParagraph).count, 3, once)
        XCTAssertEqual(clean(once), once)
    }

    /// A stripped prefix that uncovers another is stripped in the same run, and a line the
    /// typo repair leaves untouched by every rule costs no second look (only the result is
    /// observable: output equal to cleaning it again).
    func testStrippedPrefixesSettleInOneRun() {
        let text = "\(articleParagraph)\n\nUPDATED: BREAKING NEWS: The council met again on Wednesday.\n\n\(articleParagraph)"
        let once = clean(text)
        XCTAssertEqual(clean(once), once)
        XCTAssertFalse(once.contains("BREAKING"), once)
    }
}

extension FuzzRegressionTests {
    /// `typo-neighbour-repair-unblocks-name`: "Adeyemi is still taaing them": the unknown
    /// "taaing" beside the name made it look like foreign text, so the name near-miss was
    /// left; once "taaing" was repaired, a second run repaired the name. Typo repair now
    /// goes round again when a word was passed over for a neighbour that got repaired.
    func testRepairThatUnblocksANeighbourIsFollowedInTheSameRun() {
        let text = "Grace Adeyemin opened the shop in the spring, and the whole street was pleased with it.\n\n"
            + "Adeyemi is still taaing them."
        let once = clean(text)
        XCTAssertEqual(clean(once), once)
        XCTAssertTrue(once.hasSuffix("Adeyemin is still taking them.\n"), once)
    }
}

extension FuzzRegressionTests {
    /// `typo-two-opening-quotes`: a cut-off quotation left a line with two opening “: read
    /// as openers they put the typo after them inside a quotation (left alone as quoted
    /// speech), but folded to " they open and close, so the second run repaired it. Every
    /// double quote mark now opens or closes in turn, as the " it folds to would.
    func testQuoteMarksAreReadAsTheStraightQuoteTheyFoldTo() {
        let text = "The court said: %@There are grounds to act. Moscow has denied that, and its envoy said: %@No atrocties."
        let ascii = assertFormsReadAlike(text, ascii: "\"", doubleQuoteLikeQuotes)
        XCTAssertTrue(ascii.contains("atrocities"), ascii)
        XCTAssertEqual(clean(ascii), ascii)
    }
}

extension FuzzRegressionTests {
    /// `typo-possessive-with-low-quote`: a stray byte read as Windows-1252 made "offic‚s"
    /// (a low quote): the possessive was taken off only after ' and ’, so the misspelt
    /// "offic" was read as one strange word, and repaired only once folding had made the
    /// quote "'". Every quote that folds to ' now marks a possessive.
    func testPossessiveWithAnyApostropheLikeQuoteReadsAlike() {
        let text = "Two cases were opened against the offic%@s staff, who have said it is unlikely they would hand over any suspects."
        let ascii = assertFormsReadAlike(text, ascii: "'", apostropheLikeQuotes)
        XCTAssertTrue(ascii.contains("office's"), ascii)
    }
}

/// Quotes that canonical folding turns into ' and into ".
let apostropheLikeQuotes = ["\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2039}", "\u{203A}"]
let doubleQuoteLikeQuotes = ["\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{AB}", "\u{BB}"]

/// Asserts that `template` cleans alike with `ascii` and with each of `quotes` (or other
/// forms canonical text turns into `ascii`) in place of its "%@", that the clean form
/// cleaned again stays as it is, and returns the clean form.
@discardableResult
func assertFormsReadAlike(_ template: String, ascii: String, _ quotes: [String],
                           file: StaticString = #filePath, line: UInt = #line) -> String {
    let expected = clean(template.replacingOccurrences(of: "%@", with: ascii))
    for q in quotes {
        XCTAssertEqual(clean(template.replacingOccurrences(of: "%@", with: q)), expected, q, file: file, line: line)
    }
    XCTAssertEqual(clean(expected), expected, "cleaned again", file: file, line: line)
    return expected
}

extension FuzzRegressionTests {
    /// `mojibake-lossy-after-mac-quote`: "»ƒ\u{FFFD}": a lossy Mac Roman sequence ("ƒ" and a
    /// lost byte) was held back because "»" is a Mac Roman lead byte, until folding made it
    /// '"' and the second run repaired it. Quotes now count as what they fold to there.
    func testLossyMojibakeAfterAQuoteIsDecidedAsAfterItsFoldedForm() {
        let text = "Crews rescued a horse stuck in a frozen pond near Millbrook\u{FE}%@\u{192}\u{FFFD}y Jenna Ruiz."
        assertFormsReadAlike(text, ascii: "\"", doubleQuoteLikeQuotes)
    }
}

extension FuzzRegressionTests {
    /// `mojibake-lost-byte-as-tab`: "èƒ" and a tab (a lost 0xA0 byte once the tab is the
    /// space it becomes): the quick check before mojibake repair read the tab as it was and
    /// saw no whole sequence, so only the second run, on a space, repaired it. The check
    /// now reads white space as the repair's view of the line does.
    func testALostByteReadsAlikeAsATabOrSpaces() {
        let text = "也有人担心公园建成后的维护问题，希望政府\u{E8}\u{192}%@\u{153}\u{178}投入。"
        let once = assertFormsReadAlike(text, ascii: " ", ["\t", "  ", "\t\t", " \t"])
        XCTAssertTrue(once.contains("\u{80E0}"), once)  // "èƒ " is the UTF-8 of 胠
    }
}

extension FuzzRegressionTests {
    /// `mojibake-lossy-before-quote`: "Œ\u{FFFD}‘ß": read as it is, the lossy Mac Roman
    /// "Œ\u{FFFD}" ran on into "‘ß" (‘ is a Mac Roman lead byte too) and the whole run
    /// looked worse decoded; once folding had made ‘ an ASCII quote, the second run
    /// repaired "Œ\u{FFFD}" alone. Mojibake repair now also reads each line as folding will
    /// leave it, and repairs what that reading still finds.
    func testMojibakeIsDecidedAsOnTheFoldedLineToo() {
        let text = "Kremlin spokesper\u{152}\u{FFFD}%@\u{DF}Dmitry Peskov called the allegations outrageous."
        assertFormsReadAlike(text, ascii: "'", apostropheLikeQuotes)
    }
}

extension FuzzRegressionTests {
    /// `mojibake-private-use`: "óóó…²²²" read as Latin-1 holds "ó²²²", the UTF-8 of a
    /// private-use character: it was decoded, then deleted as private use, which brought
    /// the next "ó" to the "²"s, so every cleaning ate a few more. A sequence that decodes
    /// to a private-use character or a noncharacter is now no sequence.
    func testChanceSequencesOfPrivateUseCharactersAreLeftAlone() {
        let text = "The readings were " + String(repeating: "\u{F3}", count: 12) + String(repeating: "\u{B2}", count: 9) + " on the old meter."
        let once = clean(text)
        XCTAssertEqual(once, text + "\n")
        XCTAssertEqual(clean(once), once)
    }
}

extension FuzzRegressionTests {
    /// `typo-repair-makes-document-pair`: repairing "lanets" to "lanes" made "the lanes" a
    /// pair of neighbours the document uses, which then decided "lanetx" in the second
    /// run. Any repair changes what the document says about other words, so typo repair
    /// now goes round until a round changes nothing.
    func testARepairThatGivesEvidenceForAnotherIsFollowedInTheSameRun() {
        let study = "get their energy from hydrogen released when water reacts with certain rocks, according to a new study."
        let text = "Bacteria living below the seafloor \(study) The lanets.\n\nBacteria living kilometers below the seafloor \(study) The lanetx."
        let once = clean(text)
        XCTAssertEqual(clean(once), once)
        XCTAssertFalse(once.contains("lanets"), once)
    }
}

extension FuzzRegressionTests {
    /// `mojibake-chain-after-replacement`: invalid bytes read as Windows-1252 left a long
    /// run of "¬" before "±±". In Mac Roman "¬" is a lead byte and "¬±" is the UTF-8 of
    /// "±", so every round of repair ate one "¬" and made the next pair, and cleaning the
    /// output again ate more. A run whose decoding would make a new sequence with the text
    /// beside it (a lead before it, or a decoded lead before continuations) is now left
    /// alone; a single sequence is still repaired.
    func testLeadByteChainsSettleInOneRun() {
        let cleaner = sharedPipeline.makeCleaner()
        for n in [1, 2, 3, 8, 20, 60] {  // beyond what the repair rounds of one run could eat
            for (lead, tail) in [("\u{AC}", "\u{B1}\u{B1}"), ("\u{C2}", "\u{A9}"), ("\u{C3}\u{192}", "")] {
                let chain = lead == "\u{C3}\u{192}" ? "\u{C3}" + String(repeating: "\u{192}", count: n) : String(repeating: lead, count: n) + tail
                let text = "\u{C11C}\u{C6B8} " + chain + " b"
                XCTAssertEqual(Invariants.violations(of: Array(text.utf8), cleaner: cleaner), [], "\(n) \(lead)")
            }
        }
        XCTAssertEqual(clean("The room was at 20\u{C2}\u{B0}C all day."), "The room was at 20\u{B0}C all day.\n")
    }
}

extension FuzzRegressionTests {
    /// `typo-quote-window-in-bytes`: whether a quotation was open at a word was read in a
    /// window of 1000 bytes before it. On a long line full of low quotes (‚, three bytes,
    /// folded later to the one-byte ') the window began inside a quotation, saw only its
    /// closing mark, and read the word as quoted; folded, the window held both marks and the
    /// second run repaired the word. Quotes are now counted from the line's start.
    func testQuoteParityDoesNotDependOnTheBytesOfFoldedMarks() {
        let quotation = "The court said: \u{201C}The grounds for the warrant are strong, the evidence is clear, "
            + "and the judges of the chamber agreed with every part of the case that was put to them by the "
            + "prosecutor in the spring of this year, after a long and careful inquiry into what had been done "
            + "to the children of the occupied towns and what the officials knew.\u{201D}"
        // However far the typo stands past the quotation, it is outside it, and repaired.
        for repeats in [40, 66, 70, 90] {
            let padding = Array(repeating: "people%@s", count: repeats).joined(separator: " ")
            let text = quotation + " Then xqzvw spoke to the " + padding + " and Moscow has repeatedly demied any accusations."
            let ascii = assertFormsReadAlike(text, ascii: "'", apostropheLikeQuotes)
            XCTAssertTrue(ascii.contains("repeatedly denied"), "\(repeats) repeats: \(ascii.suffix(60))")
        }
    }
}
