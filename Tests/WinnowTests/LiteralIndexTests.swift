import XCTest
@testable import Winnow

/// The one-pass literal index that filters rules must give the same answer as scanning
/// each range for each literal.
final class LiteralIndexTests: XCTestCase {
    func testIndexAgreesWithAPlainScanOnRandomText() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcAB C.©é\n".utf8)
        let literals = ["a", "ab", "cab", "b c", "©", "é", "abca", "ab c", "abcab"].map { Array($0.lowercased().utf8) }
        // One index for all texts, reset between them, as the boilerplate stage keeps one
        // per worker (and a literal added midway, as a user rule pack would).
        var index = LiteralIndex()
        var ids = literals.dropLast().map { index.id($0) }
        for round in 0..<300 {
            if round == 150 { ids.append(index.id(literals.last!)) }
            let literals = Array(literals.prefix(ids.count))
            let n = Int.random(in: 0..<60, using: &rng)
            let text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            index.reset()
            text.withUnsafeBufferPointer { buf in
                for _ in 0..<20 {
                    let a = Int.random(in: 0...n, using: &rng), b = Int.random(in: a...n, using: &rng)
                    for (k, lit) in literals.enumerated() {
                        XCTAssertEqual(index.mayMatch([ids[k]], buf, a..<b), containsIgnoringASCIICase(buf, a..<b, lit),
                                       "\(String(decoding: text, as: UTF8.self)) [\(a),\(b)) \(String(decoding: lit, as: UTF8.self))")
                    }
                }
            }
        }
    }
}
