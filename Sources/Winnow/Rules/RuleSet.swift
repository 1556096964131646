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
    /// Literals of one byte, by that byte (-1: none).
    private var byByte = [Int32](repeating: -1, count: 256)
    /// Literals of two bytes or more, by their first two bytes: `byPair[b0 << 8 | b1]` is
    /// an index into `pairLists` (-1: none).
    private var byPair = [Int32](repeating: -1, count: 65536)
    private var pairLists: [[Int]] = []
    /// One bit per entry of `byPair` that is set: a small table, so the scan stays in cache.
    private var pairBits = [UInt64](repeating: 0, count: 1024)
    /// A bit per hashed first three bytes of the literals of three bytes or more, and per
    /// first two bytes of those of two (`triKey`): common pairs ("re", "co") start many
    /// literals, and this second small table turns most of their hits away unread.
    private var triBits = [UInt64](repeating: 0, count: 1024)
    /// The literals and pair lists laid out flat for the scan (no nested arrays to retain
    /// on every byte): literal `i` is `flatBytes[flatStart[i]..<flatStart[i + 1]]`, pair
    /// list `j` is `flatPairs[pairStart[j]..<pairStart[j + 1]]`. Made again after `id` adds one.
    private var flatBytes: [UInt8] = [], flatStart: [Int32] = [0]
    private var flatPairs: [Int32] = [], pairStart: [Int32] = [0]
    private var flatStale = false
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
        if literal.count == 1 {
            byByte[Int(literal[0])] = Int32(id)
        } else {
            let t = literal.count == 2 ? Self.triKey(literal[0], literal[1], nil) : Self.triKey(literal[0], literal[1], literal[2])
            triBits[t >> 6] |= 1 << UInt64(t & 63)
            let key = Int(literal[0]) << 8 | Int(literal[1])
            if byPair[key] < 0 { byPair[key] = Int32(pairLists.count); pairLists.append([]) }
            pairBits[key >> 6] |= 1 << UInt64(key & 63)
            pairLists[Int(byPair[key])].append(id)
        }
        flatStale = true
        return id
    }

    /// A 16-bit hash of a literal's first three bytes (or of its two, `third` nil).
    @inline(__always) static func triKey(_ a: UInt8, _ b: UInt8, _ third: UInt8?) -> Int {
        let c = third.map { Int($0) } ?? 0x100
        return (Int(a) &* 0x9E3 ^ Int(b) &* 0x3B1 ^ c &* 0x65) & 0xFFFF
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

    private mutating func flatten() {
        flatStale = false
        flatBytes = literals.flatMap { $0 }
        flatStart = [0]
        for lit in literals { flatStart.append(flatStart.last! + Int32(lit.count)) }
        flatPairs = pairLists.flatMap { $0.map(Int32.init) }
        pairStart = [0]
        for list in pairLists { pairStart.append(pairStart.last! + Int32(list.count)) }
    }

    private mutating func build(_ text: UnsafeBufferPointer<UInt8>) {
        built = true
        if flatStale { flatten() }
        hits.removeAll(keepingCapacity: true)
        let n = text.count
        if n > 0, n < Int(Int32.max) { scan(text) }
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

    /// One pass over the text, case folded, noting where each literal starts.
    private mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
        let n = text.count
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
        var found = hits
        hits = []
        defer { hits = found }
        byByte.withUnsafeBufferPointer { byByte in
        byPair.withUnsafeBufferPointer { byPair in
        pairBits.withUnsafeBufferPointer { pairBits in
        triBits.withUnsafeBufferPointer { triBits in
        flatBytes.withUnsafeBufferPointer { bytes in
        flatStart.withUnsafeBufferPointer { start in
        flatPairs.withUnsafeBufferPointer { pairs in
        pairStart.withUnsafeBufferPointer { pairStart in
            var prev = fold(text[0])
            for i in 0..<n {
                let single = byByte[Int(prev)]
                if single >= 0 { found.append((single, Int32(i))) }
                guard i + 1 < n else { break }
                let next = fold(text[i + 1])
                let key = Int(prev) << 8 | Int(next)
                if pairBits[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                    let two = Self.triKey(prev, next, nil)
                    if triBits[two >> 6] & (1 << UInt64(two & 63)) == 0 {
                        guard i + 2 < n else { prev = next; continue }
                        let three = Self.triKey(prev, next, fold(text[i + 2]))
                        if triBits[three >> 6] & (1 << UInt64(three & 63)) == 0 { prev = next; continue }
                    }
                    let slot = Int(byPair[key])
                    for p in Int(pairStart[slot])..<Int(pairStart[slot + 1]) {
                        let id = Int(pairs[p])
                        let lo = Int(start[id]), length = Int(start[id + 1]) - lo
                        guard i + length <= n else { continue }
                        var k = 2
                        while k < length, fold(text[i + k]) == bytes[lo + k] { k += 1 }
                        if k == length { found.append((Int32(id), Int32(i))) }
                    }
                }
                prev = next
            }
        }}}}}}}}
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
