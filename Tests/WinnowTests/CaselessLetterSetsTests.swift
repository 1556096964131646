import XCTest
@testable import Winnow

/// The rewrite that spares ICU the case closure of letter sets must not change what any
/// pattern matches.
final class CaselessLetterSetsTests: XCTestCase {
    /// Characters whose case behaviour is unusual: the combining iota subscript (folds to
    /// ι), Greek iotas, Roman numerals and circled letters (cased, but not letters), the
    /// Kelvin sign, long s, sharp s, dotted I, plus plain letters, a digit and a dash.
    private let probes: [String] = ["\u{345}", "\u{3B9}", "\u{399}", "\u{1FBE}", "\u{2160}", "\u{2170}", "\u{24B6}",
                                    "\u{24D0}", "\u{212A}", "\u{17F}", "\u{DF}", "\u{130}", "a", "Z", "é", "Ж", "7", "-", " "]

    private func matches(_ pattern: String, _ text: String, rewritten: Bool) throws -> ICURegex.Match? {
        let re = rewritten ? try ICURegex(pattern) : try ICURegex(unrewritten: pattern)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try re.run($0, 0..<$0.count, mode: .find) }
    }

    func testLetterSetsMatchTheSameAfterTheRewrite() throws {
        let patterns = ["(?i)x[\\p{L}]y", "(?i)x[^\\p{L}]y", "(?i)x[\\p{L}\\d .&'’-]y", "(?i)x[^\\p{L}\\d]y",
                        "(?i)x\\p{L}y", "(?i)x(?:a|[\\p{L}.-])y", "x(?i:[\\p{L}])y", "(?i)x(?-i:[\\p{L}])y",
                        "(?i)x[\\p{Lu}\\p{L}]y", "(?i)x[\\p{L}\\p{N}]y", "(?i)x[]\\p{L}]y", "(?i)x[\\p{L}ⅰ]y"]
        for pattern in patterns {
            for c in probes {
                let text = "x\(c)y"
                XCTAssertEqual(try matches(pattern, text, rewritten: true)?.range, try matches(pattern, text, rewritten: false)?.range,
                               "\(pattern) on U+\(String(c.unicodeScalars.first!.value, radix: 16))")
            }
        }
    }

    func testSetsItCannotVouchForAreLeftAsTheyAre() {
        XCTAssertEqual(CaselessLetterSets.rewrite("(?i)[\\p{L}ⅰ]"), "(?i)[\\p{L}ⅰ]", "a Roman numeral pairs outside the set")
        XCTAssertEqual(CaselessLetterSets.rewrite("(?i)[[a-z]\\p{L}]"), "(?i)[[a-z]\\p{L}]", "nested sets")
        XCTAssertEqual(CaselessLetterSets.rewrite("[\\p{L}]"), "[\\p{L}]", "case counts already")
        XCTAssertEqual(CaselessLetterSets.rewrite("(?i)[\\p{L}]"), "(?i)(?-i:[\\x{345}\\p{L}])")
    }

    /// Every built-in pattern finds the same match, rewritten or not, on every line of the
    /// samples and on the probe characters between letters.
    func testBuiltinPatternsMatchTheSameAfterTheRewrite() throws {
        var lines: [String] = []
        for (input, expected) in try samplePairs() {
            for url in [input, expected] {
                lines += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            }
        }
        lines += probes.map { "Read more: Anna\($0)Berg \($0) the council" }
        var rewrittenPatterns = 0
        for pack in try BuiltinRules.load() {
            for rule in pack.rules {
                for pattern in (rule.pattern.map { [$0] } ?? []) + (rule.patterns ?? []) + [rule.start, rule.end].compactMap({ $0 }) {
                    guard CaselessLetterSets.rewrite(pattern) != pattern else { continue }
                    rewrittenPatterns += 1
                    let fast = try ICURegex(pattern), slow = try ICURegex(unrewritten: pattern)
                    for line in lines {
                        let bytes = Array(line.utf8)
                        // (A run stopped by ICU's time limit decides nothing to compare.)
                        let (a, b) = bytes.withUnsafeBufferPointer { buf in
                            (Result { try fast.run(buf, 0..<buf.count, mode: .find)?.range },
                             Result { try slow.run(buf, 0..<buf.count, mode: .find)?.range })
                        }
                        if case .success(let x) = a, case .success(let y) = b {
                            XCTAssertEqual(x, y, "\(rule.id): \(line.prefix(100))")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(rewrittenPatterns, 15)
    }
}
