import XCTest
@testable import Winnow

/// The one-pass literal index that filters rules must give the same answer as scanning
/// each range for each literal.
final class LiteralIndexTests: XCTestCase {
    func testIndexAgreesWithAPlainScanOnRandomText() {
        var rng = SystemRandomNumberGenerator()
        // Characters, some beyond ASCII in both cases (the index folds them as `CaseFold` does).
        let alphabet = ["a", "b", "c", "A", "B", " ", "C", ".", "©", "é", "É", "\n", "р", "Р", "σ", "Σ", "ς"].map { Array($0.utf8) }
        let literals = ["a", "ab", "cab", "b c", "©", "é", "abca", "ab c", "рσ", "Éa", "ς", "abcab"].map { Array($0.utf8) }
        // One index for all texts, reset between them, as the boilerplate stage keeps one
        // per worker (and a literal added midway, as a user rule pack would).
        var index = LiteralIndex()
        var ids = literals.dropLast().map { index.id($0) }
        for round in 0..<300 {
            if round == 150 { ids.append(index.id(literals.last!)) }
            let literals = Array(literals.prefix(ids.count))
            // Now and then a text long enough to be scanned as two halves.
            let length = round % 10 == 0 ? Int.random(in: LiteralAutomaton.splitLength..<1500, using: &rng) : Int.random(in: 0..<60, using: &rng)
            var text: [UInt8] = []
            while text.count < length { text += alphabet.randomElement(using: &rng)! }
            let n = text.count
            index.reset()
            text.withUnsafeBufferPointer { buf in
                for _ in 0..<20 {
                    let a = Int.random(in: 0...n, using: &rng), b = Int.random(in: a...n, using: &rng)
                    XCTAssertTrue(index.mark(buf, a..<b))
                    for (k, lit) in literals.enumerated() {
                        let plain = containsIgnoringCase(buf, a..<b, lit)
                        XCTAssertEqual(index.mayMatch([ids[k]], buf, a..<b), plain,
                                       "\(String(decoding: text, as: UTF8.self)) [\(a),\(b)) \(String(decoding: lit, as: UTF8.self))")
                        XCTAssertEqual(index.markedAny([ids[k]]), plain, "marked: [\(a),\(b)) \(String(decoding: lit, as: UTF8.self))")
                        // The literal where the range starts (a whole line's match starts there).
                        let byteLength = CaseFold.literal(lit).count
                        let atStart = a + byteLength <= b && containsIgnoringCase(buf, a..<(a + byteLength), lit)
                        XCTAssertEqual(index.markedAnyAtStart([ids[k]]), atStart, "at start: [\(a),\(b)) \(String(decoding: lit, as: UTF8.self))")
                    }
                    let some = ids.filter { _ in Bool.random(using: &rng) }
                    let any = some.isEmpty || zip(ids, literals).contains { some.contains($0.0) && containsIgnoringCase(buf, a..<b, $0.1) }
                    XCTAssertEqual(index.markedAny(some), any)
                    // As sets, read from the range's hits when they are fewer than the set.
                    let set = index.set(some)
                    XCTAssertEqual(index.markedAny(set), any, "set: [\(a),\(b)) \(some)")
                    XCTAssertEqual(index.markedAnyAtStart(set), index.markedAnyAtStart(some), "set at start: [\(a),\(b)) \(some)")
                }
            }
        }
    }

    /// A text of `LiteralAutomaton.splitLength` bytes or more is scanned as two halves at
    /// once: it must find every occurrence a plain search finds, once, in the order the
    /// occurrences end, including those that cross the middle.
    func testTwoChainScanFindsEveryOccurrenceInOrder() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abAB c".utf8)
        let literals = ["a", "ab", "bab", "b a", "abab", "babba", "aaaaaaaaaaaaaaaaaaaa"].map { Array($0.utf8) }
        let automaton = LiteralAutomaton(literals)
        var found: [(id: Int32, at: Int32)] = [], scratch: [(id: Int32, at: Int32)] = []
        for _ in 0..<60 {
            let n = Int.random(in: LiteralAutomaton.splitLength..<(3 * LiteralAutomaton.splitLength), using: &rng)
            // Runs of "a" around the middle, so the longest literal crosses it.
            var text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            let shift = Int.random(in: -25...5, using: &rng)
            for k in (n / 2 + shift)..<(n / 2 + shift + 24) { text[k] = 0x61 }
            found.removeAll()
            text.withUnsafeBufferPointer { automaton.scan($0, into: &found, scratch: &scratch) }
            var expected: [(id: Int32, at: Int32)] = []
            text.withUnsafeBufferPointer { buf in
                for (id, lit) in literals.enumerated() {
                    for at in 0...(n - lit.count) where containsIgnoringASCIICase(buf, at..<(at + lit.count), lit) {
                        expected.append((Int32(id), Int32(at)))
                    }
                }
            }
            func key(_ h: (id: Int32, at: Int32)) -> [Int32] { [h.at + Int32(literals[Int(h.id)].count), h.id, h.at] }
            XCTAssertEqual(found.map(key).sorted { $0.lexicographicallyPrecedes($1) },
                           expected.map(key).sorted { $0.lexicographicallyPrecedes($1) })
            let ends = found.map { $0.at + Int32(literals[Int($0.id)].count) }
            XCTAssertEqual(ends, ends.sorted(), "hits out of end order")
        }
    }

    /// Only the shallow states have full rows; deeper ones follow failure links. Whatever
    /// the depth that splits the two, a scan must find what a plain search finds, and every
    /// depth the same hits in the same order (here with literals that share prefixes and
    /// suffixes, so that failure links lead from deep states to other deep states).
    func testEveryRowDepthFindsTheSameHits() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcAB é".utf8)
        for _ in 0..<40 {
            var literals: [[UInt8]] = []
            while literals.count < 12 {
                let literal = CaseFold.literal((0..<Int.random(in: 1...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
                if !literal.isEmpty, !literals.contains(literal) { literals.append(literal) }
            }
            let automata = [1, 2, 3, 5, 100].map { LiteralAutomaton(literals, denseDepth: $0) }
            let n = Int.random(in: 0..<(3 * LiteralAutomaton.splitLength), using: &rng)
            let text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            var scratch: [(id: Int32, at: Int32)] = []
            let found: [[[Int32]]] = automata.map { automaton in
                var hits: [(id: Int32, at: Int32)] = []
                text.withUnsafeBufferPointer { automaton.scan($0, into: &hits, scratch: &scratch) }
                return hits.map { [$0.id, $0.at] }
            }
            var expected: [[Int32]] = []
            text.withUnsafeBufferPointer { buf in
                for (id, lit) in literals.enumerated() where lit.count <= n {
                    for at in 0...(n - lit.count) where containsIgnoringASCIICase(buf, at..<(at + lit.count), lit) {
                        expected.append([Int32(id), Int32(at)])
                    }
                }
            }
            let sortedExpected = expected.sorted { $0.lexicographicallyPrecedes($1) }
            for (k, hits) in found.enumerated() {
                XCTAssertEqual(hits.sorted { $0.lexicographicallyPrecedes($1) }, sortedExpected, "depth index \(k)")
                XCTAssertEqual(hits, found.last!, "depth index \(k): order")
            }
        }
    }
}
