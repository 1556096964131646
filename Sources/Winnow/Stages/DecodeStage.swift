/// Turns the input bytes into valid UTF-8, so every later stage can rely on it.
///
/// UTF-16 with a byte-order mark is decoded whole. In UTF-8 input, bytes that are not
/// valid UTF-8 are almost always single-byte text (Windows-1252 or Latin-1) pasted into
/// UTF-8, so each is read that way; a byte with no meaning there becomes U+FFFD. Nothing
/// is dropped silently: every repair is an edit.
final class DecodeStage: Stage {
    let name = "decode"

    func run(_ document: inout Document) {
        var proposals: [ProposedEdit] = []
        document.text.withUnsafeBufferPointer { buf in
            let n = buf.count
            if n >= 2, (buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF) {
                proposals.append(ProposedEdit(range: 0..<n, replacement: decodeUTF16(buf), rule: "decode.utf16",
                                              category: "decode", kind: .replace,
                                              reason: "UTF-16 text (byte-order mark) decoded to UTF-8"))
                return
            }
            var i = 0
            while i < n {
                // Fast path: runs of ASCII.
                if buf[i] < 0x80 { i += 1; continue }
                if let len = validSequenceLength(buf, i) { i += len; continue }
                let start = i
                var replacement: [UInt8] = []
                while i < n, buf[i] >= 0x80, validSequenceLength(buf, i) == nil {
                    replacement.append(contentsOf: utf8Bytes(windows1252(buf[i])))
                    i += 1
                }
                proposals.append(ProposedEdit(range: start..<i, replacement: replacement, rule: "decode.invalid-utf8",
                                              category: "decode", kind: .replace,
                                              reason: "bytes that are not UTF-8 read as Windows-1252"))
            }
        }
        document.apply(proposals, stage: name)
    }
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
