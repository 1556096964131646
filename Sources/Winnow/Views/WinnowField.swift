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
        for (rule, n) in part.editCounts { counts[rule, default: 0] += n }
        for finding in part.findings where !findings.contains(finding) { findings.append(finding) }
    }

    public var json: String {
        var fields: [String] = []
        for (field, values) in kept.sorted(by: { $0.key < $1.key }) {
            fields.append("\(encodeJSONString(field)):[\(values.map(encodeJSONString).joined(separator: ","))]")
        }
        let edits = counts.sorted { $0.key < $1.key }
            .map { "\(encodeJSONString($0.key)):\($0.value)" }.joined(separator: ",")
        fields.append("\"edits\":{\(edits)}")
        if !findings.isEmpty {
            fields.append("\"findings\":[\(findings.map(encodeJSONString).joined(separator: ","))]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
