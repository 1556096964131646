import Foundation
import XCTest
@testable import Winnow

/// Unicode repair: mojibake, C1 punctuation, markup debris, compatibility forms,
/// look-alike letters, legacy charsets. Expected texts are written by hand, or are the
/// clean text a damaged input was made from (never Winnow's own output).
final class UnicodeRepairTests: XCTestCase {
    // MARK: Mojibake

    /// Clean sentences in many languages; each is damaged here, in the test, the way
    /// software damages text, and must come back as it was.
    private let sentences = [
        "Café crème, déjà vu, naïve façade: l'été à Besançon.",
        "Größere Straßen führen über Köln nach Düsseldorf.",
        "São Paulo não é só concreto: há praças e ações culturais.",
        "Łódź i Kraków są pięknymi miastami, mówią turyści.",
        "Příliš žluťoučký kůň úpěl ďábelské ódy.",
        "İstanbul'da kış çok soğuk geçti, dedi Ayşe.",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
        "Москва и Санкт-Петербург - крупнейшие города России.",
        "東京と大阪で新しい鉄道が開業した。",
        "The report's \u{201C}key findings\u{201D} \u{2014} costs rose 5\u{2009}% \u{2026} again.",
        "Emoji too: \u{1F600} \u{2764}\u{FE0F} \u{1F44D}\u{1F3FD}.",
    ]

    /// UTF-8 bytes read as Windows-1252 (undefined bytes as C1 controls, as browsers do).
    private func asWindows1252(_ s: String) -> String {
        let table: [UInt32] = [0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030,
                               0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C,
                               0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D,
                               0x17E, 0x178]
        var out = String.UnicodeScalarView()
        for b in s.utf8 {
            let v = (0x80...0x9F).contains(b) ? table[Int(b) - 0x80] : UInt32(b)
            out.append(Unicode.Scalar(v)!)
        }
        return String(out)
    }

    /// UTF-8 bytes read as Latin-1.
    private func asLatin1(_ s: String) -> String {
        String(String.UnicodeScalarView(s.utf8.map { Unicode.Scalar($0) }))
    }

    func testCorrectTextInManyLanguagesIsNotRepaired() {
        for s in sentences {
            let doc = cleanDocument(s)
            XCTAssertEqual(doc.edits.filter { $0.rule == "unicode.mojibake" }.count, 0, s)
        }
    }

    func testUTF8ReadAsWindows1252IsDecodedBack() {
        for s in sentences {
            XCTAssertEqual(clean(asWindows1252(s)), clean(s), s)
        }
    }

    func testUTF8ReadAsLatin1IsDecodedBack() {
        for s in sentences {
            XCTAssertEqual(clean(asLatin1(s)), clean(s), s)
        }
    }

    func testMojibakeOfMojibakeIsDecodedBack() {
        for s in sentences {
            XCTAssertEqual(clean(asWindows1252(asWindows1252(s))), clean(s), s)
        }
    }

    func testMojibakeInsideCorrectTextIsRepairedAndTheRestKept() {
        let doc = cleanDocument("Classificação: DivisÃ£o - SÃ©rie F, Jornadas à noite")
        XCTAssertEqual(doc.string, "Classificação: Divisão - Série F, Jornadas à noite\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "unicode.mojibake" && $0.reason.contains("windows-1252") })
    }

    func testWindows1251MojibakeIsDecodedBack() {
        XCTAssertEqual(clean("РґРѕСЂРѕРіРµ РІ РіРѕСЂРѕРґ"), "дороге в город\n")
        XCTAssertEqual(clean("Blog Traffic Tip 2 вЂ“ Broadcast"), "Blog Traffic Tip 2 \u{2013} Broadcast\n")
    }

    func testLossyMojibakeBecomesOneReplacementCharacter() {
        XCTAssertEqual(clean("â€œlossy decodingâ€\u{FFFD} here"), "\"lossy decoding\u{FFFD} here\n")
    }

    /// A three-byte sequence whose middle byte 0xA0 became a space ("â €" for U+2800) is
    /// decoded when the line holds other mojibake of the same code page, and left alone
    /// in a line that holds none.
    func testAThreeByteSequenceWithALostNoBreakSpaceIsDecodedBesideOtherMojibake() {
        XCTAssertEqual(clean("Sorteio â € Regulamento: vocÃª pode participar atÃ© sexta."),
                       "Sorteio \u{2800} Regulamento: você pode participar até sexta.\n")
        XCTAssertEqual(clean("Prices â € from 12 a month."), "Prices â € from 12 a month.\n")
    }

    func testCESU8EmojiIsDecoded() {
        XCTAssertEqual(clean("Hi guys \u{ED}\u{A0}\u{BD}\u{ED}\u{B8}\u{8D}"), "Hi guys \u{1F60D}\n")
    }

    func testLookAlikeMojibakeNegativesStay() {
        // Each could be read as mojibake, but is correct text (trade marks, capitals
        // before punctuation, multiplication, Ukrainian capitals).
        for s in ["NESTLÉ® requiere personal", "AHÅ™, the new sofa", "Offering 5×£35 pin ups",
                  "RETWEET SE VOCÊ\u{2026}", "Ôôô VIDA MINHA", "ВІКІ is Ukrainian for WIKI",
                  "a radius of 10 Å\u{2014}", "Oborzos, frataraká§ 141", "HÅØYA ER BLÅØYD",
                  "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ\u{2026}"] {
            let doc = cleanDocument(s)
            XCTAssertEqual(doc.edits.filter { $0.rule == "unicode.mojibake" }.map(\.after), [], s)
        }
    }

    // MARK: C1 controls

    func testC1ControlsThatAreWindows1252PunctuationAreRead() {
        let doc = cleanDocument("\u{84}Handwerk\u{93} and \u{96} dash \u{80}5")
        XCTAssertEqual(doc.string, "\"Handwerk\" and \u{2013} dash \u{20AC}5\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "unicode.c1-punctuation" })
    }

    func testNextLineAtLineEndIsAnEllipsisOnlyWithOtherWindows1252() {
        XCTAssertEqual(clean("He paused\u{85}\nthen left."), "He paused\n\nthen left.\n")
        XCTAssertEqual(clean("\u{93}Wait\u{85}\nthen left."), "\"Wait...\n\nthen left.\n")
    }

    // MARK: Markup debris

    func testHTMLCharacterReferencesAreDecoded() {
        let doc = cleanDocument("Fish &amp; chips &#8211; &eacute;t&eacute; &#x2019;n&#39; AT&amp;amp;T &nbsp;ok")
        XCTAssertEqual(doc.string, "Fish & chips \u{2013} été 'n' AT&T ok\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "unicode.html-entity" })
    }

    func testTextThatIsNotAReferenceStays() {
        XCTAssertEqual(clean("R&D; AT&T & co &unknownname; 5 &lt 6"), "R&D; AT&T & co &unknownname; 5 &lt 6\n")
    }

    func testStrayTagsGo() {
        let doc = cleanDocument("First<br>second <span class=\"x\">word</span> and <A HREF='/a'>link</A>.</p><p>Next paragraph here.")
        XCTAssertEqual(doc.string, "First\n\nsecond word and link.\n\nNext paragraph here.\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "unicode.tag" })
        XCTAssertEqual(clean("if a < b and c > d then <b is bold"), "if a < b and c > d then <b is bold\n")
        XCTAssertEqual(clean("escaped &lt;br&gt;tag"), "escaped\n\ntag\n")
    }

    // MARK: Compatibility forms

    func testLigaturesAndFullWidthLatinBecomePlain() {
        let doc = cleanDocument("The ﬁrst ﬂoor, Ｗｉｎｎｏｗ ２０２６ and Ningbo，China; korišteǌem")
        XCTAssertEqual(doc.string, "The first floor, Winnow 2026 and Ningbo,China; korištenjem\n")
        XCTAssertTrue(doc.edits.contains { $0.rule == "unicode.compat" })
    }

    func testOtherCompatibilityCharactersAndCJKPunctuationStay() {
        for s in ["x² + ½ cup, Brand™ 3µs", "北京，上海：今天！", "東京（日本）の天気"] {
            XCTAssertEqual(clean(s), s + "\n")
        }
    }

    // MARK: Look-alike letters

    func testLookAlikeLettersOfAnotherScriptInsideAWordAreReplaced() {
        let doc = cleanDocument("P\u{0430}ris and L\u{043E}ndon, \u{041C}\u{043E}\u{0441}\u{043A}\u{0432}a, \u{039D}ew York")
        XCTAssertEqual(doc.string, "Paris and London, \u{041C}\u{043E}\u{0441}\u{043A}\u{0432}\u{0430}, New York\n")
        XCTAssertEqual(doc.edits.filter { $0.rule == "unicode.confusable" }.count, 4)
    }

    func testWholeWordsAndNotationInAnotherScriptStay() {
        for s in ["Москва and Paris", "Η Αθήνα and Athens", "10μs and IL2RγcKO mice", "α-helix and β-sheet"] {
            XCTAssertEqual(clean(s), s + "\n", s)
        }
    }

    // MARK: Joiners

    func testJoinersStayWhereScriptsAndEmojiNeedThemAndGoElsewhere() {
        for s in ["\u{1F469}\u{200D}\u{1F4BB} codes", "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}",
                  "\u{0915}\u{094D}\u{200D}\u{0937}"] {
            XCTAssertEqual(clean(s), s + "\n", s)
        }
        XCTAssertEqual(clean("stray\u{200D}joiner and \u{200C}non-joiner\u{200C}"), "strayjoiner and non-joiner\n")
    }

    // MARK: Legacy charsets

    /// Windows-1251 bytes for Russian text (Cyrillic А...я are 0xC0...0xFF there).
    private func windows1251(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { c -> UInt8 in
            switch c.value {
            case 0x410...0x44F: return UInt8(0xC0 + c.value - 0x410)
            case 0x401: return 0xA8
            case 0x451: return 0xB8
            default: return UInt8(c.value)
            }
        }
    }

    func testLegacyCharsetIsDetectedAndConverted() {
        let text = "Власти города объявили о запуске новой системы оплаты проезда в общественном транспорте. "
            + "Пассажиры смогут расплачиваться банковской картой или телефоном во всех автобусах."
        var doc = Document(id: "x", bytes: windows1251(text))
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, text + "\n")
        let edit = doc.edits.first { $0.rule == "decode.charset" }
        XCTAssertNotNil(edit)
        XCTAssertTrue(edit?.reason.contains("windows-1251") ?? false, edit?.reason ?? "")
        // The charset and the detector's confidence are kept for the record's winnow field.
        XCTAssertTrue(doc.kept["charset"]?.first?.hasPrefix("windows-1251 (confidence ") ?? false, "\(doc.kept)")
        XCTAssertTrue(doc.winnowJSON.contains("\"charset\":[\"windows-1251 (confidence "), doc.winnowJSON)
    }

    func testANamedEncodingOverridesDetection() {
        let text = "Вот и всё"
        var doc = Document(id: "x", bytes: windows1251(text))
        DecodeStage(encoding: "windows-1251").run(&doc)
        XCTAssertEqual(doc.string, text)
        XCTAssertTrue(doc.edits.contains { $0.rule == "decode.charset" && $0.reason.contains("named by the user") })
        var unknown = Document(id: "y", text: "plain")
        DecodeStage(encoding: "no-such-charset").run(&unknown)
        XCTAssertEqual(unknown.string, "plain")
        XCTAssertEqual(unknown.findings.count, 1)
    }

    func testUTF8WithAFewStrayBytesIsNotReadAsAnotherCharset() {
        var doc = Document(id: "x", bytes: Array("Zürich is in Switzerland, caf".utf8) + [0xE9] + Array(" au lait".utf8))
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, "Zürich is in Switzerland, café au lait\n")
        XCTAssertFalse(doc.edits.contains { $0.rule == "decode.charset" })
    }

    func testUTF32WithByteOrderMarkIsDecoded() {
        var bytes: [UInt8] = [0xFF, 0xFE, 0, 0]
        for c in "Hé \u{1F600}".unicodeScalars {
            bytes += [UInt8(c.value & 0xFF), UInt8(c.value >> 8 & 0xFF), UInt8(c.value >> 16 & 0xFF), 0]
        }
        var doc = Document(id: "x", bytes: bytes)
        sharedPipeline.makeCleaner().clean(&doc)
        XCTAssertEqual(doc.string, "Hé \u{1F600}\n")
    }

    // MARK: Properties

    /// Random text from every kind of character (ASCII, Latin-1 and Windows-1252's
    /// letters that make mojibake, controls, format characters, combining marks, other
    /// scripts, emoji with joiners, private use, astral planes, markup): cleaning never
    /// crashes, gives valid NFC UTF-8 without forbidden characters, and is idempotent.
    /// Combining marks out of canonical order are reordered even when each of them is
    /// "yes" for NFC on its own (the quick check must compare their classes).
    func testCombiningMarksOutOfCanonicalOrderAreReordered() {
        XCTAssertEqual(clean("The symbol x\u{0305}\u{0332} marks the mean."), "The symbol x\u{0332}\u{0305} marks the mean.\n")
        // U+0958 is "no" for NFC (it decomposes and never recomposes); a nukta after U+0928
        // and Oriya's AA sign after its E sign are "maybe"s that compose (U+0929, U+0B4B);
        // the AA sign after a consonant is a "maybe" that does not.
        XCTAssertEqual(clean("\u{0958}\u{093E}\u{0928}\u{0942}\u{0928}"), "\u{0915}\u{093C}\u{093E}\u{0928}\u{0942}\u{0928}\n")
        XCTAssertEqual(Array(clean("\u{0928}\u{093C}").unicodeScalars), Array("\u{0929}\n".unicodeScalars))
        XCTAssertEqual(Array(clean("\u{0B15}\u{0B47}\u{0B3E}").unicodeScalars), Array("\u{0B15}\u{0B4B}\n".unicodeScalars))
        XCTAssertEqual(Array(clean("\u{0B15}\u{0B3E}").unicodeScalars), Array("\u{0B15}\u{0B3E}\n".unicodeScalars))
        // A mark whose starter is the ASCII letter just before the line's first non-ASCII.
        XCTAssertEqual(Array(clean("Jahres\u{0301}ill").unicodeScalars), Array("Jahre\u{015B}ill\n".unicodeScalars))
    }

    func testRandomTextCleansToValidNFCAndIsIdempotent() {
        var rng = SplitMix64(seed: 20_260_401)
        let pools: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x20...0x7E, 0x00...0x1F, 0x7F...0x9F, 0xA0...0xFF, 0xA0...0xFF, 0x100...0x24F,
            0x250...0x2FF, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF, 0x590...0x6FF, 0x900...0x97F,
            0x1100...0x11FF, 0x2000...0x206F, 0x2190...0x257F, 0x3000...0x30FF, 0x4E00...0x4E80,
            0xAC00...0xAC80, 0xE000...0xE010, 0xFB00...0xFB06, 0xFE00...0xFE0F, 0xFEFF...0xFEFF,
            0xFF00...0xFFEF, 0xFFF9...0xFFFD, 0x1F300...0x1F64F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F,
            0x10000...0x1000F, 0x20000...0x2000F,
        ]
        let fragments = ["&amp;", "&#8217;", "&lt;br&gt;", "<br>", "</span>", "Ã©", "â€™", "\u{200D}", "\u{200C}",
                         "\n", "\n\n", " ", "\r\n", "Ã ", "&amp;amp;"]
        // Decode, Unicode repair and canonical form only: the properties are theirs.
        var configuration = Configuration()
        configuration.stages = ["boilerplate": false, "typo": false, "templates": false]
        let pipeline = try! Pipeline(configuration: configuration)
        func cleanDocument(_ text: String) -> Document {
            var doc = Document(id: "random", text: text)
            pipeline.makeCleaner().clean(&doc)
            return doc
        }
        for round in 0..<2000 {
            var s = String.UnicodeScalarView()
            let length = Int(rng.next() % 40)
            for _ in 0..<length {
                if rng.next() % 6 == 0 {
                    s.append(contentsOf: fragments[Int(rng.next() % UInt64(fragments.count))].unicodeScalars)
                    continue
                }
                let pool = pools[Int(rng.next() % UInt64(pools.count))]
                let v = pool.lowerBound + UInt32(rng.next() % UInt64(pool.count))
                if let c = Unicode.Scalar(v) { s.append(c) }
            }
            let input = String(s)
            let once = cleanDocument(input)
            let out = once.string
            XCTAssertNotNil(String(validatingUTF8: out), "round \(round)")
            XCTAssertEqual(out, out.precomposedStringWithCanonicalMapping, "not NFC, round \(round): \(debug(input))")
            for c in out.unicodeScalars {
                let forbidden = (c.value < 0x20 && c != "\n") || (0x7F...0x9F).contains(c.value)
                    || (c.properties.generalCategory == .format && c.value != 0x200C && c.value != 0x200D
                        && !(0xE0020...0xE007F).contains(c.value))
                    || c.properties.generalCategory == .privateUse
                XCTAssertFalse(forbidden, "U+\(String(c.value, radix: 16)) in output, round \(round): \(debug(input))")
            }
            let twice = cleanDocument(out)
            XCTAssertEqual(twice.string, out, "not idempotent, round \(round): \(debug(input))")
            XCTAssertEqual(twice.edits.map(\.rule), [], "round \(round): \(debug(input))")
        }
    }

    // MARK: Clean-line scan

    /// Lines built to sit on both sides of every test the clean-line scan makes: clean
    /// text in many scripts, and characters that are clean or not by their neighbours
    /// (Windows-1251 lead and continuation letters side by side, "Г" before a space,
    /// full-width punctuation beside CJK or Latin, Devanagari's nukta after letters it
    /// composes with or not, combining marks in and out of order, Greek and Latin letters
    /// in one word, emoji with tags), joined by line breaks.
    private func scanTestText(_ rng: inout SplitMix64) -> String {
        let pieces = sentences + [
            "займёт её ещё молодёжь", "ЗРОЗУМІЛІ ІНСТРУКЦІЇ", "дії", "«Газпром» заявил", "«Газпром»", "Г ", "Г\tа",
            "Ã ", "Ã\u{A0}", "东京，大阪", "Tokyo，Osaka", "，", "（注）", "ＡＢＣ", "ﬁ", "\u{0928}\u{093C}", "\u{0921}\u{093C}",
            "\u{0B15}\u{0B3E}", "a\u{0301}", "x\u{0305}\u{0332}", "x\u{0332}\u{0305}", "Ρaris", "Москвa", "μm",
            "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "\u{E0067}", "\u{1F44D}\u{1F3FD}", "\u{200D}",
            "\u{FFFD}", "Ð\u{FFFD}", "Ð?", "?", "\u{A0}", "\u{2028}", "\t", "\r", "\u{0007}", "\u{0085}", " ", " ", "\u{1D15E}",
            "\u{2F800}", "Ã©", "РџСЂРёРІРµС‚", "Ä‘", "\u{0301}", "&amp;", "<br>", "\u{3000}", "ǆ", "\u{0306}\u{0301}",
        ]
        var lines: [String] = []
        for _ in 0..<(1 + Int(rng.next() % 6)) {
            var line = ""
            for _ in 0..<Int(rng.next() % 8) {
                line += pieces[Int(rng.next() % UInt64(pieces.count))]
                if rng.next() % 3 == 0 { line += " " }
            }
            lines.append(line)
        }
        return lines.joined(separator: rng.next() % 4 == 0 ? "\n\n" : "\n")
    }

    /// The stage gives the same text and the same edits whether or not the per-line passes
    /// skip the lines the scan proves clean; and on a line it proves clean, no per-line
    /// pass proposes anything.
    func testCleanLineScanChangesNothing() {
        var rng = SplitMix64(seed: 20_261_123)
        let table = CharTable()
        var skipped = 0, marked = 0
        for round in 0..<3000 {
            let input = scanTestText(&rng)
            var fast = Document(id: "fast", text: input), slow = Document(id: "slow", text: input)
            UnicodeStage(skipsCleanLines: true).run(&fast)
            UnicodeStage(skipsCleanLines: false).run(&slow)
            XCTAssertEqual(fast.string, slow.string, "round \(round): \(debug(input))")
            XCTAssertEqual(fast.edits, slow.edits, "round \(round): \(debug(input))")

            for line in input.split(separator: "\n", omittingEmptySubsequences: false) {
                let bytes = Array(line.utf8)
                guard linesNeedingRepair(bytes, table: table).isEmpty else { marked += 1; continue }
                skipped += 1
                let passes: [(String, [ProposedEdit])] = [
                    ("mojibake", mojibakeRepairs(bytes)), ("character", characterRepairs(bytes)),
                    ("compat", compatRepairs(bytes)), ("nfc", nfcRepairs(bytes)), ("confusable", confusableRepairs(bytes)),
                ]
                for (pass, edits) in passes {
                    XCTAssertEqual(edits.map(\.rule), [], "\(pass) on a clean line, round \(round): \(debug(String(line)))")
                }
            }
        }
        // Both kinds of line were met, often.
        XCTAssertGreaterThan(skipped, 1000)
        XCTAssertGreaterThan(marked, 1000)
    }

    /// The scan's mojibake test is `mayHoldMojibake`'s: over every pair (and triple, with a
    /// space or a third character) of characters that are bytes of mojibake in some code
    /// page, a line the scan proves clean gets no mojibake repair.
    func testCleanLineScanNeverSkipsALineWithMojibake() {
        let table = CharTable()
        var mojibakeBytes: [UInt32] = []
        for c in 0x80..<Int(Codepage.flatLimit) where Codepages.leadBits[c] | Codepages.contBits[c] != 0 {
            mojibakeBytes.append(UInt32(c))
        }
        XCTAssertGreaterThan(mojibakeBytes.count, 200)
        let thirds: [UInt32] = [0x20, 0x3F, 0xFFFD, 0xA9, 0x2122, 0x0451, 0x61]
        var checked = 0
        for a in mojibakeBytes {
            for b in mojibakeBytes {
                for third in thirds.prefix(a % 5 == 0 ? thirds.count : 1) {
                    var line = String.UnicodeScalarView()
                    for v in [a, b, third, 0x61] { line.append(Unicode.Scalar(v)!) }
                    let bytes = Array(String(line).utf8)
                    guard linesNeedingRepair(bytes, table: table).isEmpty else { continue }
                    checked += 1
                    XCTAssertEqual(mojibakeRepairs(bytes).map(\.rule), [], debug(String(line)))
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    /// Clean lines in many scripts are skipped; a line with a chance UTF-8 sequence in
    /// Windows-1251 ("МІ" is 0xCC 0xB2), an odd space, full-width punctuation away from
    /// CJK, a look-alike letter or a decomposed accent is marked, alone.
    func testCleanLineScanMarksOnlyTheLinesThatNeedALook() {
        let table = CharTable()
        func marked(_ s: String) -> [String] {
            let bytes = Array(s.utf8)
            return linesNeedingRepair(bytes, table: table).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        XCTAssertEqual(marked("Власти Новосибирска\nзаймёт ещё молодёжь\n東京，大阪\nनई दिल्ली में ज़्यादा\nΗ Αθήνα\n"), [])
        XCTAssertEqual(marked("Власти\nЗРОЗУМІЛІ\nчисто\nдва\u{A0}слова\nтри\n"), ["два\u{A0}слова\n"])
        // "МІ" (0xCC 0xB2) and "её " (the space may stand for a lost 0xA0) are whole
        // sequences in Windows-1251; they mark a line only when `cannotLookBad` does not
        // clear it (a Cyrillic letter before "»" looks bad).
        XCTAssertEqual(marked("её слова\nеё"), [])
        XCTAssertEqual(marked("ЗРОЗУМІЛІ\n«ЗРОЗУМІЛІ»\nеё «слова»\nеё"), ["«ЗРОЗУМІЛІ»\nеё «слова»\n"])
        XCTAssertEqual(marked("Tokyo，Osaka\nok"), ["Tokyo，Osaka\n"])
        XCTAssertEqual(marked("ok\nМосквa"), ["Москвa"])
        XCTAssertEqual(marked("a\u{0301}\nx"), ["a\u{0301}\n"])
    }

    private func debug(_ s: String) -> String {
        s.unicodeScalars.map { $0.value < 0x80 && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
    }
}

/// A small deterministic random number generator, so failures reproduce.

// MARK: - Mojibake decisions: garbles, drawings, lone pairs, capitals

extension UnicodeRepairTests {
    /// Characters of code page 437 for bytes 0x80...0xFF (its published table): box
    /// drawing for most UTF-8 lead bytes.
    private static let cp437High: [UInt32] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
        0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
        0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
        0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
        0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
        0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
        0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
        0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
        0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
        0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    ]

    /// UTF-8 bytes read as code page 437.
    private func asCP437(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for b in s.utf8 { out.append(Unicode.Scalar(b < 0x80 ? UInt32(b) : Self.cp437High[Int(b) - 0x80])!) }
        return String(out)
    }

    /// The replacements mojibake repair made in `text`.
    private func mojibakeReplacements(_ text: String) -> [String] {
        cleanDocument(text).edits.filter { $0.rule == "unicode.mojibake" }.map(\.after)
    }

    /// Mojibake of mojibake of mojibake whose case was changed afterwards no longer
    /// decodes whole; a few of its sequences still decode by chance, into letters of other
    /// scripts among the Latin ones. It is left as it is, not made into other garbage.
    func testLayeredMojibakeThatLostItsCaseIsLeftAsItIs() {
        for s in ["Café \u{201C}crème\u{201D} \u{2014} déjà vu", "Größere Straßen führen über Köln", "São Paulo não é só concreto"] {
            let garble = asWindows1252(asWindows1252(asWindows1252(s))).lowercased()
            XCTAssertEqual(mojibakeReplacements(garble), [], garble)
        }
    }

    /// Two layers inside one stretch: the inner sequence decodes to a quote that completes
    /// the outer one, so the stretch is decoded although the first round leaves it bad.
    func testAnInnerLayerThatCompletesAnOuterOneIsDecoded() {
        let outer = asLatin1("\u{2013}")  // "â\u{80}\u{93}"; 0x93 is "“" in Windows-1252
        let twice = String(outer.unicodeScalars.dropLast()) + asLatin1("\u{201C}")
        XCTAssertEqual(clean("The friendly \(twice) kicks off at noon."), "The friendly \u{2013} kicks off at noon.\n")
    }

    /// Drawings, tables and tree listings put box-drawing characters beside ASCII letters;
    /// read as code page 437 some pairs are UTF-8 ("├┤" is "ô"), but that is chance. Code
    /// page 437 mojibake of text puts them beside accented letters, and is still repaired.
    func testBoxDrawingBesideASCIILettersIsADrawing() {
        for s in ["├┤x┼┐y┼┐z┼┐w", "│ ab├┤cd┼┐ef │", "┬┐a ├┤b ┼┐c"] {
            XCTAssertEqual(mojibakeReplacements(s), [], s)
        }
        for s in ["Příliš žluťoučký kůň úpěl ďábelské ódy.", "Łódź i Kraków są pięknymi miastami, mówią turyści.",
                  "Café crème, déjà vu, naïve façade: l'été à Besançon."] {
            XCTAssertEqual(clean(asCP437(s)), clean(s), s)
        }
    }

    /// One two-character sequence in a line whose other non-ASCII text is read right, made
    /// of a capital and a currency sign (text writes them side by side) and read by two
    /// code pages as different characters, is too weak a sign: it is left alone.
    func testALoneAmbiguousPairInACorrectLineIsLeftAlone() {
        let pair = asLatin1("Småland")  // "SmÃ¥land": Latin-1 "å", or Mac Roman's combining tilde
        XCTAssertEqual(mojibakeReplacements("Tour dates \u{2013} \(pair)"), [])
        // Nothing else in the line read right: repaired.
        XCTAssertEqual(clean("Tour dates - \(pair)"), "Tour dates - Småland\n")
        // More than one pair: the line shows what happened to it.
        XCTAssertEqual(clean("Tour dates \u{2013} \(asLatin1("Småland och Västerås"))"), "Tour dates \u{2013} Småland och Västerås\n")
        // The generic currency sign is no text's ("Ã¤" is "ä").
        XCTAssertEqual(clean("Tour dates \u{2013} \(asLatin1("Mälardalen"))"), "Tour dates \u{2013} Mälardalen\n")
        // Only one code page reads "Â£".
        XCTAssertEqual(clean("Tickets \u{2013} \(asLatin1("£"))5 each"), "Tickets \u{2013} £5 each\n")
        // The letter it stands for is written right elsewhere in the line: repaired.
        XCTAssertEqual(clean("Classificação: Divis\(asLatin1("ã"))o - Jornadas"), "Classificação: Divisão - Jornadas\n")
    }

    /// "Â" (or "Ã") then a no-break space after a capital, and no lowercase letter after it,
    /// ends a word in capitals. Mojibake of a no-break space after lowercase text or
    /// punctuation, and "à" inside a word after a capital, are still repaired.
    func testANoBreakSpaceAfterACapitalAInCapitalsIsText() {
        XCTAssertEqual(mojibakeReplacements("OKAASAN TO BOKUÂ\u{A0}NO NATSU"), [])
        XCTAssertEqual(clean(asLatin1("Prices\u{A0}rise.\u{A0}Again")), "Prices rise. Again\n")
        XCTAssertEqual(clean(asLatin1("The Dàil sat late")), "The Dàil sat late\n")
    }
}

// MARK: - Lines proved to need no mojibake repair

extension UnicodeRepairTests {
    /// `cannotLookBad` admits only characters with no rarity that are no marks, and
    /// classes each as `charInfo` does: letters by case and script, « » as the only
    /// non-ASCII symbols, and every quote that the badness rules count between letters.
    func testCannotLookBadAdmitsOnlyPlainCharacters() {
        let quotes: Set<UInt32> = [0x2018, 0x201C, 0x201D, 0x201E, 0x201A, 0x2039, 0x203A, 0xAB, 0xBB]
        var admitted = 0
        for c in UInt32(0)..<0x11_0000 {
            guard let k = plainClass(c) else { continue }
            admitted += 1
            let info = charInfo(c)
            let what = String(c, radix: 16)
            XCTAssertEqual(info.rarity, 0, what)
            XCTAssertNotEqual(info.kind, .mark, what)
            if c != 0x09 && c != 0x0D { XCTAssertNotEqual(info.kind, .control, what) }
            XCTAssertEqual(k.contains(.letter), info.isLetter, what)
            XCTAssertEqual(k.contains(.upper), info.kind == .upper, what)
            XCTAssertEqual(k.contains(.lower), info.kind == .lower, what)
            XCTAssertEqual(k.contains(.latin), info.isLetter && c < 0x80, what)
            XCTAssertEqual(k.contains(.cyrillic), info.isLetter && c >= 0x80, what)
            if info.isLetter { XCTAssertEqual(info.script, c < 0x80 ? 25 : 8, what) }
            XCTAssertEqual(k.contains(.symbol), info.kind == .symbol && c >= 0x80, what)
            XCTAssertEqual(k.contains(.quote), quotes.contains(c), what)
            XCTAssertFalse([0xC2, 0xC3].contains(c), what)
        }
        XCTAssertGreaterThan(admitted, 200)
    }

    /// Random lines of Cyrillic with Latin letters, quotes, dashes, "Г" and spaces (and
    /// now and then a character the proof does not admit), full of chance sequences in
    /// Windows-1251: on a line `cannotLookBad` proves, every window, with any of its quotes
    /// folded, has no badness (what the proof rests on); and the pass gives the same edits
    /// with the proof as without it on every line.
    func testLinesProvedCleanGetTheSameMojibakeDecision() {
        var rng = SplitMix64(seed: 20_261_124)
        let cyrillic = (UInt32(0x0400)...0x045F).map { $0 } + [0x0490, 0x0491, 0x0413, 0x0413]
        let chance: [[UInt32]] = [[0x041C, 0x0406], [0x0435, 0x0451, 0x20], [0x0434, 0x0451], [0x0426, 0x0406], [0x043C, 0xBB, 0x20]]
        let others: [UInt32] = [0x20, 0x20, 0x20, 0x09, 0x0D, 0xA0, 0x2C, 0x2E, 0x27, 0x2D, 0x31, 0x61, 0x5A, 0x41,
                                0xAB, 0xBB, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x2013, 0x2014, 0x2026]
        let outsiders: [UInt32] = [0xE9, 0xC3, 0xD0, 0xA9, 0x2022, 0xD7, 0x0301, 0x0483, 0x04D8, 0x2116, 0x3F, 0xFFFD]
        var proved = 0, repaired = 0
        for round in 0..<20_000 {
            var line: [UInt32] = []
            let length = 2 + Int(rng.next() % 12)
            for _ in 0..<length {
                switch rng.next() % 20 {
                case 0..<9: line.append(cyrillic[Int(rng.next() % UInt64(cyrillic.count))])
                case 9..<12: line += chance[Int(rng.next() % UInt64(chance.count))]
                case 12..<19: line.append(others[Int(rng.next() % UInt64(others.count))])
                default:
                    // Now and then a character the proof does not admit, or real mojibake
                    // ("РџСЂРёРІРµС‚" is "Привет" read as Windows-1251).
                    if rng.next() % 4 == 0 { line.append(outsiders[Int(rng.next() % UInt64(outsiders.count))]) }
                    if rng.next() % 8 == 0 { line += [0x0420, 0x045F, 0x0421, 0x0402, 0x0420, 0x0451, 0x0420, 0x0406] }
                }
            }
            var view = String.UnicodeScalarView()
            for v in line { view.append(Unicode.Scalar(v)!) }
            let text = String(view)
            let bytes = Array(text.utf8)
            func described(_ edits: [ProposedEdit]) -> [String] { edits.map { "\($0.range) \($0.replacement) \($0.reason)" } }
            let fast = mojibakeRepairs(bytes), slow = mojibakeRepairs(bytes, provesClean: false)
            XCTAssertEqual(described(fast), described(slow), "round \(round): \(debug(text))")
            if !slow.isEmpty { repaired += 1 }
            guard bytes.withUnsafeBufferPointer({ cannotLookBad($0, 0..<$0.count) }) else { continue }
            proved += 1
            // The line's view (white space as `mojibakeRepairs` reads it) and its windows.
            var s: [UInt32] = []
            for v in line {
                let white = v == 0x20 || v == 0x09 || v == 0x0D
                if white, s.isEmpty || s.last == 0x20 { continue }
                s.append(white ? 0x20 : v)
            }
            if s.last == 0x20 { s.removeLast() }
            for lo in 0..<s.count {
                for hi in (lo + 1)...min(s.count, lo + 10) {
                    let window = s[lo..<hi].map { rng.next() % 2 == 0 ? foldedQuoteUnit($0) : $0 }
                    XCTAssertEqual(badness(window.map(charInfo)), 0, "round \(round): \(debug(text)) at \(lo)..<\(hi)")
                }
            }
        }
        // Both kinds of line were met, often, and the full decision did repair some lines.
        XCTAssertGreaterThan(proved, 3000)
        XCTAssertGreaterThan(20_000 - proved, 3000)
        XCTAssertGreaterThan(repaired, 0)
    }
}
