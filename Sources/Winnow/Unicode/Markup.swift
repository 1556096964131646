/// Markup debris that scrapers leave in text: HTML character references (`&amp;`,
/// `&#8217;`, `&nbsp;`, double-escaped `&amp;amp;`) and stray tags (`<br>`, `</span>`).

/// Named character references Winnow decodes (the common ones of HTML's list), by name.
/// Data: each name with the code points it stands for.
private let namedEntities: [String: [UInt32]] = {
    let pairs: [(String, UInt32)] = [
        ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27), ("nbsp", 0xA0),
        ("ensp", 0x2002), ("emsp", 0x2003), ("thinsp", 0x2009), ("zwnj", 0x200C), ("zwj", 0x200D),
        ("lrm", 0x200E), ("rlm", 0x200F), ("shy", 0xAD), ("ndash", 0x2013), ("mdash", 0x2014),
        ("lsquo", 0x2018), ("rsquo", 0x2019), ("sbquo", 0x201A), ("ldquo", 0x201C), ("rdquo", 0x201D),
        ("bdquo", 0x201E), ("laquo", 0xAB), ("raquo", 0xBB), ("lsaquo", 0x2039), ("rsaquo", 0x203A),
        ("hellip", 0x2026), ("bull", 0x2022), ("middot", 0xB7), ("dagger", 0x2020), ("Dagger", 0x2021),
        ("permil", 0x2030), ("prime", 0x2032), ("Prime", 0x2033), ("copy", 0xA9), ("reg", 0xAE),
        ("trade", 0x2122), ("deg", 0xB0), ("plusmn", 0xB1), ("times", 0xD7), ("divide", 0xF7),
        ("frac12", 0xBD), ("frac14", 0xBC), ("frac34", 0xBE), ("sup1", 0xB9), ("sup2", 0xB2),
        ("sup3", 0xB3), ("micro", 0xB5), ("para", 0xB6), ("sect", 0xA7), ("cent", 0xA2),
        ("pound", 0xA3), ("yen", 0xA5), ("euro", 0x20AC), ("curren", 0xA4), ("iexcl", 0xA1),
        ("iquest", 0xBF), ("ordf", 0xAA), ("ordm", 0xBA), ("not", 0xAC), ("macr", 0xAF),
        ("acute", 0xB4), ("cedil", 0xB8), ("uml", 0xA8), ("brvbar", 0xA6), ("larr", 0x2190),
        ("rarr", 0x2192), ("uarr", 0x2191), ("darr", 0x2193), ("harr", 0x2194), ("le", 0x2264),
        ("ge", 0x2265), ("ne", 0x2260), ("minus", 0x2212), ("infin", 0x221E), ("asymp", 0x2248),
        ("szlig", 0xDF), ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4),
        ("mu", 0x3BC), ("pi", 0x3C0), ("sigma", 0x3C3), ("omega", 0x3C9), ("Omega", 0x3A9),
        ("OElig", 0x152), ("oelig", 0x153), ("Scaron", 0x160), ("scaron", 0x161), ("Yuml", 0x178),
        ("fnof", 0x192), ("circ", 0x2C6), ("tilde", 0x2DC),
    ]
    var table: [String: [UInt32]] = [:]
    for (name, cp) in pairs { table[name] = [cp] }
    // Latin-1 letters with their accents: &Agrave; &eacute; &ccedil; ...
    let accents: [(String, [(Character, UInt32)])] = [
        ("grave", [("A", 0xC0), ("E", 0xC8), ("I", 0xCC), ("O", 0xD2), ("U", 0xD9),
                   ("a", 0xE0), ("e", 0xE8), ("i", 0xEC), ("o", 0xF2), ("u", 0xF9)]),
        ("acute", [("A", 0xC1), ("E", 0xC9), ("I", 0xCD), ("O", 0xD3), ("U", 0xDA), ("Y", 0xDD),
                   ("a", 0xE1), ("e", 0xE9), ("i", 0xED), ("o", 0xF3), ("u", 0xFA), ("y", 0xFD)]),
        ("circ", [("A", 0xC2), ("E", 0xCA), ("I", 0xCE), ("O", 0xD4), ("U", 0xDB),
                  ("a", 0xE2), ("e", 0xEA), ("i", 0xEE), ("o", 0xF4), ("u", 0xFB)]),
        ("tilde", [("A", 0xC3), ("N", 0xD1), ("O", 0xD5), ("a", 0xE3), ("n", 0xF1), ("o", 0xF5)]),
        ("uml", [("A", 0xC4), ("E", 0xCB), ("I", 0xCF), ("O", 0xD6), ("U", 0xDC),
                 ("a", 0xE4), ("e", 0xEB), ("i", 0xEF), ("o", 0xF6), ("u", 0xFC), ("y", 0xFF)]),
        ("ring", [("A", 0xC5), ("a", 0xE5)]),
        ("cedil", [("C", 0xC7), ("c", 0xE7)]),
        ("slash", [("O", 0xD8), ("o", 0xF8)]),
    ]
    for (suffix, letters) in accents {
        for (letter, cp) in letters { table[String(letter) + suffix] = [cp] }
    }
    table["AElig"] = [0xC6]; table["aelig"] = [0xE6]; table["ETH"] = [0xD0]; table["eth"] = [0xF0]
    table["THORN"] = [0xDE]; table["thorn"] = [0xFE]
    return table
}()

/// The character reference at `i` (which holds "&"): its byte length and code points.
private func reference(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, [UInt32])? {
    let n = buf.count
    var j = i + 1
    guard j < n else { return nil }
    if buf[j] == 0x23 {  // &#...;
        j += 1
        var hex = false
        if j < n, buf[j] | 0x20 == 0x78 { hex = true; j += 1 }
        var value: UInt32 = 0
        let start = j
        while j < n, j - start < 8 {
            let b = buf[j]
            if b >= 0x30, b <= 0x39 { value = value * (hex ? 16 : 10) + UInt32(b - 0x30) }
            else if hex, b | 0x20 >= 0x61, b | 0x20 <= 0x66 { value = value * 16 + UInt32(b | 0x20 - 0x61 + 10) }
            else { break }
            j += 1
        }
        guard j > start, j < n, buf[j] == 0x3B else { return nil }
        var cp = value
        // References to C1 numbers mean Windows-1252 (as browsers read them).
        if (0x80...0x9F).contains(cp) { cp = Codepages.windows1252.high[Int(cp - 0x80)] }
        if cp == 0 || cp > 0x10FFFF || (0xD800...0xDFFF).contains(cp) { cp = 0xFFFD }
        return (j + 1 - i, [cp])
    }
    let start = j
    while j < n, j - start < 10, (buf[j] | 0x20 >= 0x61 && buf[j] | 0x20 <= 0x7A) || (buf[j] >= 0x30 && buf[j] <= 0x39) { j += 1 }
    guard j > start, j < n, buf[j] == 0x3B else { return nil }
    let name = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<j]), as: UTF8.self)
    guard let cps = namedEntities[name] else { return nil }
    return (j + 1 - i, cps)
}

/// HTML elements whose tags turn up in scraped text; block elements become a line break.
private let blockTags: Set<String> = [
    "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
    "hr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "dl", "pre",
]
private let inlineTags: Set<String> = [
    "a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "img", "ins", "kbd", "mark", "q",
    "s", "small", "span", "strike", "strong", "sub", "sup", "td", "th", "u", "wbr", "tbody", "thead",
    "center", "nav", "aside", "main",
]

/// The stray tag at `i` (which holds "<"): its byte length and whether it breaks a line.
private func tag(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Bool)? {
    let n = buf.count
    var j = i + 1
    if j + 2 < n, buf[j] == 0x21, buf[j + 1] == 0x2D, buf[j + 2] == 0x2D {  // <!-- ... -->
        var k = j + 3
        while k + 2 < n, k - i < 2000 {
            if buf[k] == 0x2D, buf[k + 1] == 0x2D, buf[k + 2] == 0x3E { return (k + 3 - i, false) }
            k += 1
        }
        return nil
    }
    if j < n, buf[j] == 0x2F { j += 1 }
    let nameStart = j
    while j < n, j - nameStart < 12, (buf[j] | 0x20 >= 0x61 && buf[j] | 0x20 <= 0x7A) || (buf[j] >= 0x31 && buf[j] <= 0x36 && j > nameStart) { j += 1 }
    guard j > nameStart, j < n else { return nil }
    let name = String(decoding: UnsafeBufferPointer(rebasing: buf[nameStart..<j]), as: UTF8.self).lowercased()
    let block = blockTags.contains(name)
    guard block || inlineTags.contains(name) else { return nil }
    // Then attributes (no line breaks, even inside quotes, and no other "<"), up to ">".
    // A typographic quote reads as the ASCII quote canonical folding turns it into, and
    // the length limit counts a run of spaces and a quote as one character each, as
    // canonical text has them: the output, cleaned again, must hold the same tags (else
    // a second cleaning removes one). A quoted value that ran across lines took the
    // paragraphs between two quotes for an attribute once later stages had shortened
    // them (a fuzz finding).
    guard buf[j] == 0x3E || buf[j] == 0x20 || buf[j] == 0x2F || buf[j] == 0x09 else { return nil }
    var quote: UInt8 = 0
    var characters = 0, afterSpace = false
    while j < n, characters < 1000 {
        var b = buf[j]
        var step = 1
        if let (length, folded) = foldedQuote(buf, j), folded.count == 1 {
            b = folded[0]
            step = length
        }
        if b == 0x0A || b == 0x0D { return nil }
        let space = b == 0x20 || b == 0x09
        if !(space && afterSpace) { characters += 1 }
        afterSpace = space
        if quote != 0 { if b == quote { quote = 0 } }
        else if b == 0x22 || b == 0x27 { quote = b }
        else if b == 0x3E { return (j + 1 - i, block) }
        else if b == 0x3C { return nil }
        j += step
    }
    return nil
}

/// Edits for character references. Decoded before tags are looked for, so that an
/// escaped tag ("&lt;br&gt;") is found as a tag, and cleaning twice changes nothing.
func entityRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        while true {
            i = firstByte(buf, 0x26, from: i)
            if i >= n { break }
            guard let (len, cps) = reference(buf, i) else { i += 1; continue }
            // Escaped more than once: "&amp;" followed by what is again a reference.
            var total = len
            var out = cps
            var layers = 1
            while out == [0x26], let (l2, c2) = nextLayer(buf, i + total) {
                total += l2; out = c2; layers += 1
            }
            var bytes: [UInt8] = []
            for c in out { bytes.append(contentsOf: utf8Bytes(c)) }
            proposals.append(ProposedEdit(range: i..<(i + total), replacement: bytes, rule: "unicode.html-entity",
                                          category: "unicode", kind: .replace,
                                          reason: layers > 1 ? "HTML character reference, escaped \(layers) times" : "HTML character reference"))
            i += total
        }
    }
    return proposals
}

/// Edits for stray HTML tags: block tags become a line break, inline tags go.
func tagRepairs(_ text: [UInt8]) -> [ProposedEdit] {
    var proposals: [ProposedEdit] = []
    text.withUnsafeBufferPointer { buf in
        let n = buf.count
        var i = 0
        while true {
            i = firstByte(buf, 0x3C, from: i)
            if i >= n { break }
            guard let (len, block) = tag(buf, i) else { i += 1; continue }
            proposals.append(ProposedEdit(range: i..<(i + len), replacement: block ? [0x0A] : [],
                                          rule: "unicode.tag", category: "unicode", kind: block ? .replace : .delete,
                                          reason: block ? "stray HTML tag (a line break)" : "stray HTML tag"))
            i += len
        }
    }
    return proposals
}

/// After "&amp;", the rest of a double-escaped reference ("#8217;" or "amp;"): its length
/// and code points.
private func nextLayer(_ buf: UnsafeBufferPointer<UInt8>, _ j: Int) -> (Int, [UInt32])? {
    // Pretend the "&" that "&amp;" stood for sits just before j.
    let n = buf.count
    guard j < n, buf[j] == 0x23 || (buf[j] | 0x20 >= 0x61 && buf[j] | 0x20 <= 0x7A) else { return nil }
    var scratch: [UInt8] = [0x26]
    var k = j
    while k < n, k - j < 12 { scratch.append(buf[k]); if buf[k] == 0x3B { break }; k += 1 }
    return scratch.withUnsafeBufferPointer { s in
        reference(s, 0).map { ($0.0 - 1, $0.1) }
    }
}
