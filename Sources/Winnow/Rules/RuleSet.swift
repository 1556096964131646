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
    substitute([0x27], ["\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2039}", "\u{203A}"])
    substitute([0x22], ["\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{AB}", "\u{BB}"])
    substitute([0x2E, 0x2E, 0x2E], ["\u{2026}"])
    return forms
}

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
    /// Start offsets of every occurrence of each literal (overlapping ones too), sorted.
    private var occurrences: [[Int]] = []
    private var built = false

    /// The number of `literal` (not empty), adding it if new.
    mutating func id(_ literal: [UInt8]) -> Int {
        if let id = ids[literal] { return id }
        let id = literals.count
        ids[literal] = id
        literals.append(literal)
        occurrences.append([])
        if literal.count == 1 {
            byByte[Int(literal[0])] = Int32(id)
        } else {
            let key = Int(literal[0]) << 8 | Int(literal[1])
            if byPair[key] < 0 { byPair[key] = Int32(pairLists.count); pairLists.append([]) }
            pairBits[key >> 6] |= 1 << UInt64(key & 63)
            pairLists[Int(byPair[key])].append(id)
        }
        return id
    }

    /// Forgets the previous document.
    mutating func reset() {
        guard built else { return }
        built = false
        for i in occurrences.indices { occurrences[i].removeAll(keepingCapacity: true) }
    }

    /// True when `ids` is empty or `text[range]` contains one of those literals,
    /// ignoring ASCII case.
    @inline(__always)
    mutating func mayMatch(_ ids: [Int], _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if ids.isEmpty { return true }
        if !built { build(text) }
        for id in ids where contains(id, range) { return true }
        return false
    }

    private func contains(_ id: Int, _ range: Range<Int>) -> Bool {
        let n = literals[id].count
        guard n <= range.count else { return false }
        let occ = occurrences[id]
        // First occurrence starting at or after the range's start.
        var lo = 0, hi = occ.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if occ[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < occ.count && occ[lo] + n <= range.upperBound
    }

    private mutating func build(_ text: UnsafeBufferPointer<UInt8>) {
        built = true
        let n = text.count
        guard n > 0 else { return }
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
        var prev = fold(text[0])
        for i in 0..<n {
            let single = byByte[Int(prev)]
            if single >= 0 { occurrences[Int(single)].append(i) }
            guard i + 1 < n else { break }
            let next = fold(text[i + 1])
            let key = Int(prev) << 8 | Int(next)
            if pairBits[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                let slot = byPair[key]
                for id in pairLists[Int(slot)] {
                    let lit = literals[id]
                    guard i + lit.count <= n else { continue }
                    var k = 2
                    while k < lit.count, fold(text[i + k]) == lit[k] { k += 1 }
                    if k == lit.count { occurrences[id].append(i) }
                }
            }
            prev = next
        }
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
