/// Turns the input bytes into valid UTF-8, so every later stage can rely on it.
///
/// UTF-32 and UTF-16 with a byte-order mark are decoded whole. Input that is mostly
/// not UTF-8 (more than twice as many invalid bytes as bytes in valid sequences) is legacy text:
/// ICU's charset detector names its charset and ICU's converter reads it, one edit
/// (`decode.charset`) whose reason records the charset and the detector's confidence.
/// Otherwise bytes that are not valid UTF-8 are almost always single-byte text
/// (Windows-1252 or Latin-1) pasted into UTF-8, so each is read that way; a byte with no
/// meaning there becomes U+FFFD. Nothing is dropped silently: every repair is an edit.
final class DecodeStage: Stage {
    let name = "decode"
    /// A charset the user named (`--encoding NAME`): the input is read as that, whole.
    let encoding: String?

    init(encoding: String? = nil) { self.encoding = encoding }

    /// The detector's least confidence for a whole-document conversion.
    static let minimumConfidence = 20
    /// The least number of non-UTF-8 bytes worth asking the detector about (it guesses
    /// wildly on a few bytes; reading them as Windows-1252 is the better bet).
    static let minimumEvidence = 16

    func run(_ document: inout Document) {
        var proposals: [ProposedEdit] = []
        if let encoding, !encoding.isEmpty {
            let converted = document.text.withUnsafeBufferPointer { convertToUTF8($0, from: encoding) }
            if let converted {
                if converted != document.text {
                    document.apply([ProposedEdit(range: 0..<document.text.count, replacement: converted, rule: "decode.charset",
                                                 category: "decode", kind: .replace,
                                                 reason: "text in \(encoding) (named by the user) converted to UTF-8",
                                                 kept: Kept(field: "charset", value: "\(encoding) (named by the user)"))], stage: name)
                }
                return
            }
            document.findings.append("decode: no converter for encoding '\(encoding)'; input read as UTF-8")
        }
        document.text.withUnsafeBufferPointer { buf in
            let n = buf.count
            if n >= 4, let (charset, label) = utf32(buf), let text = convertToUTF8(UnsafeBufferPointer(rebasing: buf[4...]), from: charset) {
                proposals.append(ProposedEdit(range: 0..<n, replacement: text, rule: "decode.utf32", category: "decode",
                                              kind: .replace, reason: "\(label) text (byte-order mark) decoded to UTF-8"))
                return
            }
            if n >= 2, (buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF) {
                proposals.append(ProposedEdit(range: 0..<n, replacement: decodeUTF16(buf), rule: "decode.utf16",
                                              category: "decode", kind: .replace,
                                              reason: "UTF-16 text (byte-order mark) decoded to UTF-8"))
                return
            }
            var invalid = 0
            var multibyte = 0
            var i = 0
            while i < n {
                // Fast path: runs of ASCII.
                if buf[i] < 0x80 { i = firstNonASCII(buf, from: i); continue }
                if let len = validSequenceLength(buf, i) { i += len; multibyte += len; continue }
                let start = i
                var replacement: [UInt8] = []
                while i < n, buf[i] >= 0x80, validSequenceLength(buf, i) == nil {
                    replacement.append(contentsOf: utf8Bytes(windows1252(buf[i])))
                    i += 1
                }
                invalid += i - start
                proposals.append(ProposedEdit(range: start..<i, replacement: replacement, rule: "decode.invalid-utf8",
                                              category: "decode", kind: .replace,
                                              reason: "bytes that are not UTF-8 read as Windows-1252"))
            }
            // Mostly not UTF-8 (legacy bytes that form a valid sequence now and then):
            // ask ICU which charset it is.
            if invalid >= DecodeStage.minimumEvidence, invalid > 2 * multibyte, let edit = legacyCharset(buf) { proposals = [edit] }
        }
        document.apply(proposals, stage: name)
    }
}

/// The charset of a UTF-32 byte-order mark at the start, if there is one.
private func utf32(_ buf: UnsafeBufferPointer<UInt8>) -> (String, String)? {
    if buf[0] == 0xFF, buf[1] == 0xFE, buf[2] == 0, buf[3] == 0 { return ("UTF-32LE", "UTF-32") }
    if buf[0] == 0, buf[1] == 0, buf[2] == 0xFE, buf[3] == 0xFF { return ("UTF-32BE", "UTF-32") }
    return nil
}

/// One edit converting the whole text from the charset ICU detects, unless the detector
/// is unsure, names a Windows-1252 kin (then byte-by-byte reading gives the same text),
/// or the conversion loses characters.
private func legacyCharset(_ buf: UnsafeBufferPointer<UInt8>) -> ProposedEdit? {
    guard let (charset, confidence) = detectCharset(buf), confidence >= DecodeStage.minimumConfidence else { return nil }
    let upper = charset.uppercased()
    if upper == "UTF-8" || upper == "ISO-8859-1" || upper == "WINDOWS-1252" { return nil }
    guard let text = convertToUTF8(buf, from: charset) else { return nil }
    var lost = 0
    var k = 0
    while k + 2 < text.count {
        if text[k] == 0xEF, text[k + 1] == 0xBF, text[k + 2] == 0xBD { lost += 1 }
        k += 1
    }
    guard lost * 100 <= buf.count else { return nil }
    return ProposedEdit(range: 0..<buf.count, replacement: text, rule: "decode.charset", category: "decode", kind: .replace,
                        reason: "text in \(charset) (ICU charset detector, confidence \(confidence)) converted to UTF-8",
                        kept: Kept(field: "charset", value: "\(charset) (confidence \(confidence))"))
}

/// The character a Windows-1252 byte stands for (Latin-1 above 0x9F; U+FFFD for the five
/// bytes Windows-1252 leaves undefined).
func windows1252(_ byte: UInt8) -> UInt32 {
    if byte < 0x80 || byte >= 0xA0 { return UInt32(byte) }
    return windows1252High[Int(byte - 0x80)]
}

private let windows1252High: [UInt32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
]

/// Decodes UTF-16 after its byte-order mark; unpaired surrogates become U+FFFD.
private func decodeUTF16(_ buf: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let little = buf[0] == 0xFF
    var units: [UInt16] = []
    units.reserveCapacity(buf.count / 2)
    var i = 2
    while i + 1 < buf.count {
        units.append(little ? UInt16(buf[i]) | UInt16(buf[i + 1]) << 8 : UInt16(buf[i]) << 8 | UInt16(buf[i + 1]))
        i += 2
    }
    var out = Array(String(decoding: units, as: UTF16.self).utf8)
    if buf.count % 2 == 1 { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
    return out
}
