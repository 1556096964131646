import CICU

/// Look-alike letters: a Cyrillic or Greek letter inside an otherwise Latin word ("Ρaris"
/// with a Greek Rho), or a Latin letter inside a Cyrillic or Greek word, is replaced by
/// its twin in the word's script. Twins are letters with the same ICU confusable
/// skeleton (UTS #39). Words wholly in one script are left alone, and so are lowercase
/// Greek letters in Latin words (γ, μ, α are notation there, not look-alikes).

private let latin: Int32 = 25, greek: Int32 = 14, cyrillic: Int32 = 8

private func skeleton(_ c: UInt32) -> [UInt8] {
    let src = utf8Bytes(c)
    var out = [CChar](repeating: 0, count: 64)
    let n = src.withUnsafeBufferPointer { s in
        s.baseAddress!.withMemoryRebound(to: CChar.self, capacity: s.count) {
            cicu_confusable_skeleton($0, Int32(s.count), &out, 64)
        }
    }
    guard n > 0, n <= 64 else { return [] }
    return out[0..<Int(n)].map { UInt8(bitPattern: $0) }
}

/// For each script, skeleton -> the letter of that script that has it (the first one in
/// code point order). Built once from ICU's data over the basic alphabets.
private let twins: [Int32: [[UInt8]: UInt32]] = {
    var table: [Int32: [[UInt8]: UInt32]] = [latin: [:], greek: [:], cyrillic: [:]]
    let ranges: [(Int32, ClosedRange<UInt32>)] = [
        (latin, 0x41...0x5A), (latin, 0x61...0x7A), (greek, 0x391...0x3A9), (greek, 0x3B1...0x3C9),
        (cyrillic, 0x400...0x45F),
    ]
    for (script, range) in ranges {
        for c in range where Unicode.Scalar(c)?.properties.isAlphabetic == true {
            let key = skeleton(c)
            if !key.isEmpty, table[script]![key] == nil { table[script]![key] = c }
        }
    }
    return table
}()

@inline(__always)
private func letterScript(_ c: UInt32) -> Int32? {
    if (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) { return latin }
    if c < 0x80 { return nil }
    if (0x370...0x3FF).contains(c) { return Unicode.Scalar(c)?.properties.isAlphabetic == true ? greek : nil }
    if (0x400...0x4FF).contains(c) { return Unicode.Scalar(c)?.properties.isAlphabetic == true ? cyrillic : nil }
    if let s = Unicode.Scalar(c), s.properties.isAlphabetic { return cicu_script(Int32(bitPattern: c)) }
    return nil
}

@inline(__always)
private func isMark(_ c: UInt32) -> Bool {
    guard let s = Unicode.Scalar(c) else { return false }
    switch s.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
}

@inline(__always)
private func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

/// Whether the run of word bytes (ASCII letters and any non-ASCII) around `i` holds
/// letters of two of Latin (ASCII), Greek (lead bytes CD...CF) and Cyrillic (D0...D4):
/// a byte test that lets single-script words through without decoding them.
private func mixesScripts(_ buf: UnsafeBufferPointer<UInt8>, around i: Int) -> Bool {
    var start = i
    while start > 0, buf[start - 1] >= 0x80 || isASCIILetter(buf[start - 1]) { start -= 1 }
    var seen: UInt8 = 0
    var k = start
    while k < buf.count {
        let b = buf[k]
        if b < 0x80 {
            guard isASCIILetter(b) else { break }
            seen |= 1
        } else if b >= 0xCD, b <= 0xCF {
            seen |= 2
        } else if b >= 0xD0, b <= 0xD4 {
            seen |= 4
        }
        k += 1
    }
    return seen & (seen - 1) != 0
}

/// Edits for look-alike letters of another script inside words.
func confusableRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        while i < n {
            // Fast path: skip to a Greek or Cyrillic lead byte (CD...D4).
            let b = buf[i]
            if b < 0x80 { i = firstNonASCII(buf, from: i); continue }
            if b < 0xCD || b > 0xD4 { i += 1; continue }
            // A word wholly in one script (most Greek and Cyrillic text) needs no more:
            // over the bytes of the word around, look for letters of two of the scripts.
            if !mixesScripts(buf, around: i) {
                i += 1
                while i < n, buf[i] >= 0x80 || isASCIILetter(buf[i]) { i += 1 }
                continue
            }
            // Find the word around it: letters, by scalar, back and forth.
            var start = i
            while start > 0 {
                var k = start - 1
                while k > 0, buf[k] & 0xC0 == 0x80 { k -= 1 }
                let len = validSequenceLength(buf, k) ?? 1
                let c = scalarValue(buf, k, len)
                guard k + len == start, letterScript(c) != nil || (c >= 0x300 && isMark(c)) else { break }
                start = k
            }
            var letters: [(Range<Int>, UInt32, Int32)] = []
            var j = start
            while j < n {
                let len = validSequenceLength(buf, j) ?? 1
                let c = scalarValue(buf, j, len)
                // Combining marks belong to the word (decomposed or not, it is one word).
                if c >= 0x300, isMark(c) { j += len; continue }
                guard let script = letterScript(c) else { break }
                letters.append((j..<(j + len), c, script))
                j += len
            }
            defer { i = max(j, i + 1) }
            var counts: [Int32: Int] = [:]
            for l in letters { counts[l.2, default: 0] += 1 }
            guard counts.count == 2, let (major, majorCount) = counts.max(by: { $0.value < $1.value }),
                  majorCount * 2 > letters.count, [latin, greek, cyrillic].contains(major) else { continue }
            var edits: [ProposedEdit] = []
            for (range, c, script) in letters where script != major {
                if script == greek, major == latin, Unicode.Scalar(c)?.properties.isLowercase == true { edits = []; break }
                guard let twin = twins[major]?[skeleton(c)],
                      Unicode.Scalar(twin)?.properties.isLowercase == Unicode.Scalar(c)?.properties.isLowercase
                else { edits = []; break }
                edits.append(ProposedEdit(range: range, replacement: utf8Bytes(twin), rule: "unicode.confusable",
                                          category: "unicode", kind: .replace,
                                          reason: "look-alike letter of another script inside a word"))
            }
            proposals.append(contentsOf: edits)
        }
    }
    return proposals
}
