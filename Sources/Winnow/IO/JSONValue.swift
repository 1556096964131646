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
