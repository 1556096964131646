/// A rule from a pack with its patterns compiled.
final class CompiledRule {
    let spec: RuleSpec
    let pack: String
    let category: String
    /// `pattern` for block/prefix/suffix rules, `patterns` for runs.
    let patterns: [ICURegex]
    let start: ICURegex?
    let end: ICURegex?
    /// `requires`, lower-cased, as bytes.
    let required: [[UInt8]]
    /// Numbers of `required` in the owning stage's `LiteralIndex` (set by the stage on
    /// its own clone of the rules).
    var requiredIDs: [Int] = []

    init(spec: RuleSpec, pack: RulePack) throws {
        self.spec = spec
        self.pack = pack.pack
        self.category = spec.category ?? pack.category
        func compile(_ p: String, _ field: String) throws -> ICURegex {
            do { return try ICURegex(p) } catch let e as ICURegex.CompileError {
                throw RulePack.Invalid(source: pack.pack, problem: "rule \(spec.id): \(field) does not compile: \(e.message)")
            }
        }
        var ps: [ICURegex] = []
        if let p = spec.pattern { ps.append(try compile(p, "pattern")) }
        for p in spec.patterns ?? [] { ps.append(try compile(p, "patterns")) }
        self.patterns = ps
        self.start = try spec.start.map { try compile($0, "start") }
        self.end = try spec.end.map { try compile($0, "end") }
        self.required = (spec.requires ?? []).flatMap { foldVariants(Array($0.lowercased().utf8)) }
    }

    private init(copying other: CompiledRule) {
        spec = other.spec
        pack = other.pack
        category = other.category
        patterns = other.patterns.map { $0.clone() }
        start = other.start?.clone()
        end = other.end?.clone()
        required = other.required
    }

    func clone() -> CompiledRule { CompiledRule(copying: self) }

    /// True when a block of `words` words is within the rule's size limits.
    @inline(__always)
    func fits(words: Int, defaultMax: Int) -> Bool {
        words >= (spec.minWords ?? 0) && words <= (spec.maxWords ?? defaultMax)
    }
}

/// A required literal and, when it holds ASCII quotes or "...", its forms with each
/// typographic character that folds to them (patterns read folded text, see `UTF16Text`;
/// the literal prefilter reads the bytes as they are). One typographic form throughout
/// a literal keeps the forms few.
func foldVariants(_ literal: [UInt8]) -> [[UInt8]] {
    var forms = [literal]
    func substitute(_ ascii: [UInt8], _ typographic: [String]) {
        guard literal.count >= ascii.count else { return }
        for t in typographic {
            var form: [UInt8] = [], i = 0, changed = false
            while i < literal.count {
                if literal[i...].starts(with: ascii) { form += Array(t.utf8); i += ascii.count; changed = true }
                else { form.append(literal[i]); i += 1 }
            }
            if changed { forms.append(form) }
        }
    }
    substitute([0x27], typographicForms[0x27]!)
    substitute([0x22], typographicForms[0x22]!)
    substitute([0x2E, 0x2E, 0x2E], ["\u{2026}"])
    return forms
}

/// The characters that fold to ' and to ", by the one table (`foldedQuoteUnit`).
private let typographicForms: [UInt32: [String]] = {
    var forms: [UInt32: [String]] = [:]
    for c in UInt32(0x80)...0x2FFF where foldedQuoteUnit(c) != c {
        forms[foldedQuoteUnit(c), default: []].append(String(UnicodeScalar(c)!))
    }
    return forms
}()

/// The enabled rules of all packs, grouped by scope, in pack order.
final class RuleSet {
    let rules: [CompiledRule]

    init(packs: [RulePack], configuration: Configuration) throws {
        var rules: [CompiledRule] = []
        var ids = Set<String>()
        for pack in packs {
            for spec in pack.rules where !configuration.isDisabled(rule: spec.id, pack: pack.pack) {
                guard ids.insert(spec.id).inserted else {
                    throw RulePack.Invalid(source: pack.pack, problem: "rule \(spec.id): id already used by another pack")
                }
                rules.append(try CompiledRule(spec: spec, pack: pack))
            }
        }
        self.rules = rules
    }

    private init(rules: [CompiledRule]) { self.rules = rules }

    /// Matchers of its own for another worker thread.
    func clone() -> RuleSet { RuleSet(rules: rules.map { $0.clone() }) }

    func scoped(_ scope: RuleScope) -> [CompiledRule] { rules.filter { $0.spec.scope == scope } }
}

/// Where the `requires` literals occur in one document, found in one pass over it (on
/// the first question about the document), so that each block, prefix or suffix check is
/// a binary search instead of a scan per literal. Same answer as
/// `containsIgnoringASCIICase` on the same range.
struct LiteralIndex {
    /// Distinct literals, lower-cased, as bytes.
    private(set) var literals: [[UInt8]] = []
    private var ids: [[UInt8]: Int] = [:]
    /// The literals laid out for the scan; nil after `id` adds one, made again on the
    /// next scan.
    private var tables: ScanTables?
    /// Every occurrence of every literal in the document, by literal: the start offsets of
    /// literal `i` are `positions[occStart[i]..<occStart[i + 1]]`, sorted (overlapping ones too).
    private var positions: [Int32] = [], occStart: [Int32] = []
    /// The scan's hits in text order, before they are grouped by literal.
    private var hits: [(id: Int32, at: Int32)] = []
    private var built = false

    /// The number of `literal` (not empty), adding it if new.
    mutating func id(_ literal: [UInt8]) -> Int {
        if let id = ids[literal] { return id }
        let id = literals.count
        ids[literal] = id
        literals.append(literal)
        tables = nil
        return id
    }

    /// Forgets the previous document.
    mutating func reset() {
        built = false
    }

    /// True when `ids` is empty or `text[range]` contains one of those literals,
    /// ignoring ASCII case.
    @inline(__always)
    mutating func mayMatch(_ ids: [Int], _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if ids.isEmpty { return true }
        if !built { build(text) }
        // Offsets are kept as Int32: a text of 2 GiB or more is scanned range by range.
        if text.count >= Int(Int32.max) { return ids.contains { containsIgnoringASCIICase(text, range, literals[$0]) } }
        for id in ids where contains(id, range) { return true }
        return false
    }

    private func contains(_ id: Int, _ range: Range<Int>) -> Bool {
        let n = literals[id].count
        guard n <= range.count else { return false }
        // First occurrence starting at or after the range's start.
        var lo = Int(occStart[id]), hi = Int(occStart[id + 1])
        let end = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(positions[mid]) < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < end && Int(positions[lo]) + n <= range.upperBound
    }

    private mutating func build(_ text: UnsafeBufferPointer<UInt8>) {
        built = true
        hits.removeAll(keepingCapacity: true)
        let n = text.count
        if n > 0, n < Int(Int32.max) {
            if tables == nil { tables = ScanTables(literals) }
            tables!.scan(text, into: &hits)
        }
        // Group the hits by literal (a counting sort keeps each literal's in text order).
        let count = literals.count
        occStart = [Int32](repeating: 0, count: count + 1)
        for h in hits { occStart[Int(h.id) + 1] += 1 }
        for i in 0..<count { occStart[i + 1] += occStart[i] }
        positions = [Int32](repeating: 0, count: hits.count)
        var next = occStart
        for h in hits {
            positions[Int(next[Int(h.id)])] = h.at
            next[Int(h.id)] += 1
        }
    }
}

/// `LiteralIndex`'s literals, laid out for its one pass over a text, in memory of their
/// own (nothing to retain or bounds-check per byte). Made once per set of literals and
/// never changed, so copies of an index share them.
///
/// Literals of one byte are found by that byte, of two by the pair, of three by a hash of
/// the three and of four or more by a hash of the first four, each behind a bit per key
/// that fits in cache. Bucketing the long ones by four bytes leaves few positions to look
/// at: common pairs ("re", "co") start dozens of literals, and common triples ("the",
/// "por") start several, but on article text only about one position in twenty-five
/// begins the first four bytes of some literal.
private final class ScanTables {
    /// All literals end to end: literal `i` is `bytes[start[i]..<start[i + 1]]`.
    let bytes: UnsafeMutableBufferPointer<UInt8>, start: UnsafeMutableBufferPointer<Int32>
    /// The literal of one byte by that byte, of two by `b0 << 8 | b1` (-1: none; literals
    /// are distinct, so there is one at most).
    let byByte: UnsafeMutableBufferPointer<Int32>, byPair: UnsafeMutableBufferPointer<Int32>
    let pairBits: UnsafeMutableBufferPointer<UInt64>
    let three: HashedLists, four: HashedLists

    init(_ literals: [[UInt8]]) {
        bytes = .allocate(capacity: max(1, literals.reduce(0) { $0 + $1.count }))
        start = .allocate(capacity: literals.count + 1)
        byByte = .allocate(capacity: 256)
        byByte.initialize(repeating: -1)
        byPair = .allocate(capacity: 65536)
        byPair.initialize(repeating: -1)
        pairBits = .allocate(capacity: 1024)
        pairBits.initialize(repeating: 0)
        var threes: [(key: Int, id: Int32)] = [], fours: [(key: Int, id: Int32)] = []
        var at = 0
        for (id, literal) in literals.enumerated() {
            start[id] = Int32(at)
            for b in literal { bytes[at] = b; at += 1 }
            switch literal.count {
            case 1: byByte[Int(literal[0])] = Int32(id)
            case 2:
                let key = Int(literal[0]) << 8 | Int(literal[1])
                byPair[key] = Int32(id)
                pairBits[key >> 6] |= 1 << UInt64(key & 63)
            case 3: threes.append((Self.key(literal[0], literal[1], literal[2], 0), Int32(id)))
            default: fours.append((Self.key(literal[0], literal[1], literal[2], literal[3]), Int32(id)))
            }
        }
        start[literals.count] = Int32(at)
        three = HashedLists(threes)
        four = HashedLists(fours)
    }

    deinit {
        bytes.deallocate(); start.deallocate(); byByte.deallocate(); byPair.deallocate()
        pairBits.deallocate()
    }

    /// A 16-bit hash of a literal's first three bytes (`d` 0) or four.
    @inline(__always) static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        (Int(a) &* 0x9E3 ^ Int(b) &* 0x3B1 ^ Int(c) &* 0x65 ^ Int(d) &* 0x1D7) & 0xFFFF
    }

    /// One pass over the text, ASCII case folded, appending where each literal starts,
    /// in text order.
    func scan(_ text: UnsafeBufferPointer<UInt8>, into found: inout [(id: Int32, at: Int32)]) {
        let n = text.count
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
        @inline(__always) func at(_ i: Int) -> UInt8 { i < n ? fold(text[i]) : 0 }
        /// Whether literal `id` starts at `i`, its first `known` bytes already compared.
        @inline(__always) func matches(_ id: Int, _ i: Int, _ known: Int) -> Bool {
            let lo = Int(start[id]), length = Int(start[id + 1]) - lo
            guard i + length <= n else { return false }
            var k = known
            while k < length, fold(text[i + k]) == bytes[lo + k] { k += 1 }
            return k == length
        }
        // The bytes at i ..< i + 4, folded (0 past the end: the length checks keep every
        // match inside the text).
        var a = at(0), b = at(1), c = at(2), d = at(3)
        for i in 0..<n {
            let single = byByte[Int(a)]
            if single >= 0 { found.append((single, Int32(i))) }
            let pair = Int(a) << 8 | Int(b)
            if pairBits[pair >> 6] & (1 << UInt64(pair & 63)) != 0, i + 2 <= n {
                found.append((byPair[pair], Int32(i)))
            }
            let k3 = Self.key(a, b, c, 0)
            if three.has(k3) {
                for id in three.bucket(k3) where matches(Int(id), i, 0) { found.append((id, Int32(i))) }
            }
            let k4 = Self.key(a, b, c, d)
            if four.has(k4) {
                for id in four.bucket(k4) where matches(Int(id), i, 0) { found.append((id, Int32(i))) }
            }
            a = b; b = c; c = d; d = at(i + 4)
        }
    }
}

/// Literal numbers bucketed by a 16-bit key, behind a bit per key.
private final class HashedLists {
    let bits: UnsafeMutableBufferPointer<UInt64>
    /// The bucket of key `k` is `ids[start[k]..<start[k + 1]]`.
    let start: UnsafeMutableBufferPointer<Int32>, ids: UnsafeMutableBufferPointer<Int32>

    init(_ entries: [(key: Int, id: Int32)]) {
        bits = .allocate(capacity: 1024)
        bits.initialize(repeating: 0)
        start = .allocate(capacity: 65537)
        start.initialize(repeating: 0)
        ids = .allocate(capacity: max(1, entries.count))
        for e in entries {
            bits[e.key >> 6] |= 1 << UInt64(e.key & 63)
            start[e.key + 1] += 1
        }
        for k in 0..<65536 { start[k + 1] += start[k] }
        var next = Array(start)
        for e in entries {
            ids[Int(next[e.key])] = e.id
            next[e.key] += 1
        }
    }

    deinit { bits.deallocate(); start.deallocate(); ids.deallocate() }

    @inline(__always) func has(_ key: Int) -> Bool { bits[key >> 6] & (1 << UInt64(key & 63)) != 0 }
    @inline(__always) func bucket(_ key: Int) -> UnsafeMutableBufferPointer<Int32>.SubSequence {
        ids[Int(start[key])..<Int(start[key + 1])]
    }
}

/// Whether `text[range]` contains `needle` (given in lower case), ignoring ASCII case: the
/// plain scan that `LiteralIndex` must agree with (its tests use it as the reference).
func containsIgnoringASCIICase(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= range.count else { return false }
    let last = range.upperBound - needle.count
    var i = range.lowerBound
    while i <= last {
        let b = text[i]
        if b == first || (b >= 0x41 && b <= 0x5A && b | 0x20 == first) {
            var k = 1
            while k < needle.count {
                let c = text[i + k]
                let folded = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if folded != needle[k] { break }
                k += 1
            }
            if k == needle.count { return true }
        }
        i += 1
    }
    return false
}
