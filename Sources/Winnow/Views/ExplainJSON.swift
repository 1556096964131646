/// `--explain json`: every edit of a document as one JSON object a line (JSON Lines), for
/// other tools. A view of the edit log, in the order the edits were made.
extension Document {
    /// One line per edit:
    /// `{"document":…,"edit":1,"stage":…,"rule":…,"category":…,"kind":…,"start":…,"end":…,
    /// "before":…,"after":…,"reason":…,"standing":true}` (plus `"supersededBy":n`, 1-based,
    /// when a later edit rewrote this one, and `"kept":{"field":…,"value":…}`).
    /// `start`/`end` are byte offsets into the original input; a standing edit also has
    /// `cleanStart`/`cleanEnd`, where its output sits in the clean text (a drop's is empty:
    /// the place the dropped text was).
    public func explanationJSONLines() -> String {
        var out = ""
        let standing = standingPlaces
        var places = [Int: Range<Int>](minimumCapacity: standing.count)
        for place in standing { places[place.edit] = place.span }
        for (i, edit) in edits.enumerated() {
            out += "{\"document\":\(encodeJSONString(id)),\"edit\":\(i + 1)"
            out += ",\"stage\":\(encodeJSONString(edit.stage)),\"rule\":\(encodeJSONString(edit.rule))"
            out += ",\"category\":\(encodeJSONString(edit.category)),\"kind\":\(encodeJSONString(edit.kind.rawValue))"
            out += ",\"start\":\(edit.range.lowerBound),\"end\":\(edit.range.upperBound)"
            out += ",\"before\":\(encodeJSONString(edit.before)),\"after\":\(encodeJSONString(edit.after))"
            out += ",\"reason\":\(encodeJSONString(edit.reason)),\"standing\":\(edit.supersededBy == nil)"
            if let by = edit.supersededBy { out += ",\"supersededBy\":\(by + 1)" }
            if let span = places[i] { out += ",\"cleanStart\":\(span.lowerBound),\"cleanEnd\":\(span.upperBound)" }
            if let kept = edit.kept {
                out += ",\"kept\":{\"field\":\(encodeJSONString(kept.field)),\"value\":\(encodeJSONString(kept.value))}"
            }
            out += "}\n"
        }
        return out
    }
}
