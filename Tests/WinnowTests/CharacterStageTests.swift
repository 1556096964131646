import XCTest
@testable import Winnow

/// Decode, Unicode repair and canonical form, one behaviour each, input beside expected.
final class CharacterStageTests: XCTestCase {
    func testOddSpacesBecomeOneSpace() {
        XCTAssertEqual(clean("by guest\u{A0} author\u{2009}here"), "by guest author here\n")
        XCTAssertEqual(clean("a\u{3000}b\u{202F}c"), "a b c\n")
    }

    func testInvisibleAndControlCharactersGo() {
        XCTAssertEqual(clean("\u{FEFF}zero\u{200B}width soft\u{AD}hyphen\u{0007}bell\u{0085}"), "zerowidth softhyphenbell\n")
        XCTAssertEqual(clean("left\u{200E}to\u{202E}right"), "lefttoright\n")
    }

    func testEmojiJoinersStay() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        XCTAssertEqual(clean("A family \(family) here."), "A family \(family) here.\n")
    }

    func testTextIsComposedToNFC() {
        let doc = cleanDocument("Cafe\u{301} and re\u{301}sume\u{301}")
        XCTAssertEqual(doc.string, "Caf\u{E9} and r\u{E9}sum\u{E9}\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "unicode.nfc" })
        XCTAssertEqual(Array(doc.string.utf8), Array("Café and résumé\n".utf8))
    }

    func testInvalidUTF8IsReadAsWindows1252AndReported() {
        var doc = Document(id: "x", bytes: Array("caf".utf8) + [0xE9] + Array(" na".utf8) + [0xEF] + Array("ve \u{93}quoted\u{94}".utf8).prefix(3))
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertTrue(doc.string.hasPrefix("café naïve"), doc.string)
        XCTAssertEqual(doc.edits.filter { $0.rule == "decode.invalid-utf8" }.count, 2)
    }

    func testUndefinedWindows1252ByteBecomesReplacementCharacter() {
        var doc = Document(id: "x", bytes: [0x61, 0x81, 0x62])
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, "a\u{FFFD}b\n")
    }

    func testUTF16WithByteOrderMarkIsDecoded() {
        let utf16: [UInt8] = [0xFF, 0xFE] + "Hi é".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        var doc = Document(id: "x", bytes: utf16)
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, "Hi é\n")
    }

    func testParagraphsAndSpacesAreCanonical() {
        XCTAssertEqual(clean("  one  two \r\nthree\n\n\n\nfour\t five  \n\n"), "one two\n\nthree\n\nfour five\n")
        XCTAssertEqual(clean(""), "")
        XCTAssertEqual(clean(" \n\t\n"), "")
        XCTAssertEqual(clean("no newline"), "no newline\n")
    }

    func testQuotesAndEllipsisFoldUnlessTypographyIsKept() {
        let text = "\u{201C}Yes,\u{201D} she said \u{2018}twice\u{2019}\u{2026} \u{00AB}oui\u{00BB} \u{201E}ja\u{201C} \u{2014} dash"
        XCTAssertEqual(clean(text), "\"Yes,\" she said 'twice'... \"oui\" \"ja\" \u{2014} dash\n")
        var keep = Configuration()
        keep.keepTypography = true
        XCTAssertEqual(clean(text, configuration: keep), text + "\n")
    }

    /// French sets a (no-break) space inside guillemets; folded to ASCII quotes, the spaces
    /// go with them. A guillemet without its partner on the line (a breadcrumb's separator)
    /// keeps its spaces, and kept typography keeps everything.
    func testFrenchGuillemetsFoldWithTheSpacesInsideThem() {
        let text = "Il a dit \u{00AB}\u{00A0}oui\u{00A0}\u{00BB} puis \u{00AB} non \u{00BB}, et \u{2039} peut-\u{00EA}tre \u{203A}.\n\nAccueil \u{00BB} Soci\u{00E9}t\u{00E9}"
        XCTAssertEqual(clean(text, configuration: noBoilerplate), "Il a dit \"oui\" puis \"non\", et 'peut-\u{00EA}tre'.\n\nAccueil \" Soci\u{00E9}t\u{00E9}\n")
        var keep = noBoilerplate
        keep.keepTypography = true
        XCTAssertEqual(clean(text, configuration: keep), "Il a dit \u{00AB} oui \u{00BB} puis \u{00AB} non \u{00BB}, et \u{2039} peut-\u{00EA}tre \u{203A}.\n\nAccueil \u{00BB} Soci\u{00E9}t\u{00E9}\n")
    }

    private var noBoilerplate: Configuration {
        var c = Configuration()
        c.stages = ["boilerplate": false, "classifier": false]
        return c
    }

    func testEveryChangeIsAnEditWhoseLogRebuildsTheOutput() {
        let doc = cleanDocument("\u{FEFF}  BREAKING NEWS: Quote \u{201C}x\u{201D}\u{A0}here\n\nRead more\n")
        var out: [UInt8] = []
        var cursor = 0
        for e in doc.standingEdits {
            out += doc.original[cursor..<e.range.lowerBound] + Array(e.after.utf8)
            cursor = e.range.upperBound
        }
        out += doc.original[cursor...]
        XCTAssertEqual(String(decoding: out, as: UTF8.self), doc.string)
        XCTAssertEqual(doc.string, "Quote \"x\" here\n")
    }
}
