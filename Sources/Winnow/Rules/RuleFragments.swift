import Foundation

/// Named sub-patterns that rules share, so that what a date or a clock time looks like is
/// written once and every rule that needs one says so by name.
///
/// A pack declares them under `fragments:` (each a name and ICU pattern text) and any rule
/// of the packs loaded together refers to one as `(?&name)`; a fragment may refer to others. A
/// reference is replaced by the fragment's text in a non-capturing group, before the rule
/// compiles and before its literals are read off (`RegexLiterals`), so a rule behaves as
/// if it were written out. `(?&…)` is no ICU syntax, so a reference left unexpanded could
/// never pass silently: it would fail to compile.
enum RuleFragments {
    /// The packs with every reference in their patterns replaced.
    /// - Throws: `RulePack.Invalid` for a name two packs define differently, a reference
    ///   to no fragment, or fragments that refer to each other in a circle.
    static func expanding(_ packs: [RulePack]) throws -> [RulePack] {
        var raw: [String: (text: String, pack: String)] = [:]
        for pack in packs {
            for fragment in pack.fragments ?? [] {
                let (name, text) = (fragment.name, fragment.pattern)
                guard isName(name) else {
                    throw RulePack.Invalid(source: pack.pack, problem: "fragment '\(name)': a name is lower-case letters, digits and '-'")
                }
                if let other = raw[name], other.text != text {
                    throw RulePack.Invalid(source: pack.pack, problem: "fragment '\(name)' is already defined differently by pack \(other.pack)")
                }
                raw[name] = (text, pack.pack)
            }
        }

        var done: [String: String] = [:]
        func resolve(_ name: String, _ path: [String], source: String, rule: String) throws -> String {
            if let text = done[name] { return text }
            guard let entry = raw[name] else {
                throw RulePack.Invalid(source: source, problem: "\(rule): unknown fragment '\(name)'")
            }
            guard !path.contains(name) else {
                throw RulePack.Invalid(source: entry.pack, problem: "fragment '\(name)' refers to itself (\((path + [name]).joined(separator: " → ")))")
            }
            let text = try substitute(entry.text) { try resolve($0, path + [name], source: entry.pack, rule: "fragment '\(name)'") }
            done[name] = text
            return text
        }
        return try packs.map { pack in
            var pack = pack
            for i in pack.rules.indices {
                let label = "rule \(pack.rules[i].id)"
                func expand(_ p: String) throws -> String {
                    try substitute(p) { try resolve($0, [], source: pack.pack, rule: label) }
                }
                pack.rules[i].pattern = try pack.rules[i].pattern.map(expand)
                pack.rules[i].patterns = try pack.rules[i].patterns.map { try $0.map(expand) }
                pack.rules[i].start = try pack.rules[i].start.map(expand)
                pack.rules[i].end = try pack.rules[i].end.map(expand)
            }
            return pack
        }
    }

    private static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// `pattern` with each `(?&name)` outside a backslash escape replaced by
    /// `(?:` + `lookup(name)` + `)`.
    static func substitute(_ pattern: String, _ lookup: (String) throws -> String) throws -> String {
        // No '&', no reference: most patterns, passed over at memchr's pace.
        let hasAmpersand = pattern.utf8.withContiguousStorageIfAvailable { b in
            b.baseAddress.map { memchr($0, 0x26, b.count) != nil } ?? false
        } ?? true
        guard hasAmpersand else { return pattern }
        let bytes = Array(pattern.utf8)
        func opens(_ i: Int) -> Bool { i + 2 < bytes.count && bytes[i] == 0x28 && bytes[i + 1] == 0x3F && bytes[i + 2] == 0x26 }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5C, i + 1 < bytes.count {  // an escaped character stays as it is
                out += bytes[i...i + 1]
                i += 2
                continue
            }
            if opens(i), let close = bytes[(i + 3)...].firstIndex(of: 0x29) {
                let name = String(decoding: bytes[(i + 3)..<close], as: UTF8.self)
                out += Array("(?:".utf8) + Array(try lookup(name).utf8) + [0x29]
                i = close + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
