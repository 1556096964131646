import CICU

/// A single-byte code page that UTF-8 text is commonly misread as. Its byte table comes
/// from ICU's converter of the same name (data, not code); bytes the code page leaves
/// undefined are read "sloppily" as the C1 control of the same number, as browsers and
/// Python's lenient decoders do, so that such text can still be encoded back.
struct Codepage: Sendable {
    let name: String
    /// Extra badness a repair through this code page must overcome (rarer mix-ups need
    /// more evidence).
    let cost: Int
    /// Code point of bytes 0x80...0xFF.
    let high: [UInt32]
    /// Code point -> byte, for every non-ASCII code point the page can encode.
    let encode: [UInt32: UInt8]
    /// The same for code points below `flatLimit`, as a flat table (0: not encodable).
    let flat: [UInt8]
    static let flatLimit: UInt32 = 0x2600

    init?(icuName: String, cost: Int, acceptsLatin1Controls: Bool) {
        var table = [Int32](repeating: -1, count: 128)
        let ok = table.withUnsafeMutableBufferPointer { cicu_codepage_high(icuName, $0.baseAddress!) }
        guard ok == 0 else { return nil }
        var high: [UInt32] = []
        var encode: [UInt32: UInt8] = [:]
        for k in 0..<128 {
            let byte = UInt8(0x80 + k)
            let cp = table[k] >= 0 ? UInt32(table[k]) : UInt32(byte)
            high.append(cp)
            if encode[cp] == nil { encode[cp] = byte }
        }
        // Text that mixes Windows-1252 with Latin-1 (where 0x80...0x9F are controls).
        if acceptsLatin1Controls {
            for b in 0x80...0x9F where encode[UInt32(b)] == nil { encode[UInt32(b)] = UInt8(b) }
        }
        var flat = [UInt8](repeating: 0, count: Int(Codepage.flatLimit))
        for (cp, b) in encode where cp < Codepage.flatLimit { flat[Int(cp)] = b }
        self.name = icuName
        self.cost = cost
        self.high = high
        self.encode = encode
        self.flat = flat
    }

    /// The byte for a code point, or nil when this page cannot encode it.
    @inline(__always)
    func byte(_ c: UInt32) -> UInt8? {
        if c < 0x80 { return UInt8(c) }
        if c < Codepage.flatLimit {
            let b = flat[Int(c)]
            return b == 0 ? nil : b
        }
        return encode[c]
    }
}

/// The code pages mojibake repair tries, most common mix-ups first.
enum Codepages {
    static let all: [Codepage] = {
        let specs: [(String, Int, Bool)] = [
            ("windows-1252", 0, true), ("windows-1251", 0, false), ("windows-1250", 1, false),
            ("ISO-8859-2", 1, false), ("macintosh", 1, false), ("ibm-437", 1, false),
            ("windows-1257", 1, false),
        ]
        return specs.compactMap { Codepage(icuName: $0.0, cost: $0.1, acceptsLatin1Controls: $0.2) }
    }()

    static var windows1252: Codepage { all[0] }

    /// For code points below `Codepage.flatLimit`: a bit per code page (in `all`'s
    /// order) where the code point is a UTF-8 lead byte (0xC2...0xF4), and where it is a
    /// continuation byte (0x80...0xBF). A lead and a continuation of the same page side
    /// by side is what the mojibake pass looks for.
    static let (leadBits, contBits): ([UInt8], [UInt8]) = {
        var lead = [UInt8](repeating: 0, count: Int(Codepage.flatLimit))
        var cont = [UInt8](repeating: 0, count: Int(Codepage.flatLimit))
        for (k, page) in all.enumerated() {
            for (cp, b) in page.encode where cp < Codepage.flatLimit {
                if (0xC2...0xF4).contains(b) { lead[Int(cp)] |= 1 << k }
                if (0x80...0xBF).contains(b) { cont[Int(cp)] |= 1 << k }
            }
        }
        return (lead, cont)
    }()

    /// For code points below `Codepage.flatLimit`: whether some page has the code point
    /// as a byte 0x80...0xFF (the stuff mojibake is made of).
    static let inAnyPage: [Bool] = {
        var table = [Bool](repeating: false, count: Int(Codepage.flatLimit))
        for page in all { for cp in page.encode.keys where cp < Codepage.flatLimit { table[Int(cp)] = true } }
        return table
    }()

    /// Whether some page has `c` as a byte 0x80...0xFF.
    @inline(__always) static func inSomePage(_ c: UInt32) -> Bool {
        if c < 0x80 { return false }
        if c < Codepage.flatLimit { return inAnyPage[Int(c)] }
        return all.contains { $0.encode[c] != nil }
    }

    /// The pages in which `c` is a lead byte (a bit each).
    @inline(__always) static func leadPages(_ c: UInt32) -> UInt8 {
        c < Codepage.flatLimit ? leadBits[Int(c)] : 0
    }

    /// The pages in which `c` is a continuation byte; U+FFFD (a lost byte) in all.
    @inline(__always) static func contPages(_ c: UInt32) -> UInt8 {
        if c < Codepage.flatLimit { return contBits[Int(c)] }
        return c == 0xFFFD ? 0xFF : 0
    }
}
