/// Decides whether input bytes are text Winnow should clean, before any stage runs.
public enum InputCheck {
    /// Why input is refused.
    public struct NotText: Error, CustomStringConvertible {
        public var description: String
    }

    /// Throws for binary data: a known file signature, or a sample in which control bytes
    /// other than white space (NUL, and the rest of C0) make up 5% or more. Text that
    /// merely holds a few NUL bytes passes (the pipeline removes them); UTF-16 with a
    /// byte-order mark passes (the decode stage reads it). Empty input is allowed.
    /// UTF-16 without a byte-order mark is refused here: call `prepare` to decode it.
    public static func requireText(_ bytes: [UInt8]) throws {
        let head = bytes.prefix(8)
        func starts(_ sig: [UInt8]) -> Bool { head.starts(with: sig) }
        let signatures: [(String, [UInt8])] = [
            ("gzip", [0x1F, 0x8B]), ("PNG image", [0x89, 0x50, 0x4E, 0x47]), ("JPEG image", [0xFF, 0xD8, 0xFF]),
            ("GIF image", Array("GIF8".utf8)), ("PDF", Array("%PDF".utf8)), ("zip", [0x50, 0x4B, 0x03, 0x04]),
            ("bzip2", Array("BZh".utf8)), ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A]), ("zstd", [0x28, 0xB5, 0x2F, 0xFD]),
            ("ELF executable", [0x7F, 0x45, 0x4C, 0x46]), ("WebP/RIFF", Array("RIFF".utf8)),
        ]
        for (name, sig) in signatures where starts(sig) {
            throw NotText(description: "binary data (\(name)), not text")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return }
        let sample = bytes.prefix(65536)
        var control = 0
        for b in sample where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x0B && b != 0x1B {
            control += 1
        }
        if control > 0, control * 20 >= sample.count {
            throw NotText(description: "binary data (\(control) control bytes in the first \(sample.count)), not text")
        }
    }

    /// Which byte order BOM-less UTF-16 input is in, judged by its NUL pattern (text
    /// mostly in Latin script has a NUL in every other byte); nil when it is not.
    /// UTF-16 in other scripts has no NUL pattern and is not recognised.
    public static func utf16ByteOrder(_ bytes: [UInt8]) -> UTF16Order? {
        let sample = bytes.prefix(65536)
        let pairs = sample.count / 2
        guard pairs >= 2 else { return nil }
        var evenNul = 0, oddNul = 0
        var i = sample.startIndex
        while i + 1 < sample.endIndex {
            if sample[i] == 0 { evenNul += 1 }
            if sample[i + 1] == 0 { oddNul += 1 }
            i += 2
        }
        // At least 40% of units have a NUL high byte, and the low bytes almost never NUL.
        if oddNul * 10 >= pairs * 4, evenNul * 50 <= pairs { return .littleEndian }
        if evenNul * 10 >= pairs * 4, oddNul * 50 <= pairs { return .bigEndian }
        return nil
    }

    public enum UTF16Order: String, Sendable { case littleEndian = "UTF-16LE", bigEndian = "UTF-16BE" }

    /// The bytes to clean: UTF-16 without a byte-order mark decoded to UTF-8 (unpaired
    /// surrogates and a dangling last byte become U+FFFD), anything else as it came.
    /// Throws `NotText` for binary data.
    public static func prepare(_ bytes: [UInt8]) throws -> [UInt8] {
        let bom = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        if !bom, let order = utf16ByteOrder(bytes) {
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 0
            while i + 1 < bytes.count {
                let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
                units.append(order == .littleEndian ? a | b << 8 : a << 8 | b)
                i += 2
            }
            var out = Array(String(decoding: units, as: UTF16.self).utf8)
            if bytes.count % 2 == 1 { out += [0xEF, 0xBF, 0xBD] }
            return out
        }
        try requireText(bytes)
        return bytes
    }
}
