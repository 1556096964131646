import CICU

/// Legacy charsets: ICU's detector (ucsdet) names them, ICU's converters (ucnv) read them.

/// What ICU's charset detector makes of some bytes: the charset's name and its
/// confidence (0...100), or nil.
func detectCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, confidence: Int)? {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
    var name = [CChar](repeating: 0, count: 64)
    let confidence = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        cicu_detect_charset($0, Int32(min(bytes.count, Int(Int32.max))), &name, 64)
    }
    guard confidence >= 0 else { return nil }
    let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text.isEmpty ? nil : (text, Int(confidence))
}

/// Bytes in the named charset converted to UTF-8 (malformed input becomes U+FFFD), or
/// nil when ICU has no converter of that name.
func convertToUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from charset: String) -> [UInt8]? {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return [] }
    var capacity = bytes.count * 3 + 16
    for _ in 0..<2 {
        var out = [UInt8](repeating: 0, count: capacity)
        let n = out.withUnsafeMutableBufferPointer { o in
            o.baseAddress!.withMemoryRebound(to: CChar.self, capacity: o.count) { dst in
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { src in
                    cicu_convert_to_utf8(charset, src, Int32(bytes.count), dst, Int32(capacity))
                }
            }
        }
        if n < 0 { return nil }
        if Int(n) <= capacity { return Array(out[0..<Int(n)]) }
        capacity = Int(n)
    }
    return nil
}
