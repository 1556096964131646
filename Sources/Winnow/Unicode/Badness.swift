import CICU

/// How bad a run of text looks: a count of character combinations that are common in
/// mojibake and rare in correct text of any language. Mojibake repair compares the
/// badness of text before and after a candidate repair and keeps the repair only when
/// it lowers it, so correct text (whose badness is about zero) is left alone.
///
/// Only called on the slow path (lines that hold a possible mojibake sequence).

/// The kinds of characters the measure tells apart.
enum CharKind: Equatable {
    case space, asciiPunct, digit, lower, upper, uncasedLetter, mark, symbol, punct, control, other
}

struct CharInfo {
    var kind: CharKind
    /// ICU script code for letters and marks (0 common, 1 inherited).
    var script: Int32
    /// Extra badness of the character on its own (rare or broken characters).
    var rarity: Int
    var scalar: UInt32
    var isLetter: Bool { kind == .lower || kind == .upper || kind == .uncasedLetter }
}

/// Windows-1252's characters for bytes 0x80...0x9F that are symbols (not quotes, dashes
/// or the ellipsis): in mojibake they follow a letter; in text they rarely do.
@inline(__always)
private func isMojibakeSymbol(_ c: UInt32) -> Bool {
    switch c {
    case 0x20AC, 0x201A, 0x0192, 0x201E, 0x2020, 0x2021, 0x02C6, 0x2030, 0x2039, 0x2022, 0x02DC, 0x2122, 0x203A: return true
    default: return false
    }
}

/// Windows-1252's letters for bytes 0x80...0x9F: after another accented letter they are
/// the second byte of a UTF-8 sequence far more often than text ("ÄŒ", "Ãœ", "âœ").
@inline(__always)
private func isWindows1252Letter(_ c: UInt32) -> Bool {
    switch c {
    case 0x160, 0x152, 0x17D, 0x161, 0x153, 0x17E, 0x178: return true
    default: return false
    }
}

/// Windows-1252 symbols that text does not glue to the front of a letter ("€ś", "ƒÅ").
@inline(__always)
private func isSymbolBeforeLetters(_ c: UInt32) -> Bool {
    switch c {
    case 0x20AC, 0x192, 0x2020, 0x2021, 0x2C6, 0x2030, 0x2DC, 0x2122: return true
    default: return false
    }
}

/// Box-drawing characters and block elements (U+2500...U+259F): what drawings, tables
/// and tree listings are made of, and what code page 437 shows for UTF-8 lead bytes.
@inline(__always)
private func isDrawing(_ c: UInt32) -> Bool { (0x2500...0x259F).contains(c) }

/// Opening and closing quotes that do not belong between two letters (the apostrophe does).
@inline(__always)
private func isQuote(_ c: UInt32) -> Bool {
    switch c {
    case 0x2018, 0x201C, 0x201D, 0x201E, 0x201A, 0x2039, 0x203A, 0xAB, 0xBB: return true
    default: return false
    }
}

/// Latin Extended-B letters in everyday use (Vietnamese, Romanian, Pinyin, Azerbaijani).
private func isCommonExtendedB(_ c: UInt32) -> Bool {
    switch c {
    case 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x0218...0x021B, 0x01CD...0x01DC, 0x018F, 0x0259: return true
    default: return false
    }
}

func charInfo(_ c: UInt32) -> CharInfo {
    if c < 0x80 {
        let b = UInt8(c)
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D: return CharInfo(kind: .space, script: 0, rarity: 0, scalar: c)
        case 0x30...0x39: return CharInfo(kind: .digit, script: 0, rarity: 0, scalar: c)
        case 0x61...0x7A: return CharInfo(kind: .lower, script: 25, rarity: 0, scalar: c)
        case 0x41...0x5A: return CharInfo(kind: .upper, script: 25, rarity: 0, scalar: c)
        case 0x00...0x1F, 0x7F: return CharInfo(kind: .control, script: 0, rarity: 2, scalar: c)
        default: return CharInfo(kind: .asciiPunct, script: 0, rarity: 0, scalar: c)
        }
    }
    guard let s = Unicode.Scalar(c) else { return CharInfo(kind: .other, script: 0, rarity: 2, scalar: c) }
    var rarity = 0
    if (0x0250...0x02AF).contains(c), c != 0x0259 { rarity = 2 }
    else if (0x02B0...0x02FF).contains(c) { rarity = 1 }
    else if (0x0180...0x024F).contains(c), !isCommonExtendedB(c) { rarity = 1 }
    else if c == 0xFFFD { rarity = 1 }
    else if (0x1D00...0x1DBF).contains(c) { rarity = 2 }  // phonetic extensions
    else if (0x0300...0x036F).contains(c) {
        // Combining marks other than the accents languages write (acute, grave,
        // circumflex, tilde, macron, breve, dots, ring, caron, hook, horn, dot below,
        // cedilla, ogonek) and the underlines and strokes of styled text are mostly
        // phonetic notation: rare in text, common in mojibake.
        switch c {
        case 0x0300...0x0309, 0x030A...0x030C, 0x031B, 0x0323, 0x0327, 0x0328: break
        case 0x0332...0x0338: break  // underlines and strokes of "fancy text"
        default: rarity = 1
        }
    }
    else if (0x3190...0x319F).contains(c) || (0x3400...0x4DBF).contains(c) || (0xFF61...0xFF9F).contains(c) { rarity = 1 }
    if c == 0xA0 { return CharInfo(kind: .space, script: 0, rarity: 0, scalar: c) }
    if (0xA1...0xBF).contains(c) || c == 0xD7 || c == 0xF7 || isMojibakeSymbol(c) {
        return CharInfo(kind: .symbol, script: 0, rarity: rarity, scalar: c)
    }
    let script = cicu_script(Int32(bitPattern: c))
    switch s.properties.generalCategory {
    case .lowercaseLetter: return CharInfo(kind: .lower, script: script, rarity: rarity, scalar: c)
    case .uppercaseLetter, .titlecaseLetter: return CharInfo(kind: .upper, script: script, rarity: rarity, scalar: c)
    case .otherLetter: return CharInfo(kind: .uncasedLetter, script: script, rarity: rarity, scalar: c)
    case .modifierLetter: return CharInfo(kind: .uncasedLetter, script: script, rarity: max(rarity, 1), scalar: c)
    case .nonspacingMark, .enclosingMark, .spacingMark: return CharInfo(kind: .mark, script: script, rarity: rarity, scalar: c)
    case .decimalNumber, .letterNumber, .otherNumber: return CharInfo(kind: .digit, script: 0, rarity: rarity, scalar: c)
    case .spaceSeparator, .lineSeparator, .paragraphSeparator: return CharInfo(kind: .space, script: 0, rarity: 0, scalar: c)
    case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
        // Emoji and dingbats are everyday text; box drawing and math are mojibake-prone.
        return CharInfo(kind: c >= 0x2600 ? .other : .symbol, script: 0, rarity: rarity, scalar: c)
    case .control: return CharInfo(kind: .control, script: 0, rarity: 2, scalar: c)
    case .unassigned, .privateUse, .surrogate: return CharInfo(kind: .other, script: 0, rarity: 2, scalar: c)
    case .format: return CharInfo(kind: .other, script: 0, rarity: 1, scalar: c)
    default: return CharInfo(kind: .punct, script: 0, rarity: rarity, scalar: c)
    }
}

/// How odd it is for letters of two scripts to touch inside one word.
private func scriptClash(_ a: Int32, _ b: Int32) -> Int {
    if a == b || a <= 1 || b <= 1 { return 0 }
    let latin: Int32 = 25, greek: Int32 = 14, cyrillic: Int32 = 8
    let han: Int32 = 17, hangul: Int32 = 18, hiragana: Int32 = 20, katakana: Int32 = 22
    let lo = min(a, b), hi = max(a, b)
    if lo == greek, hi == latin { return 0 }  // μ, γ in Latin text (science, units)
    let japanese = { (x: Int32) in x == han || x == hiragana || x == katakana }
    if japanese(lo), japanese(hi) { return 0 }
    if (lo == cyrillic && (hi == latin || hi == greek)) || (lo == han && hi == hangul) { return 1 }
    return 2
}

/// The badness of a run of characters (see above).
func badness(_ infos: [CharInfo]) -> Int {
    var bad = 0
    let n = infos.count
    for i in 0..<n {
        let c = infos[i]
        bad += c.rarity
        guard i > 0 else {
            if c.kind == .mark { bad += 1 }
            continue
        }
        let p = infos[i - 1]
        let nonASCIIPrev = p.scalar >= 0x80
        // An accented letter followed by a symbol or C1 control: "Ã©", "Ð±", "×¢".
        if p.isLetter, nonASCIIPrev, c.kind == .symbol || (c.kind == .control && c.scalar >= 0x80) { bad += 1 }
        // ... or by a Windows-1252 letter of the 0x80...0x9F row.
        if p.isLetter, nonASCIIPrev, isWindows1252Letter(c.scalar) { bad += 1 }
        // A Windows-1252 symbol glued before a letter.
        if isSymbolBeforeLetters(p.scalar), c.isLetter { bad += 1 }
        // Box drawing, arrows and math touching a letter: "e┼í", "t√©". Drawings and tables
        // put box-drawing characters beside ASCII letters ("├┤x┼┐y", "│ Name │"), so those
        // count only beside a non-ASCII letter, where code page 437 mojibake puts them
        // ("┼í", "ß║").
        if (p.kind == .symbol && p.scalar >= 0x2190 && c.isLetter && !(isDrawing(p.scalar) && c.scalar < 0x80))
            || (c.kind == .symbol && c.scalar >= 0x2190 && p.isLetter && !(isDrawing(c.scalar) && p.scalar < 0x80)) { bad += 1 }
        // A multiplication or division sign between two letters: "nĂˇm" read as "n÷m".
        if i >= 2, p.scalar == 0xD7 || p.scalar == 0xF7, infos[i - 2].isLetter, c.isLetter { bad += 1 }
        // Two non-ASCII symbols in a row: "€™", "Â°±" (two box-drawing characters are a
        // drawing's line: "├──┤").
        if p.kind == .symbol, nonASCIIPrev, c.kind == .symbol, c.scalar >= 0x80, !(isDrawing(p.scalar) && isDrawing(c.scalar)) { bad += 1 }
        // A lowercase letter followed by a non-ASCII capital: "tÃ©", "rГ©".
        if p.kind == .lower, c.kind == .upper, c.scalar >= 0x80 { bad += 1 }
        // Letters of clashing scripts touching (marks count with their script).
        if (p.isLetter || p.kind == .mark), c.isLetter || c.kind == .mark { bad += scriptClash(p.script, c.script) }
        // A combining mark after a space or a control.
        if c.kind == .mark, p.kind == .space || p.kind == .control { bad += 1 }
        // A quote glued between two letters: "AÃ‘OS", "HÃ”TEL".
        if i >= 2, isQuote(p.scalar), infos[i - 2].isLetter, c.isLetter { bad += 1 }
        // A lowercase non-ASCII letter ending a run of capitals: "AHř".
        if i >= 2, c.kind == .lower, c.scalar >= 0x80, p.kind == .upper, infos[i - 2].kind == .upper { bad += 1 }
        // A Hebrew or Arabic letter against a digit.
        if (p.kind == .digit && p.scalar < 0x80 && c.isLetter && (c.script == 19 || c.script == 2))
            || (c.kind == .digit && c.scalar < 0x80 && p.isLetter && (p.script == 19 || p.script == 2)) { bad += 1 }
        // "Ã" or "Â" (the lead bytes of U+0080...U+00FF) followed by what would be a
        // continuation byte in Windows-1252, apart from the apostrophe, and apart from a
        // no-break space between a capital and anything but a lowercase letter: there the
        // letter ends a word in capitals ("BOKUÂ\u{A0}NO"), as "Ã" before a plain
        // space after a capital does for `lostAGrave`. Mojibake of a no-break space
        // follows lowercase text, digits or punctuation, and "à" sits inside words
        // ("DÃ\u{A0}il").
        if p.scalar == 0xC3 || p.scalar == 0xC2, c.scalar != 0x2019,
           !(c.scalar == 0xA0 && i >= 2 && infos[i - 2].kind == .upper && (i + 1 == n || infos[i + 1].kind != .lower)),
           let b = Codepages.windows1252.byte(c.scalar), (0x80...0xBF).contains(b) { bad += 1 }
    }
    return bad
}

func badness(_ scalars: ArraySlice<UInt32>) -> Int { badness(scalars.map(charInfo)) }

/// Character information for a line, computed for the windows that are scored (around
/// candidate repairs) the first time they are asked for, and kept for the others.
final class LazyCharInfos {
    private let scalars: [UInt32]
    private var infos: [CharInfo?]
    var count: Int { scalars.count }

    init(_ scalars: [UInt32]) {
        self.scalars = scalars
        self.infos = Array(repeating: nil, count: scalars.count)
    }

    subscript(range: Range<Int>) -> [CharInfo] {
        range.map { i in
            if let known = infos[i] { return known }
            let info = charInfo(scalars[i])
            infos[i] = info
            return info
        }
    }
}
