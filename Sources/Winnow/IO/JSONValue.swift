/// A JSON document read whole into values: for the data files Winnow ships (the
/// classifier's model), which `JSONDecoder` reads at some 750 instructions a byte, most
/// of a process's start-up on its thread. Numbers are read as `Double(String)` reads
/// them: correctly rounded, as `JSONDecoder` rounds them.
enum JSONValue: Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case number(Double)
    case string(String)
    case bool(Bool)
    case null

    /// Reads `bytes` as one JSON value (white space around it allowed, and a UTF-8 byte
    /// order mark before it, as `JSONDecoder` allows).
    init(parsing bytes: [UInt8]) throws {
        var p = JSONParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.pos = 3 }
        self = try p.value(depth: 0)
        p.skipSpace()
        guard p.pos == bytes.count else { throw p.error("text after the value") }
    }

    /// What a reader of a field wanted and did not find.
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    /// The field `key` of an object.
    func field(_ key: String) throws -> JSONValue {
        guard case .object(let fields) = self else { throw Mismatch(description: "expected an object holding '\(key)'") }
        guard let v = fields[key] else { throw Mismatch(description: "missing field '\(key)'") }
        return v
    }

    func double(_ what: String) throws -> Double {
        guard case .number(let x) = self else { throw Mismatch(description: "'\(what)' is not a number") }
        return x
    }

    /// A number that is a whole number within `Int`'s range.
    func int(_ what: String) throws -> Int {
        let x = try double(what)
        guard x == x.rounded(), abs(x) < 9.0e18 else { throw Mismatch(description: "'\(what)' is not a whole number") }
        return Int(x)
    }

    func string(_ what: String) throws -> String {
        guard case .string(let s) = self else { throw Mismatch(description: "'\(what)' is not a string") }
        return s
    }

    func array(_ what: String) throws -> [JSONValue] {
        guard case .array(let a) = self else { throw Mismatch(description: "'\(what)' is not an array") }
        return a
    }

    func doubles(_ what: String) throws -> [Double] { try array(what).map { try $0.double(what) } }
    func ints(_ what: String) throws -> [Int] { try array(what).map { try $0.int(what) } }
    func strings(_ what: String) throws -> [String] { try array(what).map { try $0.string(what) } }
}

extension JSONParser {
    /// Reads the value at `pos` (after white space).
    mutating func value(depth: Int) throws -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested too deeply") }
        skipSpace()
        guard let c = peek() else { throw error("expected a value") }
        switch c {
        case UInt8(ascii: "\""):
            return .string(String(decoding: try string(), as: UTF8.self))
        case UInt8(ascii: "{"):
            pos += 1
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if peek() == UInt8(ascii: "}") { pos += 1; return .object(fields) }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name") }
                let key = String(decoding: try string(), as: UTF8.self)
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
                pos += 1
                let v = try value(depth: depth + 1)
                if fields[key] == nil { fields[key] = v }  // the first of a repeated key, as JSONDecoder takes
                skipSpace()
                guard let d = peek() else { throw error("unterminated object") }
                pos += 1
                if d == UInt8(ascii: "}") { return .object(fields) }
                guard d == UInt8(ascii: ",") else { throw error("expected ',' or '}'", at: pos - 1) }
            }
        case UInt8(ascii: "["):
            pos += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") { pos += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard let d = peek() else { throw error("unterminated array") }
                pos += 1
                if d == UInt8(ascii: "]") { return .array(items) }
                guard d == UInt8(ascii: ",") else { throw error("expected ',' or ']'", at: pos - 1) }
            }
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = pos
            let text = try number()
            guard let x = Double(String(decoding: b[text], as: UTF8.self)), x.isFinite else { throw error("bad number", at: start) }
            return .number(x)
        default: throw error("unexpected character")
        }
    }
}
