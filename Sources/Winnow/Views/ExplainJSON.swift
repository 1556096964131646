/// `--explain json`: every edit of a document as one JSON object a line (JSON Lines), for
/// other tools. A view of the edit log, in the order the edits were made.
extension Document {
    /// One line per edit:
    /// `{"document":…,"edit":1,"stage":…,"rule":…,"category":…,"kind":…,"start":…,"end":…,
    /// "before":…,"after":…,"reason":…,"standing":true}` (plus `"supersededBy":n`, 1-based,
    /// when a later edit rewrote this one, and `"kept":{"field":…,"value":…}`).
    /// `start`/`end` are byte offsets into the original input.
    public func explanationJSONLines() -> String {
        var out = ""
        for (i, edit) in edits.enumerated() {
            out += "{\"document\":\(encodeJSONString(id)),\"edit\":\(i + 1)"
            out += ",\"stage\":\(encodeJSONString(edit.stage)),\"rule\":\(encodeJSONString(edit.rule))"
            out += ",\"category\":\(encodeJSONString(edit.category)),\"kind\":\(encodeJSONString(edit.kind.rawValue))"
            out += ",\"start\":\(edit.range.lowerBound),\"end\":\(edit.range.upperBound)"
            out += ",\"before\":\(encodeJSONString(edit.before)),\"after\":\(encodeJSONString(edit.after))"
            out += ",\"reason\":\(encodeJSONString(edit.reason)),\"standing\":\(edit.supersededBy == nil)"
            if let by = edit.supersededBy { out += ",\"supersededBy\":\(by + 1)" }
            if let kept = edit.kept {
                out += ",\"kept\":{\"field\":\(encodeJSONString(kept.field)),\"value\":\(encodeJSONString(kept.value))}"
            }
            out += "}\n"
        }
        return out
    }
}
