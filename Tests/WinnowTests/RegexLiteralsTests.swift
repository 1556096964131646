import XCTest
@testable import Winnow

/// The literals read off a pattern must be in every match of it (else a rule would stop
/// firing), and should be there to be found (else nothing is saved).
final class RegexLiteralsTests: XCTestCase {
    private func literals(_ pattern: String) -> Set<String>? {
        RegexLiterals.required(pattern).map { Set($0.map { String(decoding: $0, as: UTF8.self) }) }
    }

    private func needsDigit(_ pattern: String) -> Bool { RegexLiterals.read(pattern)?.needsDigit ?? false }

    func testAlternativesGiveOneLiteralEach() {
        XCTAssertEqual(literals("(?:remind me later|maybe later|not now)"), ["remind me later", "maybe later", "not now"])
    }

    func testASequenceKeepsItsLongestKnownPiece() {
        // "one", then any character of a class, then "time": "time" is the rarer piece.
        XCTAssertEqual(literals("one[- ]time"), ["time"])
        XCTAssertEqual(literals("\\bsupport\\s+us\\b"), ["support"])
    }

    func testOptionalPiecesMultiplyIntoExactStrings() {
        XCTAssertEqual(literals("colou?r"), ["color", "colour"])
        XCTAssertEqual(literals("(?:news)?letter"), ["newsletter", "letter"])
    }

    func testCapitalsAreLowerCasedBecauseTheIndexIgnoresASCIICase() {
        XCTAssertEqual(literals("READ MORE"), ["read more"])
    }

    func testPatternsThatCanMatchWithoutALiteralGetNone() {
        XCTAssertNil(literals("\\p{Lu}[\\p{L}.-]+"))
        XCTAssertNil(literals("(?:foo|\\d+)"), "one alternative has no literal")
        XCTAssertNil(literals("(?:abc)*"))
        XCTAssertNil(literals("ab"), "shorter than three bytes")
    }

    func testCaseInsensitiveLettersBeyondASCIIAreFoldedAsTheIndexFoldsText() {
        // ICU matches "FÜR" to (?i)für, and the index folds "Ü" to "ü" (`CaseFold`).
        XCTAssertEqual(literals("(?i)für uns"), ["für uns"])
        XCTAssertEqual(literals("für uns"), ["für uns"])
        XCTAssertEqual(literals("(?i)РЕКЛАМА|Σοφία"), ["реклама", "σοφία"])
        // Under (?i) "ß" also matches "ss" and "İ" "i̇": no literal holds them.
        XCTAssertEqual(literals("(?i)große welt"), ["e welt"])
        XCTAssertEqual(literals("(?i)İstanbul"), ["stanbul"])
    }

    func testFoldedTypographyInALiteral() {
        // Rules read ’ as ' and … as ...: a quote stands for every character that folds
        // to it (the raw bytes hold any), a dot for nothing.
        XCTAssertEqual(literals("don't stop"), ["don't stop", "don\u{2018}t stop", "don\u{2019}t stop", "don\u{201A}t stop",
                                                "don\u{201B}t stop", "don\u{2039}t stop", "don\u{203A}t stop"])
        XCTAssertEqual(literals("(?:wait\\.\\.\\.)"), ["wait"])
    }

    func testCaseInsensitiveDoubleSAlsoStandsAsSharpS() {
        XCTAssertEqual(literals("(?i)strasse"), ["strasse", "straße", "straẞe"])
        XCTAssertEqual(literals("strasse"), ["strasse"], "case counts: ICU reads ß only as ß")
    }

    func testZeroWidthGroupsAndFlagsAddNothing() {
        XCTAssertEqual(literals("(?<![\\p{Ll}])(?=\\s)(?i:share)\\b"), ["share"])
        XCTAssertEqual(literals("(?<value>Getty Images|Reuters)$"), ["getty images", "reuters"])
    }

    private func leading(_ pattern: String) -> Set<String>? {
        RegexLiterals.read(pattern)?.leading.map { Set($0.map { String(decoding: $0, as: UTF8.self) }) }
    }

    func testLeadingLiteralsAreWhatEveryMatchStartsWith() {
        XCTAssertEqual(leading("(?i)(?:home|suche|首页)\\W{0,3}"), ["home", "suche", "首页"])
        XCTAssertEqual(leading("(?:File )?Photo: \\w+"), ["file photo: ", "photo: "])
        XCTAssertNil(leading("\\p{Lu}\\w+ (?:editor|writer)"), "contains a literal, starts with none")
        XCTAssertNil(leading("(?:Photo)?: \\w+"), "an optional start")
        // Under (?i) "ss" also matches ß and ẞ: every spelling of each (a piece from the
        // middle, enough for a contained literal, is no start); cut before "sss".
        XCTAssertEqual(leading("(?i)passwort vergessen"), Set(["ss", "ß", "ẞ"].flatMap { a in
            ["ss", "ß", "ẞ"].map { "pa\(a)wort verge\($0)en" } }))
        XCTAssertEqual(leading("(?i)schlosssee"), ["schlo"])
    }

    func testPatternsThatNeedADigitAreKnown() {
        XCTAssertTrue(needsDigit("\\d{1,2}:\\d{2}"))
        XCTAssertTrue(needsDigit("(?:Updated )?\\d+ (?:min|h)"))
        XCTAssertTrue(needsDigit("(?=.*\\d)[\\p{L} ]+"), "a positive look-ahead's digit is in the block")
        XCTAssertFalse(needsDigit("(?!.*\\d)\\w+"), "a negative one's is not")
        XCTAssertFalse(needsDigit("(?:\\d+|an?) minutes"), "one alternative has none")
        XCTAssertFalse(needsDigit("(?:\\d+)?x"))
        XCTAssertTrue(RegexLiterals.mentionsDigitClass("a\\d"))
        XCTAssertFalse(RegexLiterals.mentionsDigitClass("a\\\\d"), "an escaped backslash, then d")
    }

    /// Every sample line a built-in pattern that needs a digit matches holds one.
    func testEveryBuiltinPatternThatNeedsADigitMatchesOnlyWithOne() throws {
        let lines = try sampleLines() + annotatedLines()
        var patterns = 0, matches = 0
        for pack in try BuiltinRules.load() {
            for rule in pack.rules {
                for pattern in (rule.pattern.map { [$0] } ?? []) + (rule.patterns ?? []) where needsDigit(pattern) {
                    patterns += 1
                    let re = try ICURegex(pattern)
                    for line in lines {
                        let bytes = Array(line.utf8)
                        let matched = bytes.withUnsafeBufferPointer { buf -> Bool in
                            guard let view = UTF16Text(buf) else { return false }
                            return (try? re.run(view, 0..<buf.count, mode: .find)) != nil
                        }
                        guard matched else { continue }
                        matches += 1
                        XCTAssertTrue(bytes.withUnsafeBufferPointer { mayHoldDigit($0, 0..<$0.count) }, "\(rule.id): \(line.prefix(100))")
                    }
                }
            }
        }
        XCTAssertGreaterThan(patterns, 10)
        XCTAssertGreaterThan(matches, 50, "the samples exercise them (\(matches) matches)")
    }

    /// A block that may hold a digit is one an ASCII digit or the lead byte of a block with
    /// digits of its own is in: every decimal digit Unicode has is found.
    func testEveryDecimalDigitIsFoundInABlock() {
        func may(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { mayHoldDigit($0, 0..<$0.count) } }
        XCTAssertTrue(may("Am 3. Mai"))
        XCTAssertFalse(may("Über „Zitate“ und Émile"))
        var missed: [String] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let c = Unicode.Scalar(v), c.properties.generalCategory == .decimalNumber else { continue }
            if !may(String(Character(c))) { missed.append(String(v, radix: 16)) }
        }
        XCTAssertEqual(missed, [])
    }

    /// Every match of every built-in pattern, on every line of the samples, holds one of
    /// the pattern's literals (ignoring case as `LiteralIndex` folds it), and a match of a
    /// whole line starts with one of its leading literals.
    func testEveryBuiltinPatternMatchHoldsOneOfItsLiterals() throws {
        let lines = try sampleLines() + annotatedLines()
        var withLiterals = 0, checkedMatches = 0, checkedStarts = 0
        for pack in try BuiltinRules.load() {
            for rule in pack.rules {
                for pattern in (rule.pattern.map { [$0] } ?? []) + (rule.patterns ?? []) + [rule.start, rule.end].compactMap({ $0 }) {
                    guard let lits = RegexLiterals.required(pattern) else { continue }
                    withLiterals += 1
                    let re = try ICURegex(pattern)
                    for line in lines {
                        let bytes = Array(line.utf8)
                        let found = bytes.withUnsafeBufferPointer { buf -> ICURegex.Match? in
                            guard let view = UTF16Text(buf) else { return nil }
                            return try? re.run(view, 0..<buf.count, mode: .find)
                        }
                        guard let m = found else { continue }
                        checkedMatches += 1
                        let hit = bytes.withUnsafeBufferPointer { buf in
                            lits.contains { containsIgnoringCase(buf, m.range, $0) }
                        }
                        XCTAssertTrue(hit, "\(rule.id): \(line.prefix(120)) matched without any of its literals")
                        guard let starts = RegexLiterals.read(pattern)?.leading, m.range == 0..<bytes.count else { continue }
                        checkedStarts += 1
                        let starting = bytes.withUnsafeBufferPointer { buf in
                            starts.contains { $0.count <= buf.count && containsIgnoringCase(buf, 0..<$0.count, $0) }
                        }
                        XCTAssertTrue(starting, "\(rule.id): \(line.prefix(120)) matched as a whole, starting with none of its leading literals")
                    }
                }
            }
        }
        XCTAssertGreaterThan(withLiterals, 80, "most built-in patterns have literals")
        // Patterns with a branch in a script of other letters (Cyrillic, CJK) have none
        // to read off; their rules declare `requires`, checked by the test below.
        XCTAssertGreaterThan(checkedMatches, 150, "the samples exercise the patterns (\(checkedMatches) matches)")
        XCTAssertGreaterThan(checkedStarts, 50, "whole lines matched by patterns with leading literals (\(checkedStarts))")
    }

    /// A rule's `requires` is its prefilter: every sample line that its gated pattern
    /// (`start` of a list or span, else its pattern) matches as the stage matches it
    /// holds one of the literals, ignoring case as `LiteralIndex` folds it. A branch
    /// added to a pattern without its literal would otherwise never run.
    func testEveryBuiltinRequiresListHoldsForItsPatternMatches() throws {
        let lines = try sampleLines() + annotatedLines()
        var rulesChecked = 0, checkedMatches = 0
        for pack in try BuiltinRules.load() {
            for rule in pack.rules where rule.scope != .run {
                guard let requires = rule.requires, let pattern = rule.start ?? rule.pattern else { continue }
                rulesChecked += 1
                let literals = requires.flatMap { foldVariants(Array($0.lowercased().utf8)) }
                let re = try ICURegex(pattern)
                for line in lines {
                    let bytes = Array(line.utf8)
                    let fires = bytes.withUnsafeBufferPointer { buf -> Bool in
                        guard let view = UTF16Text(buf) else { return false }
                        let all = 0..<buf.count
                        switch rule.scope {
                        case .prefix:
                            return (try? re.run(view, all, mode: .lookingAt)).flatMap { $0 }.map { !$0.range.isEmpty } ?? false
                        case .suffix:
                            return (try? re.run(view, all, mode: .find)).flatMap { $0 }.map { !$0.range.isEmpty && $0.range.upperBound == buf.count } ?? false
                        default:
                            switch rule.anchor ?? .whole {
                            case .whole: return (try? re.run(view, all, mode: .matches)).flatMap { $0 } != nil
                            case .any: return (try? re.run(view, all, mode: .find)).flatMap { $0 } != nil
                            case .end: return (try? re.run(view, all, mode: .find)).flatMap { $0 }.map { $0.range.upperBound == buf.count } ?? false
                            }
                        }
                    }
                    guard fires, line.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { continue }
                    checkedMatches += 1
                    let hit = bytes.withUnsafeBufferPointer { buf in
                        literals.contains { containsIgnoringCase(buf, 0..<buf.count, $0) }
                    }
                    XCTAssertTrue(hit, "\(rule.id): \(line.prefix(120)) matched without any of its `requires`")
                }
            }
        }
        XCTAssertGreaterThan(rulesChecked, 60, "most built-in rules declare requires")
        XCTAssertGreaterThan(checkedMatches, 200, "the samples exercise the gated patterns (\(checkedMatches) matches)")
    }

    /// The lines of the annotated samples (`Samples/annotated`, one tag and `|` before
    /// each), leaving out those with repair or inline markup.
    private func annotatedLines() throws -> [String] {
        let folder = repoRoot.appendingPathComponent("Samples/annotated")
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".ann") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let bar = line.firstIndex(of: "|") else { continue }
                let body = line[line.index(after: bar)...]
                if body.isEmpty || body.contains("{{") || body.contains("[[") || body.contains("\\u{") { continue }
                lines.append(String(body))
            }
        }
        return lines
    }

    /// Every line of the samples' inputs and expected outputs.
    private func sampleLines() throws -> [String] {
        var lines: [String] = []
        for (input, expected) in try samplePairs() {
            for url in [input, expected] {
                lines += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            }
        }
        return lines
    }
}
