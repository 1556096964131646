/// Literals that every match of a pattern must contain, read off the pattern itself, so
/// that a rule without `requires` (and each run pattern and span close) is still run only
/// on text that holds one of them: `LiteralIndex` answers that from its one pass, where
/// ICU would otherwise try the pattern at every position of the block.
///
/// The reading is conservative: what it cannot follow (a class, `\w`, a back reference,
/// a quantifier that allows no repeat) stands for "any text", and a pattern whose every
/// reading leads there gets no literals (it always runs). A literal holds letters, digits,
/// a few punctuation marks and quotes. The text the rules match has quotes and the ellipsis
/// folded (`UTF16Text`), which the byte-level literal check does not see: a quote of the
/// pattern stands for every character that folds to it, a dot for nothing ("…" folds to
/// three). In case-insensitive parts a letter beyond ASCII counts only where `CaseFold`
/// folds all its case forms alike (Latin, Greek, Cyrillic; not "ß", "İ" or "ΐ", which ICU
/// matches to two characters), and letters of no case (CJK, kana) count as they are.
/// Literals are in lower case, folded as `LiteralIndex` folds text; under `(?i)` one
/// holding "ss" also stands as "ß" and "ẞ", which ICU's full case folding matches to it.
///
/// Shape of the reading (as in RE2's prefilters): each piece of the pattern either
/// matches one of a few exact strings, or is known to contain one of a set of literals,
/// or tells nothing; a sequence keeps the best of its parts, alternatives the union.
enum RegexLiterals {
    /// What one reading of a pattern tells (reading the rule packs' patterns is a good
    /// part of start-up: each is read once, and its literals made only when asked for).
    struct Reading {
        fileprivate let node: Info
        let minLength: Int

        /// Literals one of which every match contains, or nil when the pattern does not
        /// restrict its matches to any (or only to very short ones, which would let
        /// nearly every block through anyway).
        var contained: [[UInt8]]? { bytes(node.containedSet, minLength: minLength, variants: sharpSVariants) }
        /// Literals one of which every match starts with, or nil. A rule matched against a
        /// whole block runs only on blocks that begin with one: a menu word's pattern, an
        /// alternation of a hundred words, holds some word of nearly every short line, but
        /// starts few.
        var leading: [[UInt8]]? { bytes(node.startSet, minLength: minLength, variants: sharpSPrefixVariants) }
        /// Every match needs a decimal digit (`\d`, or a digit of the pattern) in the text
        /// it is matched against (itself, or where a look-ahead or look-behind reads): a
        /// block without one (`mayHoldDigit`) need not be asked.
        var needsDigit: Bool { node.needsDigit }
    }

    static func read(_ pattern: String, minLength: Int = 3) -> Reading? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let node = parser.parseAlternation(caseless: false), parser.atEnd else { return nil }
        return Reading(node: node, minLength: minLength)
    }

    static func required(_ pattern: String, minLength: Int = 3) -> [[UInt8]]? { read(pattern, minLength: minLength)?.contained }

    /// Whether `pattern` has a `\d` (a pattern without one is not read for `needsDigit`
    /// alone: one that spells its digits out is not worth the reading).
    static func mentionsDigitClass(_ pattern: String) -> Bool {
        var backslash = false
        for c in pattern.utf8 {
            if backslash, c == 0x64 { return true }
            backslash = !backslash && c == 0x5C
        }
        return false
    }

    private static func bytes(_ set: Set<Lit>?, minLength: Int, variants: (Lit) -> [String]) -> [[UInt8]]? {
        guard let set, !set.isEmpty else { return nil }
        if set.contains(where: { $0.count < minLength }) { return nil }
        let literals = Set(set.flatMap(variants))
        guard !literals.contains(where: { $0.utf8.count < minLength }) else { return nil }
        return literals.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// "ss" read case-insensitively also matches ß and ẞ: a literal with one "ss" stands
    /// in all three spellings; one with more gives way to its longest piece without "ss".
    private static func sharpSVariants(_ s: Lit) -> [String] {
        guard s.caseless, let r = s.text.range(of: "ss") else { return [s.text] }
        let head = s.text[..<r.lowerBound], tail = s.text[r.upperBound...]
        guard tail.contains("ss") || tail.hasPrefix("s") || head.hasSuffix("s") else {
            return [s.text, head + "ß" + tail, head + "ẞ" + tail]
        }
        let pieces = s.text.components(separatedBy: "s")
        return [pieces.max { $0.utf8.count < $1.utf8.count } ?? ""]
    }

    /// `sharpSVariants` for a literal that matches start with: a piece from the middle
    /// would not do, so each "ss" stands in all three spellings, up to two of them; the
    /// literal is cut before a third, and before "sss" (where ß may fall either way).
    private static func sharpSPrefixVariants(_ s: Lit) -> [String] {
        guard s.caseless, s.text.contains("ss") else { return [s.text] }
        var forms = [""]
        var rest = Substring(s.text), pairs = 0
        while let r = rest.range(of: "ss") {
            let head = rest[..<r.lowerBound]
            if pairs == 2 || rest[r.upperBound...].hasPrefix("s") {
                return forms.map { $0 + head }
            }
            forms = forms.flatMap { f in ["ss", "ß", "ẞ"].map { f + head + $0 } }
            rest = rest[r.upperBound...]
            pairs += 1
        }
        return forms.map { $0 + rest }
    }

    /// A literal in lower case, and whether some letter of it was read case-insensitively.
    struct Lit: Hashable {
        var text: String
        var caseless: Bool
        var count: Int { text.utf8.count }
        static func + (a: Lit, b: Lit) -> Lit { Lit(text: a.text + b.text, caseless: a.caseless || b.caseless) }
    }

    /// What is known of a piece's matches: exactly one of `exact`, or (when `exact` is
    /// nil) containing one of `contained` and starting with one of `prefix` (nil:
    /// nothing known).
    struct Info {
        var exact: Set<Lit>?
        var contained: Set<Lit>?
        var prefix: Set<Lit>? = nil
        var digit = false

        static let empty = Info(exact: [Lit(text: "", caseless: false)], contained: nil)
        static let unknown = Info(exact: nil, contained: nil)

        /// The set every match contains one of (exact strings count when none is empty).
        var containedSet: Set<Lit>? {
            if let e = exact { return e.contains { $0.count == 0 } ? nil : e }
            return contained
        }

        /// The set every match starts with one of (exact strings count when none is empty).
        var startSet: Set<Lit>? {
            if let e = exact { return e.contains { $0.count == 0 } ? nil : e }
            return prefix
        }

        /// Every match (or a look-ahead or look-behind it needs) holds a decimal digit.
        var needsDigit: Bool {
            digit || (exact.map { !$0.isEmpty && $0.allSatisfy { $0.text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } } } ?? false)
        }

        /// Shortest literal of a set: its worth as a filter (longer is rarer).
        static func worth(_ s: Set<Lit>?) -> Int { s.map { $0.map(\.count).min() ?? 0 } ?? -1 }

        static let maxExact = 16
    }

    /// What is known of one of several alternatives: exactly one of their exact strings
    /// while they are few (`Info.maxExact`), then one of the literals each contains and
    /// starts with (nil as soon as one alternative has none); a digit if each needs one.
    /// The sets grow in place: a menu's hundreds of words, joined two at a time into new
    /// sets, were a good part of reading the packs.
    struct Union {
        var exact: Set<Lit>?
        var contained: Set<Lit>?
        var prefix: Set<Lit>?
        var digit: Bool

        init(_ first: Info) {
            exact = first.exact
            contained = first.exact == nil ? first.contained : nil
            prefix = first.exact == nil ? first.prefix : nil
            digit = first.needsDigit
        }

        mutating func add(_ b: Info) {
            digit = digit && b.needsDigit
            if let x = exact {
                if let y = b.exact, x.count + y.count <= Info.maxExact {
                    exact!.formUnion(y)
                    return
                }
                // From here on the alternatives are known by what they contain and start with.
                let a = Info(exact: x, contained: nil)
                exact = nil
                contained = a.containedSet
                prefix = a.startSet
            }
            if contained != nil, let r = b.containedSet { contained!.formUnion(r) } else { contained = nil }
            if prefix != nil, let r = b.startSet { prefix!.formUnion(r) } else { prefix = nil }
        }

        var info: Info {
            Info(exact: exact, contained: exact == nil ? contained : nil, prefix: exact == nil ? prefix : nil, digit: digit)
        }
    }

    /// A recursive-descent reader of the ICU pattern syntax the rule packs use.
    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }
        var atEnd: Bool { i >= s.count }

        /// Alternatives up to the group's `)`. An inline `(?i)` stays on for the rest of the
        /// group, later alternatives included: reading more as case-insensitive than ICU
        /// does only costs literals, never a match.
        mutating func parseAlternation(caseless: Bool) -> Info? {
            var flags = caseless
            guard let first = parseSequence(&flags) else { return nil }
            guard i < s.count, s[i] == "|" else { return first }
            var union = Union(first)
            while i < s.count, s[i] == "|" {
                i += 1
                guard let next = parseSequence(&flags) else { return nil }
                union.add(next)
            }
            return union.info
        }

        /// A sequence up to `|` or `)`; an inline `(?i)` sets `caseless` for the rest.
        /// Adjacent exact pieces join into runs of exact strings; the sequence is exact
        /// when it is one such run, and otherwise contains the best of its runs and of
        /// its other pieces' literals.
        mutating func parseSequence(_ caseless: inout Bool) -> Info? {
            let empty: Set<Lit> = [Lit(text: "", caseless: false)]
            var run = empty
            var best: Set<Lit>? = nil
            var exact = true
            // What matches start with, known when the first run closes: the run itself,
            // or (when the sequence opens with a piece that is not exact) that piece's.
            var prefix: Set<Lit>? = nil
            func better(_ a: Set<Lit>?, _ b: Set<Lit>?) -> Set<Lit>? { Info.worth(a) >= Info.worth(b) ? a : b }
            func closeRun(before piece: Info?) {
                if exact { prefix = run == empty ? piece?.startSet : Info(exact: run, contained: nil).startSet }
                best = better(best, Info(exact: run, contained: nil).containedSet)
                run = empty
                exact = false
            }
            var digit = false
            while i < s.count, s[i] != "|", s[i] != ")" {
                guard let atom = parseAtom(&caseless) else { return nil }
                guard let piece = parseQuantifier(atom) else { return nil }
                digit = digit || piece.needsDigit
                if let e = piece.exact {
                    if run.count * e.count > Info.maxExact { closeRun(before: nil) }
                    var joined = Set<Lit>()
                    for p in run { for q in e { joined.insert(p + q) } }
                    run = joined
                } else {
                    closeRun(before: piece)
                    best = better(best, piece.contained)
                }
            }
            if exact { return Info(exact: run, contained: nil, digit: digit) }
            closeRun(before: nil)
            return Info(exact: nil, contained: best, prefix: prefix, digit: digit)
        }

        mutating func parseQuantifier(_ atom: Info) -> Info? {
            guard i < s.count else { return atom }
            var lo = 1, hi: Int? = 1
            switch s[i] {
            case "?": lo = 0; hi = 1; i += 1
            case "*": lo = 0; hi = nil; i += 1
            case "+": lo = 1; hi = nil; i += 1
            case "{":
                var j = i + 1, m = 0, digits = 0
                while j < s.count, let d = Parser.digit(s[j]) { m = m * 10 + d; j += 1; digits += 1 }
                guard digits > 0, j < s.count else { return atom }  // a literal "{"
                var n: Int? = m
                if s[j] == "," {
                    j += 1
                    var k = 0, kd = 0
                    while j < s.count, let d = Parser.digit(s[j]) { k = k * 10 + d; j += 1; kd += 1 }
                    n = kd > 0 ? k : nil
                }
                guard j < s.count, s[j] == "}" else { return nil }
                i = j + 1
                lo = m; hi = n
            default:
                return atom
            }
            if i < s.count, s[i] == "?" || s[i] == "+" { i += 1 }  // lazy, possessive
            if lo == 0 {
                if hi == 1, let e = atom.exact, e.count < Info.maxExact {
                    return Info(exact: e.union([Lit(text: "", caseless: false)]), contained: nil)
                }
                return .unknown
            }
            if lo == 1, hi == 1 { return atom }
            return Info(exact: nil, contained: atom.containedSet, prefix: atom.startSet, digit: atom.needsDigit)
        }

        static func digit(_ c: Unicode.Scalar) -> Int? {
            c.value >= 0x30 && c.value <= 0x39 ? Int(c.value - 0x30) : nil
        }

        mutating func parseAtom(_ caseless: inout Bool) -> Info? {
            let c = s[i]
            switch c {
            case "(":
                return parseGroup(&caseless)
            case "[":
                return skipClass() ? .unknown : nil
            case ".":
                i += 1
                return .unknown
            case "^", "$":
                i += 1
                return .empty
            case "\\":
                return parseEscape(caseless)
            case "*", "+", "?", "{":
                return nil  // a quantifier with nothing before it: not ours to read
            default:
                return parsePlainRun(caseless)
            }
        }

        /// Characters without syntax from `i` on, as one piece: what reading them one at
        /// a time and joining them gives, made without a set per character. Stops before
        /// a character that is not safe to look for and before one that a quantifier
        /// follows (it is read alone, so that the quantifier applies to it only).
        mutating func parsePlainRun(_ caseless: Bool) -> Info {
            @inline(__always) func quantified(_ k: Int) -> Bool {
                k + 1 < s.count && (s[k + 1] == "?" || s[k + 1] == "*" || s[k + 1] == "+" || s[k + 1] == "{")
            }
            if quantified(i) {
                i += 1
                return Parser.char(s[i - 1], caseless)
            }
            var text = String.UnicodeScalarView(), letters = false
            while i < s.count, !Parser.isSyntax(s[i]), !quantified(i), let (lower, isLetter) = Parser.safe(s[i], caseless) {
                text.append(lower)
                letters = letters || isLetter
                i += 1
            }
            if text.isEmpty {
                i += 1
                return Parser.char(s[i - 1], caseless)
            }
            return Info(exact: [Lit(text: String(text), caseless: caseless && letters)], contained: nil)
        }

        /// Characters `parseAtom` and `parseSequence` read as syntax.
        @inline(__always)
        static func isSyntax(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "(", ")", "[", ".", "^", "$", "\\", "*", "+", "?", "{", "|": return true
            default: return false
            }
        }

        /// One character of the pattern as a piece: a literal if it is safe to look for in
        /// the raw bytes (see the type's comment), otherwise any character.
        static func char(_ c: Unicode.Scalar, _ caseless: Bool) -> Info {
            // A quote of the pattern matches any that folds to it: in the raw bytes, one of them.
            if c == "'" || c == "\"" {
                return Info(exact: Set(([String(c)] + typographicForms[c.value]!).map { Lit(text: $0, caseless: false) }), contained: nil)
            }
            guard let (lower, isLetter) = safe(c, caseless) else { return .unknown }
            return Info(exact: [Lit(text: String(lower), caseless: caseless && isLetter)], contained: nil)
        }

        /// The character in lower case and whether it is an ASCII letter, or nil when it
        /// is not safe to look for.
        @inline(__always)
        static func safe(_ c: Unicode.Scalar, _ caseless: Bool) -> (Unicode.Scalar, Bool)? {
            let v = c.value
            let isLetter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            if v < 0x80 {
                // Not ' " or . (quotes and the ellipsis fold to them in the text rules read).
                guard isLetter || (v >= 0x30 && v <= 0x39) || safePunctuation.contains(v) else { return nil }
            } else {
                // Not a character that folds to a quote or dots; read case-insensitively,
                // only a letter whose every case form `CaseFold` folds alike.
                guard foldedQuoteUnit(v) == v && v != 0x2026,
                      !caseless || CaseFold.isPlainCased(v) || CaseFold.isUncased(v) else { return nil }
                if caseless { return (Unicode.Scalar(CaseFold.fold(v))!, CaseFold.isPlainCased(v)) }
            }
            return (v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v | 0x20)! : c, isLetter)
        }

        static let safePunctuation = Set(" -:/&,!?@#%+=_()[]|;<>$*~^{}`\\".unicodeScalars.map(\.value))

        mutating func parseEscape(_ caseless: Bool) -> Info? {
            guard i + 1 < s.count else { return nil }
            let e = s[i + 1]
            i += 2
            switch e {
            case "b", "B", "A", "z", "Z", "G":
                return .empty
            case "d":
                return Info(exact: nil, contained: nil, digit: true)
            case "s", "S", "D", "w", "W", "h", "H", "v", "V", "X", "R", "N":
                return .unknown
            case "p", "P":
                if i < s.count, s[i] == "{" {
                    while i < s.count, s[i] != "}" { i += 1 }
                    guard i < s.count else { return nil }
                    i += 1
                } else {
                    i += 1
                }
                return .unknown
            case "x", "u", "U", "0", "c", "e", "a", "f", "n", "r", "t", "k", "Q", "E":
                return nil  // spelled-out characters and quoting: not followed
            default:
                if Parser.digit(e) != nil { return nil }  // a back reference
                return Parser.char(e, caseless)
            }
        }

        /// Skips a bracketed class, nested ones and escapes included.
        mutating func skipClass() -> Bool {
            var depth = 0
            while i < s.count {
                let c = s[i]
                if c == "\\" { i += 2; continue }
                if c == "[" { depth += 1; i += 1; if i < s.count, s[i] == "^" { i += 1 }; if i < s.count, s[i] == "]" { i += 1 }; continue }
                if c == "]" { depth -= 1; i += 1; if depth == 0 { return true }; continue }
                i += 1
            }
            return false
        }

        mutating func parseGroup(_ caseless: inout Bool) -> Info? {
            i += 1  // "("
            var inner = caseless
            var zeroWidth = false, positive = false
            if i < s.count, s[i] == "?" {
                i += 1
                guard i < s.count else { return nil }
                switch s[i] {
                case ":", ">":
                    i += 1
                case "=", "!":
                    positive = s[i] == "="
                    i += 1; zeroWidth = true
                case "<":
                    if i + 1 < s.count, s[i + 1] == "=" || s[i + 1] == "!" {
                        positive = s[i + 1] == "="
                        i += 2; zeroWidth = true
                    } else {
                        while i < s.count, s[i] != ">" { i += 1 }  // a named group
                        guard i < s.count else { return nil }
                        i += 1
                    }
                default:
                    // Flags: (?i) (?i: ...) (?s) ...; any other flag than i, s and m is not
                    // followed. (?-i) is read as leaving case-insensitivity on, which costs
                    // literals, never a match.
                    var on = true, newCaseless = caseless
                    while i < s.count, s[i] != ")", s[i] != ":" {
                        switch s[i] {
                        case "-": on = false
                        case "i": newCaseless = newCaseless || on
                        case "s", "m": break
                        default: return nil
                        }
                        i += 1
                    }
                    guard i < s.count else { return nil }
                    if s[i] == ")" {
                        i += 1
                        caseless = newCaseless  // for the rest of the enclosing sequence
                        return .empty
                    }
                    i += 1
                    inner = newCaseless
                }
            }
            guard let body = parseAlternation(caseless: inner), i < s.count, s[i] == ")" else { return nil }
            i += 1
            // A look-around matches nothing, but what a positive one needs is in the text.
            guard zeroWidth else { return body }
            return Info(exact: [Lit(text: "", caseless: false)], contained: nil, digit: positive && body.needsDigit)
        }
    }
}
