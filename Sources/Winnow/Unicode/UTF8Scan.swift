/// Byte-level UTF-8 helpers for the hot loops: stages walk bytes, not Characters.

/// Length of the valid UTF-8 sequence starting at `i`, or nil when the bytes there are
/// not valid UTF-8 (overlong forms, surrogates and code points past U+10FFFF included).
@inline(__always)
func validSequenceLength(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    let b0 = buf[i]
    if b0 < 0x80 { return 1 }
    let n = buf.count
    @inline(__always) func cont(_ k: Int) -> Bool { k < n && buf[k] & 0xC0 == 0x80 }
    switch b0 {
    case 0xC2...0xDF:
        return cont(i + 1) ? 2 : nil
    case 0xE0:
        return i + 1 < n && (0xA0...0xBF).contains(buf[i + 1]) && cont(i + 2) ? 3 : nil
    case 0xED:
        return i + 1 < n && (0x80...0x9F).contains(buf[i + 1]) && cont(i + 2) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF:
        return cont(i + 1) && cont(i + 2) ? 3 : nil
    case 0xF0:
        return i + 1 < n && (0x90...0xBF).contains(buf[i + 1]) && cont(i + 2) && cont(i + 3) ? 4 : nil
    case 0xF1...0xF3:
        return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : nil
    case 0xF4:
        return i + 1 < n && (0x80...0x8F).contains(buf[i + 1]) && cont(i + 2) && cont(i + 3) ? 4 : nil
    default:
        return nil
    }
}

/// Decodes the scalar of a *valid* sequence of length `len` at `i`.
@inline(__always)
func scalarValue(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int) -> UInt32 {
    switch len {
    case 1: return UInt32(buf[i])
    case 2: return UInt32(buf[i] & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
    case 3: return UInt32(buf[i] & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
    default:
        return UInt32(buf[i] & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12
            | UInt32(buf[i + 2] & 0x3F) << 6 | UInt32(buf[i + 3] & 0x3F)
    }
}

/// Length of the UTF-8 sequence whose lead byte is `b` (1 for ASCII and stray bytes).
@inline(__always)
func sequenceLength(lead b: UInt8) -> Int {
    if b < 0xC0 { return 1 }
    if b < 0xE0 { return 2 }
    if b < 0xF0 { return 3 }
    return 4
}

/// UTF-8 bytes of a scalar.
func utf8Bytes(_ scalar: UInt32) -> [UInt8] {
    guard let s = Unicode.Scalar(scalar) else { return [0xEF, 0xBF, 0xBD] }
    return Array(String(Character(s)).utf8)
}
