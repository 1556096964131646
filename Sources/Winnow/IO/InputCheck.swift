/// Decides whether input bytes are text Winnow should clean, before any stage runs.
public enum InputCheck {
    /// Why input is refused.
    public struct NotText: Error, CustomStringConvertible {
        public var description: String
    }

    /// Throws for binary data (known file signatures, or NUL bytes in text that is not
    /// UTF-16 with a byte-order mark). Empty input is allowed (it cleans to nothing).
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
        var nul = 0
        for b in sample where b == 0 { nul += 1 }
        if nul > 0, nul * 100 >= sample.count {
            throw NotText(description: "binary data (\(nul) NUL bytes in the first \(sample.count)), not text")
        }
    }
}
