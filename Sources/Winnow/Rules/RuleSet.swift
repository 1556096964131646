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
        self.required = (spec.requires ?? []).map { Array($0.lowercased().utf8) }
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

    /// False when the rule has `requires` and `text[range]` holds none of its literals.
    @inline(__always)
    func mayMatch(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        required.isEmpty || required.contains { containsIgnoringASCIICase(text, range, $0) }
    }

    func clone() -> CompiledRule { CompiledRule(copying: self) }

    /// True when a block of `words` words is within the rule's size limits.
    @inline(__always)
    func fits(words: Int, defaultMax: Int) -> Bool {
        words >= (spec.minWords ?? 0) && words <= (spec.maxWords ?? defaultMax)
    }
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

/// Whether `text[range]` contains `needle` (given in lower case), ignoring ASCII case.
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
