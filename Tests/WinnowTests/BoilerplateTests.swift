import XCTest
@testable import Winnow

/// Each rule family removes its kind of leftover, and leaves article text that merely
/// resembles it (the traps) untouched.
final class BoilerplateTests: XCTestCase {
    private let article = articleParagraph
    private func removal(_ line: String) -> String? { ruleRemoving(line) }
    private func assertKept(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) {
        assertKeptBetweenParagraphs(line, file: file, line: lineNo)
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

    /// Scraped text with no blank lines: the sentences right above and below a widget are
    /// adjacent to it, and a run stops short of them (a widget's own short notes go with it).
    func testARunSparesTheSentencesAtItsEdges() {
        let before = "By August the garden was giving a bowl of tomatoes every other day."
        let after = "The council will decide on the plan for the park at its next meeting in May."
        let widget = "Before you go...\nSupport independent journalism\nGive $5 a month or whatever you can.\nDonate now\nRemind me later"
        XCTAssertEqual(clean("\(article)\n\(before)\n\(widget)\n\(after)\n\(article)"),
                       "\(article)\n\n\(before)\n\n\(after)\n\n\(article)\n")
        let form = "Name *\nEmail *\nWebsite\nNotify me of new posts by email."
        XCTAssertEqual(clean("\(article)\n\(before)\n\(form)"), "\(article)\n\n\(before)\n")
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

    func testRequiredLiteralsGateSpanOpeningsAndListHeadings() throws {
        let yaml = """
        pack: gated
        category: test
        rules:
          - id: gated.span
            scope: span
            requires: ['begin here']
            reason: a test span
            start: '(?i)begin\\b.*'
            end: '(?i)^end\\b.*'
          - id: gated.list
            scope: list
            requires: ['see these']
            reason: a test list
            start: '(?i)see\\b.*'
        """
        let pack = try RulePack.parse(yaml, source: "gated.yaml")
        let pipeline = try Pipeline(configuration: Configuration(), packs: [pack])
        let run = { (text: String) in pipeline.makeCleaner().clean(text) }
        // The literal is there: the span and the list go.
        XCTAssertEqual(run("Begin here now\n\nMiddle line\n\nEnd of it\n\n\(article)"), "\(article)\n")
        XCTAssertEqual(run("See these too\nA headline\n\n\(article)"), "\(article)\n")
        // The pattern matches but the literal is missing: nothing goes.
        XCTAssertEqual(run("Begin there\n\nEnd of it\n\n\(article)"), "Begin there\n\nEnd of it\n\n\(article)\n")
        XCTAssertEqual(run("See those\nA headline\n\n\(article)"), "See those\n\nA headline\n\n\(article)\n")
    }

    /// A rule bound to the tail drops its block only after the last paragraph of article
    /// prose, one bound to the head only before the first; a document without such prose
    /// has neither, and a block the rule matches never bounds them itself.
    func testPositionedRulesApplyOnlyInTheirPlace() throws {
        let yaml = """
        pack: placed
        category: test
        rules:
          - id: placed.note
            scope: block
            position: tail
            reason: a test note
            pattern: '(?i)note on the author\\b.*'
          - id: placed.kicker
            scope: block
            position: head
            reason: a test kicker
            pattern: '(?i)kicker\\b.*'
        """
        let pack = try RulePack.parse(yaml, source: "placed.yaml")
        let pipeline = try Pipeline(configuration: Configuration(), packs: [pack])
        let run = { (text: String) in pipeline.makeCleaner().clean(text) }
        let prose = "\(article) Residents who spoke at the meeting asked for earlier buses on Sundays and for a stop near the hospital."
        let note = "Note on the author: she has covered the city council since 2011 and lives near the harbour, where she keeps bees."
        // After the last prose: gone, even when it is long and short lines follow it.
        XCTAssertEqual(run("\(prose)\n\n\(prose)\n\n\(note)\n\nImprint"), "\(prose)\n\n\(prose)\n\nImprint\n")
        // Before prose: it stays.
        XCTAssertEqual(run("\(prose)\n\n\(note)\n\n\(prose)"), "\(prose)\n\n\(note)\n\n\(prose)\n")
        // No prose at all (every paragraph too short): no tail, nothing goes.
        XCTAssertEqual(run("\(article)\n\n\(note)"), "\(article)\n\n\(note)\n")
        // The head: before the first prose only.
        XCTAssertEqual(run("Kicker: city hall\n\n\(prose)\n\nKicker: city hall"), "\(prose)\n\nKicker: city hall\n")
    }

    func testPositionIsForBlockRulesOnly() {
        let yaml = "pack: mine\ncategory: x\nrules:\n  - id: mine.run\n    scope: run\n    position: tail\n    reason: r\n    patterns: ['x']\n"
        XCTAssertThrowsError(try RulePack.parse(yaml, source: "mine.yaml")) { error in
            XCTAssertTrue("\(error)".contains("position applies to block rules only"), "\(error)")
        }
    }

    /// A block rule reads blocks within its size in bytes as well as words: a one-word
    /// block of kilobytes (a base64 blob) is not tried, so a slow pattern spends no time on
    /// it, while the same pattern still reads a short block.
    func testBlockRulesPassOverBlocksFarLongerInBytesThanTheirWords() throws {
        let yaml = """
        pack: slow
        category: test
        rules:
          - id: slow.word
            scope: block
            max-words: 3
            reason: a test
            pattern: '(a+)+$'
        """
        let pack = try RulePack.parse(yaml, source: "slow.yaml")
        let pipeline = try Pipeline(configuration: Configuration(), packs: [pack])
        var blob = Document(id: "blob", text: "\(article)\n\n" + String(repeating: "a", count: 5000) + "b\n")
        pipeline.makeCleaner().clean(&blob)
        XCTAssertEqual(blob.findings, [])
        XCTAssertTrue(blob.string.contains(String(repeating: "a", count: 5000) + "b"))
        var short = Document(id: "short", text: "\(article)\n\naaaa\n")
        pipeline.makeCleaner().clean(&short)
        XCTAssertEqual(short.string, "\(article)\n")
    }

    func testDisabledStageDoesNotRun() {
        var config = Configuration()
        config.stages["boilerplate"] = false
        XCTAssertEqual(clean("Read more\n\n\(article)", configuration: config), "Read more\n\n\(article)\n")
    }
}

/// The leftover kinds of issue 3's rule packs, each with traps beside it.
final class MoreBoilerplateTests: XCTestCase {
    private let article = articleParagraph
    private func removed(_ line: String) -> String? { ruleRemoving(line) }
    private func assertKept(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) {
        assertKeptBetweenParagraphs(line, file: file, line: lineNo)
    }

    func testRelatedListIsDroppedWithItsHeadlines() {
        let list = "Related stories\nCity budget passes after long night\nMayor answers critics on transport plan\nFive things to know about the vote"
        XCTAssertEqual(clean("\(article)\n\n\(list)\n\n\(article)"), "\(article)\n\n\(article)\n")
        let german = "Mehr zum Thema\n\nHaushalt beschlossen: Was sich ändert\n\nBürgermeister verteidigt Verkehrsplan"
        XCTAssertEqual(clean("\(article)\n\n\(german)\n\n\(article)"), "\(article)\n\n\(article)\n")
    }

    func testTableOfContentsGoesWhenItsEntriesAreTheSubheadingsBelow() {
        let body = "Symptoms\n\(article)\nTreatment\n\(article)\nOutlook\n\(article)"
        XCTAssertEqual(clean("In this article\nSymptoms\nTreatment\nOutlook\n\(body)"),
                       "Symptoms\n\n\(article)\n\nTreatment\n\n\(article)\n\nOutlook\n\n\(article)\n")
        // The first subheading, named as the first entry (often the title), is not one
        // more entry; lines under a "Contents" heading that come nowhere again stay.
        XCTAssertEqual(clean("Contents\nOutlook\nSymptoms\nOutlook\n\(article)\nSymptoms\n\(article)"),
                       "Outlook\n\n\(article)\n\nSymptoms\n\n\(article)\n")
        XCTAssertEqual(clean("Contents\nWater and power\nRoads and bridges\n\(article)"),
                       "Contents\n\nWater and power\n\nRoads and bridges\n\n\(article)\n")
        // One entry that comes again is no table of contents; numbering is not a year.
        XCTAssertEqual(clean("Contents\nOutlook\nRoads and bridges\n\(article)\nOutlook\n\(article)"),
                       "Contents\n\nOutlook\n\nRoads and bridges\n\n\(article)\n\nOutlook\n\n\(article)\n")
        XCTAssertEqual(clean("Contents\n1. Outlook\n2.1 Costs\n\(article)\nOutlook\n\(article)\nCosts\n\(article)"),
                       "\(article)\n\nOutlook\n\n\(article)\n\nCosts\n\n\(article)\n")
        XCTAssertEqual(clean("Contents\n2023 results\n2024 results\n\(article)\n23 results\n\(article)\n24 results\n\(article)"),
                       "Contents\n\n2023 results\n\n2024 results\n\n\(article)\n\n23 results\n\n\(article)\n\n24 results\n\n\(article)\n")
    }

    func testRelatedListStopsAtTheFirstSentence() {
        let text = "More on this story\nBudget passes after long night\n\(article)"
        XCTAssertEqual(clean(text), "\(article)\n")
    }

    /// Where the text keeps its blank lines, a box whose headlines stand right under its
    /// heading ends at the next blank line: what follows is the article again, though it
    /// is a short question or a list of its own. A box set apart item by item runs on.
    func testAListGluedUnderItsHeadingEndsAtTheBlankLine() {
        let box = "You might also like:\nQuiche with leeks and bacon\nPotato crumble with smoked cheese"
        XCTAssertEqual(clean("\(article)\n\n\(box)\n\nThe secret?\n\nMint.\n\n\(article)"),
                       "\(article)\n\nThe secret?\n\nMint.\n\n\(article)\n")
        XCTAssertEqual(clean("\(article)\n\n\(box)\n\nThe next steps:\n- drain the cellar walls,\n- restore the earth floor\n\n\(article)"),
                       "\(article)\n\nThe next steps:\n\n- drain the cellar walls,\n\n- restore the earth floor\n\n\(article)\n")
        let apart = "You might also like:\n\nQuiche with leeks and bacon\n\nPotato crumble with smoked cheese"
        XCTAssertEqual(clean("\(article)\n\n\(apart)\n\n\(article)"), "\(article)\n\n\(article)\n")
    }

    /// A line that introduces what follows with a colon ("From Monday the plan provides:")
    /// ends a sentence of the article: a related box in a text without blank lines stops
    /// above it, and the list under it stays.
    func testARelatedListStopsAtALineThatIntroducesWhatFollows() {
        let text = "\(article)\nMore on this story\nHeat record: red alert in fourteen cities\nFrom Monday the consortium will ration water across the district. The plan provides:\n- watering on alternate days;\n- no sprinklers in the hottest hours;\n\(article)"
        XCTAssertEqual(clean(text), "\(article)\n\nFrom Monday the consortium will ration water across the district. The plan provides:\n\n- watering on alternate days;\n\n- no sprinklers in the hottest hours;\n\n\(article)\n")
    }

    /// An ideographic full stop ends a sentence as a full stop does: a paragraph under a
    /// related box in Japanese is no headline (its words are not counted by spaces).
    func testAnIdeographicFullStopEndsARelatedList() {
        let prose = "市は昨年9月から半年間、二つの部署で実証実験を実施した。期間中の問い合わせは約3万件だった。"
        let text = "\(article)\n関連記事\n・行政のAI利用、責任は誰が負うのか\n・窓口DXの成功と失敗\n\(prose)\n\(article)"
        XCTAssertEqual(clean(text), "\(article)\n\n\(prose)\n\n\(article)\n")
    }

    func testAQuestionIsAHeadlineInARelatedList() {
        let text = "More on this story\nWhy is my energy bill going up again?\nBudget passes after long night\n\(article)"
        XCTAssertEqual(clean(text), "\(article)\n")
    }

    func testAListInsideAnArticleSparesTheSubheadingUnderIt() {
        let box = "Related\nCouncil delays vote on the new tram line again"
        XCTAssertEqual(clean("\(article)\n\(box)\nHidden buttons\n\(article)"), "\(article)\n\nHidden buttons\n\n\(article)\n")
        // A name in the subheading's place is the author's byline, and a short headline
        // under headlines as short is one more item: both go with the list.
        XCTAssertEqual(clean("\(article)\n\(box)\nJane Doe\n\(article)"), "\(article)\n\n\(article)\n")
        XCTAssertEqual(clean("\(article)\nRelated\nTram vote delayed\nBus fares rise\n\(article)"), "\(article)\n\n\(article)\n")
        // With blank lines kept, a box whose headlines stand right under its heading ends
        // at the blank line before the next subheading, however long that is.
        XCTAssertEqual(clean("\(article)\n\n\(box)\n\nThe detour over the old road\n\n\(article)"),
                       "\(article)\n\nThe detour over the old road\n\n\(article)\n")
    }

    /// A menu or a list of trending topics above the article runs into its headline when
    /// nothing breaks the text there: the line over the article's first sentence is its
    /// headline when no sentence stands above the list and it is twice as long as the
    /// list's other lines. Below a sentence, the same list is a box inside the article.
    func testAListAboveTheArticleSparesItsHeadline() {
        let list = "Trending\nSummer showcase 2024\nBest co-op games\nHome\nReviews\nCouncil approves the new tram line after a long night"
        XCTAssertEqual(clean("\(list)\n\(article)"), "Council approves the new tram line after a long night\n\n\(article)\n")
        XCTAssertEqual(clean("\(article)\n\(list)\n\(article)"), "\(article)\n\n\(article)\n")
        // Lists that go whole above the article: a short last item is a menu word, not a
        // headline; a headline under headlines about as long is one more of them (see
        // testAQuestionIsAHeadlineInARelatedList); a box of one or two headlines is no menu.
        for above in ["Trending\nSummer showcase 2024\nBest co-op games",
                      "Trending\nEvery announcement from the summer showcase\nCouncil approves the new tram line after a long night",
                      "Lesen Sie auch\nWarum die Mieten in Leipzig schneller steigen als in München",
                      "Most read\nStorm warning\nElection live\nWhy house prices in the north are rising faster than in London"] {
            XCTAssertEqual(clean("\(above)\n\(article)"), "\(article)\n", above)
        }
    }

    func testWidgets() {
        XCTAssertEqual(removed("Share on Facebook | Twitter | WhatsApp | E-Mail"), "share.buttons")
        XCTAssertEqual(removed("Comments (12)"), "comments.link")
        XCTAssertEqual(removed("Leave a Reply"), "comments.link")
        XCTAssertEqual(removed("Sign up for our daily newsletter to get the top stories in your inbox."), "newsletter.prompt")
        XCTAssertEqual(removed("Download our app for breaking news alerts"), "app.prompt")
    }

    func testCommentFormIsDroppedAsARun() {
        let form = "Leave a Reply\nYour email address will not be published. Required fields are marked *\nName *\nEmail *\nWebsite\nSave my name, email, and website in this browser for the next time I comment."
        XCTAssertEqual(clean("\(article)\n\n\(form)"), "\(article)\n")
    }

    func testLegalLines() {
        XCTAssertEqual(removed("We use cookies to improve your experience. By continuing to browse this site you agree."), "cookie.notice")
        XCTAssertEqual(removed("Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten."), "cookie.notice")
        XCTAssertEqual(removed("Cookie settings"), "cookie.button")
        XCTAssertEqual(removed("Advertisement"), "ad.marker")
        XCTAssertEqual(removed("Story continues below advertisement"), "ad.marker")
        XCTAssertEqual(removed("© 2024 Example Media Group. All rights reserved."), "copyright.line")
    }

    func testNavigation() {
        XCTAssertEqual(removed("Skip to main content"), "nav.skip-link")
        XCTAssertEqual(removed("Startseite"), "nav.menu-word")
        XCTAssertEqual(removed("Home › News › Politics"), "nav.breadcrumb")
    }

    func testDatesAndReadingTimes() {
        XCTAssertEqual(removed("Published: March 3, 2024, 10:15 a.m. ET"), "dateline.timestamp")
        XCTAssertEqual(removed("Veröffentlicht am 16.08.2019 um 14:30 Uhr"), "dateline.timestamp")
        XCTAssertEqual(removed("Updated 4 hours ago"), "dateline.time-ago")
        XCTAssertEqual(removed("5 min read"), "dateline.reading-time")
        let doc = cleanDocument("Published: March 3, 2024\n\n\(article)")
        XCTAssertEqual(doc.kept["dates"], ["March 3, 2024"])
    }

    func testEditorialNotesAndSignOffs() {
        XCTAssertEqual(removed("(Reporting by Jane Doe; Editing by John Smith)"), "editorial.signoff")
        XCTAssertEqual(clean("\(article) (Reporting by Jane Doe; Editing by John Smith)"), "\(article)\n")
        XCTAssertEqual(removed("Key points"), "liveblog.chrome")
    }

    func testInlineLeftoversAreStrippedFromKeptParagraphs() {
        XCTAssertEqual(clean("\(article) Read more »"), "\(article)\n")
        XCTAssertEqual(clean("\(article) (Photo: Ana Lopez/EPA)"), "\(article)\n")
        XCTAssertEqual(cleanDocument("\(article) (Photo: Ana Lopez/EPA)").kept["credits"], ["Ana Lopez/EPA"])
    }

    // MARK: - Traps

    func testArticleTextThatMentionsTheseThingsStays() {
        assertKept("The company said it would share more details with investors on Thursday.")
        assertKept("Readers left more than 400 comments on the original post, many of them angry.")
        assertKept("The newsletter, which started in 2019, now has 40,000 subscribers.")
        assertKept("Copyright lawyers said the ruling would change how archives are licensed.")
        assertKept("The app was downloaded two million times in its first week, the company said.")
        assertKept("More than 3.3 GB/s of throughput was measured in the tests.")
        assertKept("WASHINGTON, March 3 (Reuters) - The Senate passed the bill late on Friday.")
        assertKept("Home prices rose 4 percent in March.")
        assertKept("Search and rescue teams worked through the night.")
        assertKept("Related stories have appeared in several newspapers this week, the minister noted.")
        assertKept("The story was updated often as the night went on, reporters said.")
        assertKept("Five minutes later, the power came back.")
        assertKept("Cookie settings, if you like: for a crisper biscuit, bake them two minutes longer.")
    }
}

extension BoilerplateTests {
    /// Rules are written with ASCII quotes and "...", and canonical folding turns typography
    /// into them: a line must be judged the same either way, or cleaning the output again
    /// drops what the first run kept (found on French and German pages of the web set).
    func testRulesReadTypographicQuotesAndEllipsisAsWhatTheyFoldTo() {
        let lines = [
            "S'abonner",                                     // apostrophe in a pattern
            "Je m'abonne",
            "You've read 3 of 5 free articles this month.",  // apostrophe in a required literal
            "Aus den >Marginalien...",                       // ellipsis in a character class
        ]
        for ascii in lines {
            let rule = ruleRemoving(ascii)
            XCTAssertNotNil(rule, ascii)
            let forms = [ascii.replacingOccurrences(of: "'", with: "\u{2019}"),
                         ascii.replacingOccurrences(of: "'", with: "\u{2018}"),
                         ascii.replacingOccurrences(of: "...", with: "\u{2026}")]
            for form in Set(forms) where form != ascii {
                XCTAssertEqual(ruleRemoving(form), rule, form)
            }
        }
        // Offsets still point at the text as it is: the ellipsis goes whole with its line.
        XCTAssertEqual(clean("\(articleParagraph)\n\nAus den >Marginalien\u{2026}\n\n\(articleParagraph)"),
                       "\(articleParagraph)\n\n\(articleParagraph)\n")
    }
}
