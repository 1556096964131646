/// The `winnow` field of a cleaned JSON Lines record: what Winnow learned and did.
/// A view of the document's edit log, like every other output.
extension Document {
    /// Raw JSON: `{"bylines":[…],"credits":[…],"dates":[…],"edits":{"rule":n,…},"findings":[…]}`,
    /// keys in a fixed order so that output is byte-identical run to run.
    public var winnowJSON: String {
        var parts: [String] = []
        for (field, values) in kept.sorted(by: { $0.key < $1.key }) {
            parts.append("\(encodeJSONString(field)):[\(values.map(encodeJSONString).joined(separator: ","))]")
        }
        let counts = editCounts.sorted { $0.key < $1.key }
            .map { "\(encodeJSONString($0.key)):\($0.value)" }.joined(separator: ",")
        parts.append("\"edits\":{\(counts)}")
        if !findings.isEmpty {
            parts.append("\"findings\":[\(findings.map(encodeJSONString).joined(separator: ","))]")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
