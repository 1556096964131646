/// `--explain`: every edit of a document, one line each, in the order made.
extension Document {
    /// Lines like `doc.txt  boilerplate  byline.by-author  drop-block  a byline …: "By …" → ""`.
    public func explanation() -> String {
        var out = ""
        for (i, edit) in edits.enumerated() {
            let superseded = edit.supersededBy.map { " (rewritten by edit \($0 + 1))" } ?? ""
            out += "\(id)\t#\(i + 1)\t\(edit.stage)\t\(edit.rule)\t\(edit.kind.rawValue)\t"
            out += "\(edit.reason)\(superseded): \(quoted(edit.before)) → \(quoted(edit.after))\n"
        }
        return out
    }
}

/// A short, one-line, visible rendering of a piece of text for messages.
func quoted(_ s: String, limit: Int = 80) -> String {
    var body = ""
    var count = 0
    for scalar in s.unicodeScalars {
        if count == limit { body += "…"; break }
        switch scalar.value {
        case 0x0A: body += "\\n"
        case 0x0D: body += "\\r"
        case 0x09: body += "\\t"
        case 0x22: body += "\\\""
        case 0x00..<0x20, 0x7F...0x9F, 0xA0, 0xAD, 0x200B...0x200F, 0x2028...0x202F, 0x2060...0x206F, 0xFEFF:
            body += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: body.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return "\"" + body + "\""
}
