/// Gives the text its one canonical form: one paragraph a line, paragraphs separated by
/// one blank line, single U+0020 spaces, no white space at a line's ends, one final
/// `\n`; typographic quotes and the ellipsis folded to ASCII unless typography is kept.
///
/// Runs last, so that removals by earlier stages (which leave empty lines behind) are
/// tidied here, as edits like any other.
final class CanonicalStage: Stage {
    let name = "canonical"
    let keepTypography: Bool

    init(keepTypography: Bool) { self.keepTypography = keepTypography }

    func run(_ document: inout Document) {
        let fold = !keepTypography
        let proposals = document.text.withUnsafeBufferPointer { Self.proposals($0, fold: fold) }
        document.apply(proposals, stage: name)
    }

    /// The canonical stage's edits for a text, in text order: white space, and with `fold`
    /// the typographic quotes and ellipsis (`canonical.typography`, which the classifier's
    /// view applies alone so that it reads what a second cleaning will read).
    static func proposals(_ buf: UnsafeBufferPointer<UInt8>, fold: Bool) -> [ProposedEdit] {
        var proposals: [ProposedEdit] = []
        let n = buf.count
        var i = 0
        // Guillemets opened on this line and not yet closed (French spacing, below).
        var openGuillemets = 0
        // The end of the line last looked at and its last closing guillemet (-1: none),
        // so that each line is read for them once.
        var lineEnd = -1, lastClose = -1
        func foldQuote(_ range: Range<Int>, _ folded: [UInt8], withSpace: Bool) {
            proposals.append(ProposedEdit(range: range, replacement: folded, rule: "canonical.typography", category: "canonical",
                                          kind: .replace, reason: withSpace ? "typographic quote folded, with the space inside it"
                                                                            : "typographic quote or ellipsis folded"))
        }
        func closesOnLine(after p: Int) -> Bool {
            if p > lineEnd {
                var k = p
                lastClose = -1
                while k < n, buf[k] != 0x0A, buf[k] != 0x0D {
                    if guillemet(buf, k, opening: false) != nil { lastClose = k }
                    k += 1
                }
                lineEnd = k
            }
            return lastClose >= p
        }
        while i < n {
            let b = buf[i]
            if isASCIIWhite(b) {
                let start = i
                var lineBreak = false
                while i < n, isASCIIWhite(buf[i]) {
                    if buf[i] == 0x0A || buf[i] == 0x0D { lineBreak = true }
                    i += 1
                }
                if lineBreak { openGuillemets = 0 }
                // "« Oui »" folds to "\"Oui\"": the space French sets inside guillemets
                // goes with the closing one it stands before.
                if fold, !lineBreak, start > 0, openGuillemets > 0, guillemet(buf, i, opening: false) != nil,
                   let (len, folded) = foldedQuote(buf, i) {
                    openGuillemets -= 1
                    foldQuote(start..<(i + len), folded, withSpace: true)
                    i += len
                    continue
                }
                let target: StaticString
                let reason: String
                if start == 0 { target = ""; reason = "white space at the start of the text" }
                else if i == n { target = "\n"; reason = "the text ends in one line break" }
                else if lineBreak { target = "\n\n"; reason = "paragraphs are separated by one blank line" }
                else { target = " "; reason = "one space between words" }
                if !equal(buf, start..<i, target) {
                    proposals.append(ProposedEdit(range: start..<i, replacement: bytes(target),
                                                  rule: "canonical.whitespace", category: "canonical",
                                                  kind: .replace, reason: reason))
                }
                continue
            }
            if fold, let (len, folded) = foldedQuote(buf, i) {
                // An opening guillemet with a closing one later on its line takes the
                // space after it along (one space, then what it quotes: not at once
                // the closing one, as in a carousel's "‹ ›"). Without a closing one (a
                // breadcrumb's "»" read backwards, a stray mark) it keeps its spaces.
                if guillemet(buf, i, opening: true) != nil, i + len + 1 < n, buf[i + len] == 0x20,
                   !isASCIIWhite(buf[i + len + 1]), guillemet(buf, i + len + 1, opening: false) == nil,
                   closesOnLine(after: i + len) {
                    openGuillemets += 1
                    foldQuote(i..<(i + len + 1), folded, withSpace: true)
                    i += len + 1
                    continue
                }
                foldQuote(i..<(i + len), folded, withSpace: false)
                i += len
                continue
            }
            i += 1
        }
        // A text with something in it ends in a line break.
        if n > 0, !isASCIIWhite(buf[n - 1]) {
            proposals.append(ProposedEdit(range: n..<n, replacement: "\n", rule: "canonical.whitespace",
                                          category: "canonical", kind: .insert,
                                          reason: "the text ends in one line break"))
        }
        return proposals
    }
}

extension CanonicalStage {
    /// The stage's folds of typographic quotes and the ellipsis, French guillemets with
    /// the spaces inside them: what a second cleaning reads, for the stages before this
    /// one that judge the text as the output will have it.
    static func typographyFolds(_ buf: UnsafeBufferPointer<UInt8>) -> [ProposedEdit] {
        proposals(buf, fold: true).filter { $0.rule == "canonical.typography" }
    }
}

/// Whether the text holds a guillemet: only then does folding read a line's context.
func holdsGuillemet(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while true {
        i = firstNonASCII(buf, from: i)
        guard i < buf.count else { return false }
        if guillemet(buf, i, opening: true) != nil || guillemet(buf, i, opening: false) != nil { return true }
        i += 1
    }
}

/// The byte length of a guillemet at `i` (« or ‹ opening, » or › closing), else nil.
func guillemet(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, opening: Bool) -> Int? {
    if i + 1 < buf.count, buf[i] == 0xC2, buf[i + 1] == (opening ? 0xAB : 0xBB) { return 2 }
    if i + 2 < buf.count, buf[i] == 0xE2, buf[i + 1] == 0x80, buf[i + 2] == (opening ? 0xB9 : 0xBA) { return 3 }
    return nil
}

private func bytes(_ s: StaticString) -> [UInt8] {
    Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
}

private func equal(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ s: StaticString) -> Bool {
    guard r.count == s.utf8CodeUnitCount else { return false }
    let p = s.utf8Start
    for k in 0..<r.count where buf[r.lowerBound + k] != p[k] { return false }
    return true
}

/// The ASCII form of a typographic quote or ellipsis at `i`, or nil (any other byte): its
/// byte length and the replacement. Quotes: ‘ ’ ‚ ‛ ‹ › to ', “ ” „ ‟ « » to ",
/// … to "...". Typo repair reads words through the same table, so that a word reads the
/// same before and after folding (else cleaning the output again could change it).
@inline(__always)
func foldedQuote(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, [UInt8])? {
    let n = buf.count
    guard buf[i] == 0xE2 || buf[i] == 0xC2 else { return nil }
    if buf[i] == 0xC2 {
        guard i + 1 < n else { return nil }
        return buf[i + 1] == 0xAB || buf[i + 1] == 0xBB ? (2, [0x22]) : nil
    }
    guard i + 2 < n, buf[i + 1] == 0x80 else { return nil }
    switch buf[i + 2] {
    case 0x98, 0x99, 0x9A, 0x9B, 0xB9, 0xBA: return (3, [0x27])
    case 0x9C, 0x9D, 0x9E, 0x9F: return (3, [0x22])
    case 0xA6: return (3, [0x2E, 0x2E, 0x2E])
    default: return nil
    }
}

/// The canonical form's white space *within* lines, for stages that must judge lines as
/// they will finally read: spaces and tabs at a line's ends go, a run of them inside a
/// line becomes one space, and `\r\n` or a lone `\r` becomes `\n`. Line breaks between
/// lines are left as they are (blank lines still separate groups of blocks). Without it
/// a pattern would see "&<tab><tab>;" where the output has "& ;", and a second run would
/// decide otherwise than the first.
func lineWhitespaceRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        while i < n {
            let b = buf[i]
            if b == 0x0D {
                let crlf = i + 1 < n && buf[i + 1] == 0x0A
                proposals.append(ProposedEdit(range: i..<(i + 1), replacement: crlf ? [] : [0x0A],
                                              rule: "canonical.whitespace", category: "canonical",
                                              kind: crlf ? .delete : .replace, reason: "line ends in \\n"))
                i += 1
                continue
            }
            guard b == 0x20 || b == 0x09 else { i += 1; continue }
            let start = i
            while i < n, buf[i] == 0x20 || buf[i] == 0x09 { i += 1 }
            let lineStart = start == 0 || buf[start - 1] == 0x0A || buf[start - 1] == 0x0D
            let lineEnd = i == n || buf[i] == 0x0A || buf[i] == 0x0D
            if lineStart || lineEnd {
                proposals.append(ProposedEdit(range: start..<i, rule: "canonical.whitespace", category: "canonical",
                                              kind: .delete, reason: "no white space at a line's ends"))
            } else if i - start > 1 || b != 0x20 {
                proposals.append(ProposedEdit(range: start..<i, replacement: [0x20], rule: "canonical.whitespace",
                                              category: "canonical", kind: .replace, reason: "one space between words"))
            }
        }
    }
    return proposals
}
