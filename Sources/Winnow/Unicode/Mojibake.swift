/// Mojibake repair: text that was UTF-8, read as a single-byte code page (once or more),
/// and written out again as UTF-8 ("cafÃ©" for "café", "â€™" for "’").
///
/// Where a run of characters maps, through one of `Codepages.all`, to bytes that form
/// UTF-8 sequences, the run is a candidate; the candidate is decoded and kept only when
/// the text around it looks less bad afterwards (`badness`), by more than the code page's
/// cost. Correct text has (almost) no badness, so it is never "repaired". Lossy forms
/// are handled too: a byte lost to U+FFFD (or to "?" at the end of a longer sequence)
/// turns the whole sequence into one U+FFFD, and a no-break space (byte 0xA0) that
/// became a plain space inside a run of mojibake is restored.

/// A UTF-8 sequence found in code-page bytes: how many characters it spans and what it
/// decodes to (a UTF-16 surrogate value for CESU-8 halves, U+FFFD for lossy sequences).
private struct Sequence {
    var length: Int
    var value: UInt32
}

/// The UTF-8 sequence that starts at `i` when `s` is encoded with `page`, or nil.
/// `inRun` allows a space to stand for a lost 0xA0 byte (inside a run of sequences, or
/// at the end of a sequence that a lowercase letter follows: "Å veices" for "Šveices").
private func sequence(_ s: [UInt32], _ i: Int, _ page: Codepage, inRun: Bool) -> Sequence? {
    guard let b0 = page.byte(s[i]), b0 >= 0xC2, b0 <= 0xF4 else { return nil }
    let k = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
    guard i + k <= s.count else { return nil }
    var value = UInt32(b0) & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07)
    var lossy = false
    var real = 0
    var space = false
    for j in 1..<k {
        let c = s[i + j]
        if c == 0xFFFD { lossy = true; continue }
        // A byte lost to "?" (after "Ã"/"Â", or inside a longer sequence).
        if c == 0x3F, k >= 3 || b0 == 0xC2 || b0 == 0xC3 { lossy = true; continue }
        var b: UInt8
        if c == 0x20 {
            guard inRun || (j == k - 1 && b0 != 0xC3 && i + k < s.count && charInfo(s[i + k]).kind == .lower) else { return nil }
            b = 0xA0; space = true
        } else {
            guard let x = page.byte(c), x >= 0x80, x <= 0xBF else { return nil }
            b = x
        }
        if j == 1 {
            switch b0 {
            case 0xE0: guard b >= 0xA0 else { return nil }
            case 0xF0: guard b >= 0x90 else { return nil }
            case 0xF4: guard b <= 0x8F else { return nil }
            default: break
            }
        }
        real += 1
        value = value << 6 | UInt32(b & 0x3F)
    }
    // Private-use characters and noncharacters are no one's text: a "sequence" that
    // decodes to one is chance (and the character would be deleted next, bringing the
    // next chance sequence together, one more each time the output is cleaned).
    if !lossy, (0xE000...0xF8FF).contains(value) || value >= 0xF0000 || (0xFDD0...0xFDEF).contains(value)
        || value & 0xFFFE == 0xFFFE { return nil }
    if lossy, k >= 3, real == 0 { return nil }
    if lossy, space { return nil }
    // A lead byte before a lossy sequence would make one again with the U+FFFD that
    // replaces it ("ŸŸ\u{FFFD}" in Mac Roman), so each repair would call for another and
    // no run would leave the text as it found it: such a chain is left alone. Quotes are
    // read as the ASCII canonical folding makes them (Mac Roman's « » “ ” are lead bytes;
    // their folded forms are not): a lossy sequence neither starts at one nor is held
    // back by one, or the output, cleaned again, would decide otherwise.
    if lossy, foldedQuoteUnit(s[i]) != s[i] { return nil }
    if lossy, i > 0, foldedQuoteUnit(s[i - 1]) == s[i - 1], let p = page.byte(s[i - 1]), p >= 0xC2, p <= 0xF4 { return nil }
    return Sequence(length: k, value: lossy ? 0xFFFD : value)
}

/// Whether `c` can stand second in a sequence of `page`: a continuation byte, or a
/// space, U+FFFD or "?" standing for a lost one.
@inline(__always)
private func mayContinue(_ c: UInt32, _ page: Codepage) -> Bool {
    if c == 0x20 || c == 0xFFFD || c == 0x3F { return true }
    guard let b = page.byte(c) else { return false }
    return b >= 0x80 && b <= 0xBF
}

/// A run of back-to-back sequences: the characters it spans, what it decodes to, and
/// for each decoded character the characters it came from.
private struct Run {
    var range: Range<Int>
    var decoded: [UInt32]
    var units: [Range<Int>]

    /// The run without its first `head` and last `tail` decoded characters.
    func trimmed(head: Int, tail: Int) -> Run? {
        guard head + tail < units.count else { return nil }
        let kept = units[head..<(units.count - tail)]
        return Run(range: kept.first!.lowerBound..<kept.last!.upperBound,
                   decoded: Array(decoded[head..<(decoded.count - tail)]), units: Array(kept))
    }
}

/// Candidate repairs of one code page over a line. A space may stand for 0xA0 in a run's
/// first sequence when another sequence follows it, or — `lenient`, when the line holds
/// other runs of this page — inside a sequence of three or four bytes standing alone
/// ("â €" for U+2800, whose middle byte 0xA0 became a space).
private func candidates(_ s: [UInt32], _ page: Codepage, lenient: Bool = false) -> [Run] {
    var out: [Run] = []
    var i = 0
    let n = s.count
    while i < n {
        // Most characters of correct text are no lead byte followed by a continuation
        // (or a stand-in for one): two table lookups rule them out.
        guard s[i] >= 0x80, i + 1 < n, let lead = page.byte(s[i]), lead >= 0xC2, lead <= 0xF4,
              mayContinue(s[i + 1], page) else { i += 1; continue }
        guard let first = sequence(s, i, page, inRun: false)
                ?? sequence(s, i, page, inRun: true).flatMap({ f in
                    (i + f.length < n && sequence(s, i + f.length, page, inRun: true) != nil)
                        || (lenient && f.length >= 3 && f.value != 0xFFFD && s[i + f.length - 1] != 0x20) ? f : nil })
        else { i += 1; continue }
        // A run of back-to-back sequences.
        var seqs = [first]
        var j = i + first.length
        while j < n, let next = sequence(s, j, page, inRun: true) {
            seqs.append(next); j += next.length
        }
        // Pair CESU-8 surrogate halves; a lone half spoils the run.
        var decoded: [UInt32] = []
        var units: [Range<Int>] = []
        var ok = true
        var k = 0
        var at = i
        while k < seqs.count {
            let v = seqs[k].value
            if (0xD800...0xDBFF).contains(v), k + 1 < seqs.count, (0xDC00...0xDFFF).contains(seqs[k + 1].value) {
                decoded.append(0x10000 + ((v - 0xD800) << 10) + (seqs[k + 1].value - 0xDC00))
                units.append(at..<(at + seqs[k].length + seqs[k + 1].length))
                at += seqs[k].length + seqs[k + 1].length
                k += 2
            } else if (0xD800...0xDFFF).contains(v) {
                ok = false; break
            } else {
                decoded.append(v)
                units.append(at..<(at + seqs[k].length))
                at += seqs[k].length
                k += 1
            }
        }
        if ok, !startsChain(s, i..<j, decoded, page) { out.append(Run(range: i..<j, decoded: decoded, units: units)) }
        i = ok ? j : i + 1
    }
    return out
}

/// Whether decoding `range` of `s` to `decoded` would make a new sequence with the text
/// beside it: a lead byte just before the run and a decoded character that is a
/// continuation byte ("¬¬¬±" in Mac Roman, "ÂÂÂ©" in Latin-1: "¬±" is "±", so every
/// round eats one lead), or a decoded lead byte and continuations just after the run
/// ("Ãƒƒƒ"). Layered mojibake is one run, decoded whole; a chain like these is no
/// encoding's output (its bytes are not UTF-8), and repairing it one link a round means
/// no number of runs leaves the text as it found it: it is left alone. Quotes are read
/// as canonical folding leaves them (see `sequence`).
private func startsChain(_ s: [UInt32], _ range: Range<Int>, _ decoded: [UInt32], _ page: Codepage) -> Bool {
    let after = s[range.upperBound...].prefix(3).map(foldedQuoteUnit)
    let out = decoded.map(foldedQuoteUnit)
    func isLead(_ c: UInt32) -> Bool {
        guard c >= 0x80, let b = page.byte(c) else { return false }
        return b >= 0xC2 && b <= 0xF4
    }
    if range.lowerBound > 0, case let p = foldedQuoteUnit(s[range.lowerBound - 1]), isLead(p),
       sequence([p] + out.prefix(3) + after, 0, page, inRun: false) != nil {
        return true
    }
    if let last = out.last, isLead(last), !after.isEmpty, sequence([last] + after, 0, page, inRun: false) != nil {
        return true
    }
    return false
}

/// The whole of `s` decoded through `page` as one run, or nil.
private func decodeWhole(_ s: [UInt32], _ page: Codepage) -> [UInt32]? {
    let found = candidates(s, page)
    guard found.count == 1, found[0].range == 0..<s.count else { return nil }
    return found[0].decoded
}

/// "Ã" standing alone before a lowercase word: "à" whose 0xA0 byte became a space
/// (French and Portuguese "à"). Portuguese contractions are joined: "Ã s" -> "às",
/// "Ã quele" -> "àquele".
private func lostAGrave(_ s: [UInt32], _ page: Codepage) -> [(Range<Int>, [UInt32])] {
    var out: [(Range<Int>, [UInt32])] = []
    let n = s.count
    for i in 0..<n where s[i] >= 0x80 && page.byte(s[i]) == 0xC3 {
        guard i + 2 < n, s[i + 1] == 0x20 else { continue }
        let w = i + 2  // (runs of white space are one space in the line's view)
        guard charInfo(s[w]).kind == .lower else { continue }
        if i > 0 {
            let prev = charInfo(s[i - 1])
            if prev.kind == .upper || prev.kind == .uncasedLetter { continue }
        }
        var e = w
        while e < n, charInfo(s[e]).kind == .lower { e += 1 }
        let word = String(decoding: s[w..<e].map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        let wordEnds = e == n || charInfo(s[e]).kind == .space
        if w == i + 2, (word == "s" && wordEnds) || word.hasPrefix("quel") || word.hasPrefix("quil") {
            out.append((i..<(i + 2), [0xE0]))
        } else {
            out.append((i..<(i + 1), [0xE0]))
        }
    }
    return out
}

/// A candidate with the text around it (for its badness) and the best decoding found.
private struct Choice {
    var range: Range<Int>
    var replacement: [UInt32]
    var before: Int
    var after: Int
}

/// Lossy sequences decode to U+FFFD; that is no worse than the garbage it replaces. Text
/// is scored as the canonical form will have it, typographic quotes folded to ASCII (so
/// that a decision does not change when the output is cleaned again).
private func forScoring(_ r: [UInt32]) -> [UInt32] { r.map { $0 == 0xFFFD ? 0x2E : foldedQuoteUnit($0) } }

/// The line with some choices applied.
private func applied(_ s: [UInt32], _ choices: [Choice]) -> [UInt32] {
    var out = s
    for c in choices.reversed() { out.replaceSubrange(c.range, with: c.replacement) }
    return out
}

/// How much less bad the line looks with `choices` (sorted, disjoint) applied. The
/// badness rules look at most two characters back and one ahead, so only stretches
/// around the choices change: each is scored before and after, which is exact and spares
/// the whole line.
private func lineGain(_ choices: [Choice], _ rawInfo: LazyCharInfos, _ contextInfo: LazyCharInfos) -> Int {
    let n = contextInfo.count
    var gain = 0
    var k = 0
    while k < choices.count {
        // A stretch: choices whose neighbourhoods (3 characters each side) touch.
        let lo = max(0, choices[k].range.lowerBound - 3)
        var hi = min(n, choices[k].range.upperBound + 3)
        var j = k + 1
        while j < choices.count, choices[j].range.lowerBound - 3 <= hi {
            hi = min(n, choices[j].range.upperBound + 3); j += 1
        }
        var before: [CharInfo] = [], after: [CharInfo] = []
        var at = lo
        for c in choices[k..<j] {
            before += contextInfo[at..<c.range.lowerBound]; after += contextInfo[at..<c.range.lowerBound]
            before += rawInfo[c.range]; after += forScoring(c.replacement).map(charInfo)
            at = c.range.upperBound
        }
        before += contextInfo[at..<hi]; after += contextInfo[at..<hi]
        gain += badness(before) - badness(after)
        k = j
    }
    return gain
}

/// `choices` without those that decode only part of a garble. A stretch of text with no
/// white space in it, made of ASCII and of characters that some code page has (the
/// stuff of mojibake), is a garble when no decoding explains all its non-ASCII
/// characters: mojibake of mojibake that lost its case or bytes ("cafãƒæ’ã‚â©" for
/// "café" three times over, lowercased), where a sequence is there by chance and
/// decoding it turns garbage into other garbage (Armenian and Arabic letters among Latin
/// ones). A choice in a stretch with characters that no choice explains is kept only
/// when the stretch, with the choices in it decoded (and decoded on, as further rounds
/// would), no longer looks bad at all: then the rest is text beside the repair ("ï" in
/// "naïveÃ©"), or a layer that the next round decodes ("â\u{80}" before
/// "â\u{80}\u{9C}", which decodes to "“": together "–").
/// One or two characters beside a repair, or fewer than half as many as it explains,
/// are a remnant (a byte lost or left over: "Ä" after "podkreÅ›la"), not a garble: the
/// repair is kept when what it decodes to looks right on its own (not "ľՋ≩", Latin,
/// Armenian and a math sign, out of "ƒæ’ã‚â©"). Text is read with quotes folded, as the
/// canonical form will have it.
private func withoutGarbleFragments(_ choices: [Choice], _ line: [UInt32], _ context: [UInt32]) -> [Choice] {
    guard !choices.isEmpty else { return choices }
    let n = context.count
    let anyPage = Codepages.inAnyPage
    func inStretch(_ k: Int) -> Bool {
        let c = context[k]
        // (The no-break space is the only non-ASCII white space a code page has.)
        if c < 0x80 { return c != 0x20 }
        return c != 0xA0 && (c < Codepage.flatLimit ? anyPage[Int(c)] : Codepages.inSomePage(c))
    }
    var kept: [Choice] = []
    var k = 0
    while k < choices.count {
        // The stretch around choice k, taking in the choices it reaches.
        var lo = choices[k].range.lowerBound, hi = choices[k].range.upperBound
        var last = k
        while lo > 0, inStretch(lo - 1) { lo -= 1 }
        while true {
            while hi < n, inStretch(hi), !(last + 1 < choices.count && choices[last + 1].range.lowerBound == hi) { hi += 1 }
            if last + 1 < choices.count, choices[last + 1].range.lowerBound == hi { last += 1; hi = choices[last].range.upperBound } else { break }
        }
        let group = choices[k...last]
        k = last + 1
        var stray = 0, explained = 0
        var at = lo
        for c in group {
            stray += context[at..<c.range.lowerBound].count(where: staysNonASCII)
            explained += c.range.count
            at = c.range.upperBound
        }
        stray += context[at..<hi].count(where: staysNonASCII)
        if stray == 0 { kept += group; continue }
        if stray <= 2 || explained >= 2 * stray {
            var decoded: [UInt32] = []
            at = lo
            for c in group {
                if !decoded.isEmpty, at < c.range.lowerBound { decoded.append(0x20) }
                decoded += c.replacement
                at = c.range.upperBound
            }
            if badness(forScoring(decoded).map(charInfo)) == 0 { kept += group; continue }
        }
        // Decoded on as repair would go on (mojibake of mojibake settles over rounds).
        var after: [UInt32] = []
        at = lo
        for c in group {
            after += line[at..<c.range.lowerBound]
            after += c.replacement
            at = c.range.upperBound
        }
        after += line[at..<hi]
        if badness(forScoring(repairLine(after, garbleCheck: false)?.0 ?? after).map(charInfo)) == 0 { kept += group }
    }
    return kept
}

/// Whether `c` (read with quotes folded) is still non-ASCII in the canonical form, which
/// also makes the ellipsis "...": what the output, cleaned again, will see.
@inline(__always)
private func staysNonASCII(_ c: UInt32) -> Bool { c >= 0x80 && c != 0x2026 }

/// Whether `choices` (of `page`) is one two-character sequence standing alone in a line
/// whose other non-ASCII text is correct as it stands, and which is ambiguous: "Ã¥" in
/// "Tour dates – SmÃ¥land". Three facts together leave it alone:
/// - the line is read right elsewhere (the dash is no mojibake), so this pair has no
///   company to show what happened to the line;
/// - the pair on its own is a capital and a currency sign, which text writes side by
///   side ("JP¥", "E£"); only the letters around it make it look bad ("m" before a
///   capital). (The generic currency sign "¤" is no text's: "MÃ¤lardalen" is repaired.)
/// - another code page reads the same two characters as a different character (Mac Roman
///   reads "Ã¥" as a combining tilde), so even the encoding is a guess.
/// But when the letter it would decode to is written right elsewhere in the line
/// ("Classificação: DivisÃ£o"), the line's own language vouches for the repair.
/// White space, quotes and the ellipsis (ASCII once canonical) are no evidence either way.
private func isLoneAmbiguousSequence(_ choices: [Choice], _ page: Codepage, _ s: [UInt32], _ context: [UInt32],
                                     _ found: [(Codepage, [Run])]) -> Bool {
    guard choices.count == 1, case let range = choices[0].range, range.count == 2 else { return false }
    let letter = s[range.lowerBound], sign = s[range.lowerBound + 1]
    guard charInfo(letter).kind == .upper, sign != 0xA4,
          Unicode.Scalar(sign)?.properties.generalCategory == .currencySymbol else { return false }
    let elsewhere = context.indices.contains { k in
        !range.contains(k) && staysNonASCII(context[k]) && charInfo(context[k]).kind != .space
    }
    guard elsewhere else { return false }
    let decoded = choices[0].replacement
    let written = context.indices.contains { k in
        !range.contains(k) && decoded.count == 1 && context[k] == decoded[0]
    }
    if written { return false }
    return found.contains { other, runs in
        other.name != page.name && runs.contains { $0.range == range && $0.decoded != choices[0].replacement }
    }
}

/// Repairs one line of characters; returns nil when nothing changes, else the new
/// characters and the code pages undone.
///
/// Each round tries every code page: a candidate is kept when the text around it looks
/// less bad after decoding (by more than the page's cost), or — when the whole line
/// looks less bad with all of the page's candidates decoded — when decoding does not
/// make the text around it worse. A decoded run is decoded once more when that looks
/// better still (mojibake of mojibake). The page that lowers the line's badness most
/// wins the round; rounds repeat while something improves.
func repairMojibake(_ line: [UInt32]) -> ([UInt32], [String])? {
    // Typographic quotes are bytes of mojibake in some code pages (Mac Roman's "‚Äô" is
    // "’"), so the line is read as it is first. Then once more as canonical folding will
    // leave it (quotes made ASCII): what that reading still repairs, cleaning the output
    // again would repair, so it is repaired now. Only the stretch it changes is taken.
    // The ellipsis becomes three dots there too ("…¬" holds back what "...¬" does not).
    let first = repairLine(line)
    let base = first?.0 ?? line
    var folded: [UInt32] = []
    var origin: [Int] = []  // the index in `base` each unit of `folded` comes from
    folded.reserveCapacity(base.count)
    for (k, c) in base.enumerated() {
        if c == 0x2026 {
            folded += [0x2E, 0x2E, 0x2E]
            origin += [k, k, k]
        } else {
            folded.append(foldedQuoteUnit(c))
            origin.append(k)
        }
    }
    guard folded != base, let (fixed, pages) = repairLine(folded) else { return first }
    var p = 0
    while p < folded.count, p < fixed.count, folded[p] == fixed[p] { p += 1 }
    var q = 0
    while q < folded.count - p, q < fixed.count - p, folded[folded.count - 1 - q] == fixed[fixed.count - 1 - q] { q += 1 }
    // Widen the changed stretch to whole units of `base` (all three dots of an ellipsis).
    while p > 0, p < folded.count, origin[p - 1] == origin[p] { p -= 1 }
    while q > 0, q < folded.count, origin[folded.count - q - 1] == origin[folded.count - q] { q -= 1 }
    let lo = p < folded.count ? origin[p] : base.count
    let hi = max(lo, q > 0 ? origin[folded.count - q] : base.count)
    let spliced = Array(base[..<lo]) + fixed[p..<(fixed.count - q)] + base[hi...]
    let undone = first?.1 ?? []
    return (spliced, undone + pages.filter { !undone.contains($0) })
}

/// `repairMojibake` on the line as it is. `garbleCheck` false leaves garble fragments
/// in (to see where a repair would lead; see `withoutGarbleFragments`).
private func repairLine(_ line: [UInt32], garbleCheck: Bool = true) -> ([UInt32], [String])? {
    var s = line
    var undone: [String] = []
    let allPages = Codepages.all
    for _ in 0..<4 {
        // Only the pages in which some lead sits right before a continuation.
        let mask = pagesWithSequences(s)
        if mask == 0 { break }
        let pages = allPages.indices.filter { mask & (1 << $0) != 0 }.map { allPages[$0] }
        // Runs that decode, page by page; in correct text there are almost never any, and
        // then the characters need no scoring at all.
        let found = pages.map { page -> (Codepage, [Run]) in
            let strict = candidates(s, page)
            return (page, strict.isEmpty ? strict : candidates(s, page, lenient: true))
        }.filter { !$0.1.isEmpty }
        if found.isEmpty { break }
        let context = s.map(foldedQuoteUnit)
        let rawInfo = LazyCharInfos(s), contextInfo = LazyCharInfos(context)
        var best: (gain: Int, consumed: Int, choices: [Choice], page: String)? = nil
        /// How bad a candidate's stretch looks as it is (3 characters of context each side).
        func badnessBefore(_ range: Range<Int>) -> Int {
            let lo = max(0, range.lowerBound - 3), hi = min(s.count, range.upperBound + 3)
            return badness(Array(contextInfo[lo..<range.lowerBound] + rawInfo[range] + contextInfo[range.upperBound..<hi]))
        }
        for (page, runs) in found {
            // Badness is never below zero: where nothing looks bad, no decoding can look
            // better, and correct text with a chance sequence ("Білорусі") is done here.
            if runs.allSatisfy({ badnessBefore($0.range) == 0 }) { continue }
            var choices: [Choice] = []
            func evaluate(_ run: Run) -> Choice {
                let range = run.range, replacement = run.decoded
                let lo = max(0, range.lowerBound - 3), hi = min(s.count, range.upperBound + 3)
                let before = badnessBefore(range)
                func score(_ r: [UInt32]) -> Int {
                    badness(Array(contextInfo[lo..<range.lowerBound] + forScoring(r).map(charInfo) + contextInfo[range.upperBound..<hi]))
                }
                var choice = Choice(range: range, replacement: replacement, before: before, after: score(replacement) + page.cost)
                for page2 in allPages {
                    guard let twice = decodeWhole(replacement, page2) else { continue }
                    let after = score(twice) + page.cost + page2.cost
                    // A run that decodes whole once more is mojibake of mojibake: on a tie, undo both.
                    if after <= choice.after { choice.replacement = twice; choice.after = after; break }
                }
                return choice
            }
            for run in runs {
                var choice = evaluate(run)
                // A run that decoding makes worse may owe that to a sequence at an end
                // that text around it made by chance ("×’" before "Ã©"): try it without.
                if choice.after - page.cost > choice.before {
                    let shorter = [(1, 0), (0, 1), (1, 1), (2, 0), (0, 2)].compactMap { run.trimmed(head: $0.0, tail: $0.1) }
                    if let better = shorter.map(evaluate).filter({ $0.after - page.cost <= $0.before })
                        .max(by: { ($0.before - $0.after, $0.range.count) < ($1.before - $1.after, $1.range.count) }) {
                        choice = better
                    }
                }
                choices.append(choice)
            }
            if garbleCheck { choices = withoutGarbleFragments(choices, s, context) }
            if isLoneAmbiguousSequence(choices, page, s, context, found) { continue }
            if choices.isEmpty { continue }
            let single = choices.filter { $0.after < $0.before }
            let all = choices.filter { $0.after - page.cost <= $0.before }
            // On a tie, the whole set: the line shows this page's mojibake elsewhere.
            for set in [all, single] where !set.isEmpty {
                // When several sequences decode and together they explain every non-ASCII
                // character of the line, the line is this page's mojibake through and
                // through: that is evidence enough to waive the page's cost.
                let consumed = set.reduce(0) { $0 + $1.range.count }
                // (Counted on the folded text: a typographic quote is ASCII once canonical.)
                let nonASCII = context.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
                let cost = set.count >= 2 && consumed >= nonASCII ? 0 : page.cost
                let gain = lineGain(set, rawInfo, contextInfo) - cost
                // The best gain wins; on a tie, the page that explains more of the text.
                if gain > 0, gain > best?.gain ?? 0 || (gain == best?.gain && consumed > best?.consumed ?? 0) {
                    best = (gain, consumed, set, page.name)
                }
            }
        }
        guard let chosen = best else { break }
        s = applied(s, chosen.choices)
        if undone.last != chosen.page { undone.append(chosen.page) }
    }
    for page in allPages.prefix(2) {
        let found = lostAGrave(s, page)
        if found.isEmpty { continue }
        for (range, replacement) in found.reversed() { s.replaceSubrange(range, with: replacement) }
        if !undone.contains(page.name) { undone.append(page.name) }
    }
    return s == line ? nil : (s, undone)
}

/// The code pages (a bit each, in `Codepages.all`'s order) in which some character of
/// `s` that is a lead byte comes right before one that is a continuation byte (a space
/// may stand for 0xA0 in every page).
private func pagesWithSequences(_ s: [UInt32]) -> UInt8 {
    var mask: UInt8 = 0
    var prev: UInt8 = 0
    for c in s {
        if c == 0x20 { mask |= prev } else { mask |= prev & Codepages.contPages(c) }
        prev = Codepages.leadPages(c)
    }
    return mask
}

/// Whether the characters from `start` hold a whole UTF-8 sequence (as `sequence` reads
/// it inside a run) in one of `pages` (a bit each, in `Codepages.all`'s order). White
/// space is read as the line's view below reads it: a tab or CR a space, a run one space.
func completesSequence(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, pages: UInt8) -> Bool {
    var chars: [UInt32] = []
    var k = start
    while k < end, chars.count < 4 {
        let len = validSequenceLength(buf, k) ?? 1
        var c = scalarValue(buf, k, len)
        k += len
        if c == 0x09 || c == 0x0D { c = 0x20 }
        if c == 0x20, chars.last == 0x20 { continue }
        chars.append(c)
    }
    for (bit, page) in Codepages.all.enumerated() where pages & (1 << bit) != 0 {
        if sequence(chars, 0, page, inRun: true) != nil { return true }
    }
    return false
}

/// True when the line at `range` might hold mojibake: a character that is a UTF-8 lead
/// byte in some code page right before one that is a continuation byte in the same page
/// (or a space, after "Ã"). Byte loop with an ASCII fast path; only non-ASCII characters
/// are decoded, and looked up in flat tables.
@inline(__always)
private func mayHoldMojibake(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    let leadBits = Codepages.leadBits, contBits = Codepages.contBits
    let limit = Int(Codepage.flatLimit)
    var i = range.lowerBound
    var prevLead: UInt8 = 0
    var prevAt = 0
    var prevA = false
    while i < range.upperBound {
        let b = buf[i]
        if b < 0x80 {
            // A tab too: the line's view below (and the canonical form) makes it a space.
            if prevA, b == 0x20 || b == 0x09 { return true }
            prevLead = 0; prevA = false
            i = min(firstNonASCII(buf, from: i + 1), range.upperBound)
            continue
        }
        let len = validSequenceLength(buf, i) ?? 1
        let c = Int(scalarValue(buf, i, len))
        if c < limit {
            let pages = prevLead & contBits[c]
            // A lead and a continuation side by side are common in correct text of many
            // languages ("ół", "ЦІ"); only a whole sequence in some page counts.
            if pages != 0, completesSequence(buf, from: prevAt, end: range.upperBound, pages: pages) { return true }
            prevLead = leadBits[c]
            prevAt = i
        } else {
            if c == 0xFFFD, prevLead != 0 { return true }
            prevLead = 0
        }
        prevA = c == 0xC3 || c == 0x0413 || c == 0x0102
        i += len
    }
    return false
}

// MARK: - Lines that cannot look bad

/// What `cannotLookBad` needs to know of a character: the badness rules it can set off
/// (`badness` in Badness.swift) among the characters the proof admits.
struct PlainClass: OptionSet {
    let rawValue: UInt8
    static let letter = PlainClass(rawValue: 1)
    static let upper = PlainClass(rawValue: 2)
    static let lower = PlainClass(rawValue: 4)
    static let cyrillic = PlainClass(rawValue: 8)     // a non-ASCII letter, script Cyrillic
    static let latin = PlainClass(rawValue: 16)       // an ASCII letter, script Latin
    static let quote = PlainClass(rawValue: 32)       // `isQuote`: odd between two letters
    static let symbol = PlainClass(rawValue: 64)      // « » „: non-ASCII symbols for `charInfo`
}

/// The class of `c` if the proof admits it: ASCII but controls (tab and CR are white
/// space in the line's view), the no-break space, the Cyrillic letters of U+0400...U+045F
/// and Ґ ґ, dashes, the ellipsis, and quotes. Each has no rarity and is no mark
/// (`testCannotLookBadAdmitsOnlyPlainCharacters` holds this to `charInfo`).
@inline(__always)
func plainClass(_ c: UInt32) -> PlainClass? {
    switch c {
    case 0x0430...0x045F, 0x0491: return [.letter, .lower, .cyrillic]
    case 0x0400...0x042F, 0x0490: return [.letter, .upper, .cyrillic]
    case 0x61...0x7A: return [.letter, .lower, .latin]
    case 0x41...0x5A: return [.letter, .upper, .latin]
    case 0x20...0x7E, 0x09, 0x0D, 0xA0, 0x2013, 0x2014, 0x2019, 0x2026: return []
    case 0xAB, 0xBB, 0x201E: return [.quote, .symbol]
    case 0x2018, 0x201C, 0x201D: return [.quote]
    default: return nil
    }
}

/// True when the line at `range` certainly gets no mojibake repair, proved without
/// building the line's arrays: every character is one `plainClass` admits, and no
/// neighbours set off a badness rule — no Cyrillic letter beside a Latin one, before
/// «, » or „, or (as a capital) after a lowercase letter; no two of those together; no quote
/// between two letters; no Cyrillic lowercase letter after two capitals; no "Г" before
/// white space (`lostAGrave` in Windows-1251).
///
/// Why that is enough: each badness rule looks at a character and at most two before and
/// one after it, and adds to the count only for a pattern of those; a window of the line
/// (with any of its quotes folded to ASCII, which only takes patterns away) holds no
/// pattern the whole line lacks. So every candidate's stretch looks no bad at all before
/// decoding, `repairLine` passes over every code page ("where nothing looks bad, no
/// decoding can look better"), the folded reading likewise, and no "à" was lost. Clean
/// Cyrillic text has chance sequences in it ("МІ" is 0xCC 0xB2 in Windows-1251, "её "
/// is U+5E20 with the space as 0xA0), and without this each such line was decoded into
/// arrays and searched page by page, about a tenth of the speed of the rest of the stage.
/// One-sided: a line it does not prove goes to the full decision.
func cannotLookBad(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    var i = range.lowerBound
    var p: PlainClass = [], pp: PlainClass = []  // the previous two characters
    var afterGhe = false
    while i < range.upperBound {
        let b = buf[i]
        let c: UInt32, len: Int
        if b < 0x80 {
            c = UInt32(b); len = 1
        } else if b >= 0xC2, b < 0xE0, i + 1 < range.upperBound, buf[i + 1] & 0xC0 == 0x80 {
            c = UInt32(b & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F); len = 2
        } else {
            guard let l = validSequenceLength(buf, i), i + l <= range.upperBound else { return false }
            c = scalarValue(buf, i, l); len = l
        }
        guard let k = plainClass(c) else { return false }
        if afterGhe, c == 0x20 || c == 0x09 || c == 0x0D { return false }
        if p.contains(.cyrillic), k.contains(.symbol) { return false }
        if p.contains(.symbol), k.contains(.symbol) { return false }
        if p.contains(.lower), k.contains(.upper), k.contains(.cyrillic) { return false }
        if p.contains(.latin), k.contains(.cyrillic) { return false }
        if p.contains(.cyrillic), k.contains(.latin) { return false }
        if pp.contains(.letter), p.contains(.quote), k.contains(.letter) { return false }
        if pp.contains(.upper), p.contains(.upper), k.contains(.lower), k.contains(.cyrillic) { return false }
        afterGhe = c == 0x0413
        pp = p; p = k
        i += len
    }
    return true
}

/// Edits that repair mojibake, one per changed stretch of a line.
func mojibakeRepairs(_ text: [UInt8]) -> [ProposedEdit] { mojibakeRepairs(text, provesClean: true) }

/// `mojibakeRepairs`; `provesClean` false sends every line that may hold mojibake to the
/// full decision, even one `cannotLookBad` proves (for tests).
func mojibakeRepairs(_ text: [UInt8], provesClean: Bool) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        forEachNonASCIILine(buf) { line, _ in
            guard mayHoldMojibake(buf, line) else { return }
            if provesClean, cannotLookBad(buf, line) { return }
            // Characters of the line with their byte offsets, white space seen as the
            // canonical form will have it (runs as one space, none at the ends), so
            // that what is decided here does not change once the text is canonical.
            var scalars: [UInt32] = []
            var offsets: [Int] = []
            var k = line.lowerBound
            var afterSpace = true
            while k < line.upperBound {
                let len = validSequenceLength(buf, k) ?? 1
                var c = scalarValue(buf, k, len)
                let white = c == 0x20 || c == 0x09 || c == 0x0D
                if white, afterSpace { k += len; continue }
                if white { c = 0x20 }
                afterSpace = white
                scalars.append(c)
                offsets.append(k)
                k += len
            }
            if scalars.last == 0x20 { scalars.removeLast(); offsets.removeLast() }
            offsets.append(line.upperBound)
            guard let (fixed, pages) = repairMojibake(scalars) else { return }
            var p = 0
            while p < scalars.count, p < fixed.count, scalars[p] == fixed[p] { p += 1 }
            var q = 0
            while q < scalars.count - p, q < fixed.count - p,
                  scalars[scalars.count - 1 - q] == fixed[fixed.count - 1 - q] { q += 1 }
            var replacement: [UInt8] = []
            for c in fixed[p..<(fixed.count - q)] { replacement.append(contentsOf: utf8Bytes(c)) }
            let how = pages.count == 1 ? "UTF-8 read as \(pages[0])" : "UTF-8 read as " + pages.joined(separator: ", then ")
            proposals.append(ProposedEdit(range: offsets[p]..<offsets[scalars.count - q], replacement: replacement,
                                          rule: "unicode.mojibake", category: "unicode", kind: .replace,
                                          reason: "mojibake: \(how), decoded back"))
        }
    }
    return proposals
}

/// Edits that turn C1 controls into the Windows-1252 punctuation they stand for
/// ("\u{93}" -> "“"), except the five bytes Windows-1252 leaves undefined (left for the
/// control rule), and NEL at a line's end, which is read as a line break (as Unicode
/// defines it) unless the text shows other Windows-1252 (`windows1252Evidence`, or other
/// C1 punctuation).
func c1Repairs(_ text: [UInt8], windows1252Evidence: Bool) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        var nelAtLineEnd: [Int] = []
        while true {
            i = firstByte(buf, 0xC2, from: i)
            if i + 1 >= n { break }
            let b = buf[i + 1]
            guard b >= 0x80, b <= 0x9F else { i += 2; continue }
            if b == 0x85, i + 2 == n || buf[i + 2] == 0x0A || buf[i + 2] == 0x0D { nelAtLineEnd.append(i); i += 2; continue }
            let mapped = Codepages.windows1252.high[Int(b - 0x80)]
            if mapped >= 0xA0 {
                proposals.append(ProposedEdit(range: i..<(i + 2), replacement: utf8Bytes(mapped),
                                              rule: "unicode.c1-punctuation", category: "unicode", kind: .replace,
                                              reason: "C1 control that is Windows-1252 punctuation"))
            }
            i += 2
        }
        // NEL at a line's end is an ellipsis when the text shows other Windows-1252.
        if windows1252Evidence || !proposals.isEmpty {
            for i in nelAtLineEnd {
                proposals.append(ProposedEdit(range: i..<(i + 2), replacement: [0xE2, 0x80, 0xA6],
                                              rule: "unicode.c1-punctuation", category: "unicode", kind: .replace,
                                              reason: "C1 control that is Windows-1252 punctuation"))
            }
        }
    }
    return proposals
}
