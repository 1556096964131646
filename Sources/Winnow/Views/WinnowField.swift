/// The `winnow` field of a cleaned JSON Lines record: what Winnow learned and did.
/// A view of the document's edit log, like every other output.
extension Document {
    /// Raw JSON: `{"bylines":[…],"credits":[…],"dates":[…],"edits":{"rule":n,…},"findings":[…]}`,
    /// keys in a fixed order so that output is byte-identical run to run.
    public var winnowJSON: String { Document.winnowJSON(of: [self]) }

    /// The field for a document cleaned in parts (`Cleaner.cleanInParts`): the values kept
    /// in text order, the edits added up, every finding once.
    public static func winnowJSON(of parts: [Document]) -> String {
        var summary = WinnowSummary()
        for part in parts { summary.add(part) }
        return summary.json
    }
}

/// The `winnow` field added up part by part, so that a record cleaned as it streams by
/// (`LongRecordCleaner`) need not keep its parts.
public struct WinnowSummary {
    private var kept: [String: [String]] = [:]
    private var counts: [String: Int] = [:]
    private var findings: [String] = []

    public init() {}

    public mutating func add(_ part: Document) {
        for (field, values) in part.kept { kept[field, default: []] += values }
        part.edits.forEachRuleRun { counts[part.edits[$0.lowerBound].rule, default: 0] += $0.count }
        for finding in part.findings where !findings.contains(finding) { findings.append(finding) }
    }

    /// `{"bylines":[...],...,"edits":{"rule":n,...},"findings":[...]}`, keys sorted,
    /// written as bytes (every record gets one).
    public var json: String {
        var out: [UInt8] = [0x7B]
        func string(_ s: String) { out += encodeJSONString(Array(s.utf8)) }
        for (field, values) in kept.sorted(by: { $0.key < $1.key }) {
            string(field)
            out += [0x3A, 0x5B]
            for (i, value) in values.enumerated() {
                if i > 0 { out.append(0x2C) }
                string(value)
            }
            out += [0x5D, 0x2C]
        }
        out += Array(#""edits":{"#.utf8)
        for (i, (rule, n)) in counts.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.append(0x2C) }
            string(rule)
            out.append(0x3A)
            out += Array(String(n).utf8)
        }
        out.append(0x7D)
        if !findings.isEmpty {
            out += Array(#","findings":["#.utf8)
            for (i, finding) in findings.enumerated() {
                if i > 0 { out.append(0x2C) }
                string(finding)
            }
            out.append(0x5D)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }
}
