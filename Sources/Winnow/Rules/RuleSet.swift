/// A rule from a pack with its patterns compiled.
final class CompiledRule {
    let spec: RuleSpec
    let pack: String
    let category: String
    /// `pattern` for block/prefix/suffix rules, `patterns` for runs.
    let patterns: [ICURegex]
    let start: ICURegex?
    let end: ICURegex?
    /// The rule's one pattern names a `value` group (what `keep` takes).
    var namesValue: Bool { patterns.count == 1 && patterns[0].valueGroup > 0 }
    /// `requires` as bytes, each in its typographic forms (`LiteralIndex.id` folds case).
    let required: [[UInt8]]
    /// Literals every match of `patterns[k]`, `start` and `end` contains, read off the
    /// pattern (`RegexLiterals`) where `requires` does not stand for it; empty when the
    /// pattern restricts its matches to none.
    let patternLiterals: [[[UInt8]]]
    let startLiterals: [[UInt8]], endLiterals: [[UInt8]]
    /// For a block rule matched against the whole block: literals one of which every match
    /// starts with (`RegexLiterals.leading`), so the block must start with one; else empty.
    let leadingLiterals: [[UInt8]]
    /// Every match of a block rule's pattern needs a decimal digit (`RegexLiterals.needsDigit`).
    let needsDigit: Bool
    /// Numbers of `required`, of each pattern's literals, and of the start, end and leading
    /// literals in the owning stage's `LiteralIndex` (set by the stage on its own clone of
    /// the rules), as sets that a marked block answers from its own few hits.
    var requiredIDs = LiteralSet(), patternIDs: [LiteralSet] = [], startIDs = LiteralSet()
    var endIDs = LiteralSet(), leadingIDs = LiteralSet()

    init(spec: RuleSpec, pack: RulePack) throws {
        self.spec = spec
        self.pack = pack.pack
        self.category = spec.category ?? pack.category
        func compile(_ p: String, _ field: String) throws -> ICURegex {
            do { return try ICURegex(p, deferred: pack.compilesOnFirstUse) } catch let e as ICURegex.CompileError {
                throw RulePack.Invalid(source: pack.pack, problem: "rule \(spec.id): \(field) does not compile: \(e.message)")
            }
        }
        var ps: [ICURegex] = []
        if let p = spec.pattern { ps.append(try compile(p, "pattern")) }
        for p in spec.patterns ?? [] { ps.append(try compile(p, "patterns")) }
        self.patterns = ps
        self.start = try spec.start.map { try compile($0, "start") }
        self.end = try spec.end.map { try compile($0, "end") }
        self.required = (spec.requires ?? []).flatMap { foldVariants(Array($0.utf8)) }
        // Literals are read off only where the pack declares no `requires` for the pattern
        // (a run's patterns and a span's close are judged line by line, without it); a
        // block rule's pattern with a `\d` is read for whether it needs a digit.
        let declared = spec.requires != nil
        let sources = (spec.pattern.map { [$0] } ?? []) + (spec.patterns ?? [])
        let blockRule = spec.scope == .block && sources.count == 1
        let readings = sources.map { p -> RegexLiterals.Reading? in
            let wanted = !declared || spec.scope == .run || (blockRule && RegexLiterals.mentionsDigitClass(p))
            return wanted ? RegexLiterals.read(p) : nil
        }
        self.patternLiterals = readings.map { declared && spec.scope != .run ? [] : $0?.contained ?? [] }
        self.startLiterals = declared ? [] : spec.start.flatMap { RegexLiterals.required($0) } ?? []
        self.endLiterals = spec.end.flatMap { RegexLiterals.required($0) } ?? []
        let wholeBlock = blockRule && (spec.anchor ?? .whole) == .whole && !declared
        self.leadingLiterals = wholeBlock ? readings[0]?.leading ?? [] : []
        self.needsDigit = blockRule && readings[0]?.needsDigit == true
    }

    private init(copying other: CompiledRule) {
        spec = other.spec
        pack = other.pack
        category = other.category
        patterns = other.patterns.map { $0.clone() }
        start = other.start?.clone()
        end = other.end?.clone()
        required = other.required
        patternLiterals = other.patternLiterals
        startLiterals = other.startLiterals
        endLiterals = other.endLiterals
        leadingLiterals = other.leadingLiterals
        needsDigit = other.needsDigit
    }

    func clone() -> CompiledRule { CompiledRule(copying: self) }

    /// True when `block` is within the rule's size limits: its words, and its bytes, which
    /// a word limit alone leaves open (a megabyte of base64 is one word, and a pattern
    /// meant for a button would spend its time limit on it).
    @inline(__always)
    func fits(_ block: Block, defaultMax: Int) -> Bool {
        let most = spec.maxWords ?? defaultMax
        return block.words >= (spec.minWords ?? 0) && block.words <= most
            && block.range.count <= max(CompiledRule.minByteLimit, most * CompiledRule.bytesPerWordLimit)
    }

    /// A block rule reads at most this many bytes a word of its `max-words` (and never
    /// fewer than `minByteLimit`): far above any real line of that many words.
    static let bytesPerWordLimit = 100
    static let minByteLimit = 1000
}

/// A required literal and, when it holds ASCII quotes or "...", its forms with each
/// typographic character that folds to them (patterns read folded text, see `UTF16Text`;
/// the literal prefilter reads the bytes as they are). One typographic form throughout
/// a literal keeps the forms few.
func foldVariants(_ literal: [UInt8]) -> [[UInt8]] {
    // Most literals hold neither quote nor dot: nothing to vary.
    guard literal.contains(where: { $0 == 0x27 || $0 == 0x22 || $0 == 0x2E }) else { return [literal] }
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
let typographicForms: [UInt32: [String]] = {
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
        for pack in try RuleFragments.expanding(packs) {
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
