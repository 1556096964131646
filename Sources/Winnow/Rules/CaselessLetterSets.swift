/// Rewrites a pattern so that ICU compiles it in a fraction of the time, matching the same.
///
/// Under `(?i)` ICU closes every bracketed set over case when it compiles it, a code point
/// at a time: a set holding `\p{L}` (some 140,000 code points) costs one to two
/// milliseconds, and the rule packs hold dozens, most of a process's start-up. Such a set
/// matches, case-insensitively, all it holds plus U+0345 (the combining iota subscript,
/// whose case folding is a letter): written case-sensitively with U+0345 added, it is the
/// same set, built without the closure (so is `\p{L}` standing alone). A set is rewritten only when everything else in it
/// closes over case onto itself or onto letters (ASCII, properties, escapes, characters
/// other than the cased symbols: Roman numerals and circled letters, which pair with
/// characters outside the set); `[^…]` the same way, its complement then being the same too.
enum CaselessLetterSets {
    static func rewrite(_ pattern: String) -> String {
        let s = Array(pattern.unicodeScalars)
        guard pattern.contains("(?") else { return pattern }  // no flags, no case-insensitive part
        var out = String.UnicodeScalarView()
        // Whether each open group reads case-insensitively (the last: the current one).
        var caseless = [false]
        var i = 0
        func copyEscape() {
            // \p{…}, \x{…}, \N{…}: to the brace; \Q…\E: to \E; else two characters.
            out.append(s[i])
            guard i + 1 < s.count else { i += 1; return }
            let e = s[i + 1]
            out.append(e)
            i += 2
            if (e == "p" || e == "P" || e == "x" || e == "N"), i < s.count, s[i] == "{" {
                while i < s.count, s[i] != "}" { out.append(s[i]); i += 1 }
                if i < s.count { out.append(s[i]); i += 1 }
            } else if e == "Q" {
                while i < s.count, !(s[i] == "\\" && i + 1 < s.count && s[i + 1] == "E") { out.append(s[i]); i += 1 }
            }
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                if caseless.last!, i + 4 < s.count, s[i + 1] == "p", s[i + 2] == "{", s[i + 3] == "L", s[i + 4] == "}" {
                    // \p{L} on its own: the same set, bracketed.
                    out.append(contentsOf: "(?-i:[\\x{345}\\p{L}])".unicodeScalars)
                    i += 5
                } else {
                    copyEscape()
                }
            case "(":
                // (?flags) changes the current group; (?flags:…) opens one; other groups inherit.
                var j = i + 1
                var flags = caseless.last!
                if j < s.count, s[j] == "?" {
                    j += 1
                    var on = true, isFlags = true
                    var k = j
                    var f = flags
                    while k < s.count, s[k] != ")", s[k] != ":" {
                        switch s[k] {
                        case "-": on = false
                        case "i": f = on
                        case "s", "m", "x", "w", "u", "d", "U": break
                        default: isFlags = false
                        }
                        if !isFlags { break }
                        k += 1
                    }
                    if isFlags, k > j, k < s.count {
                        if s[k] == ")" {
                            caseless[caseless.count - 1] = f
                            for q in i...k { out.append(s[q]) }
                            i = k + 1
                            continue
                        }
                        flags = f  // (?flags: …
                    }
                }
                caseless.append(flags)
                out.append(c)
                i += 1
            case ")":
                if caseless.count > 1 { caseless.removeLast() }
                out.append(c)
                i += 1
            case "[":
                let end = setEnd(s, from: i)
                let set = Array(s[i..<end])
                if caseless.last!, let narrowed = narrowed(set) {
                    out.append(contentsOf: "(?-i:".unicodeScalars)
                    out.append(contentsOf: narrowed)
                    out.append(")")
                } else {
                    out.append(contentsOf: set)
                }
                i = end
            default:
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    /// The offset just past the bracketed set that starts at `i` (nested sets and escapes
    /// included; a `]` first in the set, or after `^`, is a member).
    private static func setEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        if i < s.count, s[i] == "^" { i += 1 }
        if i < s.count, s[i] == "]" { i += 1 }
        var depth = 1
        while i < s.count {
            let c = s[i]
            if c == "\\" { i += 2; continue }
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1; if depth == 0 { return i + 1 } }
            i += 1
        }
        return s.count
    }

    /// The set written case-sensitively with U+0345 added, when that is what it matches
    /// case-insensitively; nil when it cannot tell.
    private static func narrowed(_ set: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        let text = String(String.UnicodeScalarView(set))
        guard text.contains("\\p{L}") else { return nil }
        var i = 1
        if set.count > 1, set[1] == "^" { i = 2 }
        guard i < set.count, set[i] != "]" else { return nil }
        // Members it can read: escapes (\p{…} of any category, \d, \s, \w and escaped
        // characters) and characters; no nested sets, no set operations.
        var k = i
        while k < set.count - 1 {
            let c = set[k]
            if c == "[" || (c == "&" && set[k + 1] == "&") { return nil }
            if c == "\\" {
                guard k + 1 < set.count - 1 else { return nil }
                let e = set[k + 1]
                if e == "P" || e == "N" || e == "Q" || e == "x" || e == "u" || e == "U" { return nil }
                k += 2
                if e == "p" {
                    guard k < set.count, set[k] == "{" else { return nil }
                    while k < set.count, set[k] != "}" { k += 1 }
                    k += 1
                }
                continue
            }
            let v = c.value
            if (0x2160...0x2188).contains(v) || (0x24B6...0x24E9).contains(v) || v == 0x345 { return nil }
            k += 1
        }
        var out = Array(set[0..<i])
        out.append(contentsOf: "\\x{345}".unicodeScalars)
        out.append(contentsOf: set[i...])
        return out
    }
}
