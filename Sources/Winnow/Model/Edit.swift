/// One change to a document's text, in terms of the document's *original* bytes.
///
/// Every change any stage makes is an `Edit`, and the clean text is the original with the
/// active edits applied. `diff`, `--explain` and reports read this log, so no view can
/// disagree with what `clean` produced.
public struct Edit: Sendable, Equatable, Codable {
    /// What an edit does, for people and for counting.
    public enum Kind: String, Sendable, Codable {
        case dropBlock = "drop-block"
        case dropRun = "drop-run"
        case stripPrefix = "strip-prefix"
        case stripSuffix = "strip-suffix"
        case replace
        case delete
        case insert
    }

    /// The stage that made the edit (`unicode`, `boilerplate`, ...).
    public var stage: String
    /// The rule within the stage (`boilerplate.byline`, `unicode.space`, ...).
    public var rule: String
    /// The rule's category where it has one (`byline`, `caption`, ...), else the stage name.
    public var category: String
    public var kind: Kind
    /// Byte range in the original input that this edit replaces.
    public var range: Range<Int>
    /// The original text of `range` (invalid UTF-8 shown with U+FFFD).
    public var before: String
    /// What replaces it in the clean text.
    public var after: String
    public var reason: String
    /// Index (in the document's edit log) of a later edit that rewrote this one's span,
    /// or nil while this edit's output stands in the clean text.
    public var supersededBy: Int?
    /// A value the edit took out of the text but that is worth keeping as metadata
    /// (a byline, a date, a photo credit).
    public var kept: Kept?

    public init(stage: String, rule: String, category: String, kind: Kind, range: Range<Int>,
                before: String, after: String, reason: String, supersededBy: Int? = nil,
                kept: Kept? = nil) {
        self.stage = stage
        self.rule = rule
        self.category = category
        self.kind = kind
        self.range = range
        self.before = before
        self.after = after
        self.reason = reason
        self.supersededBy = supersededBy
        self.kept = kept
    }
}

/// Metadata an edit removed from the text and keeps: `field` is where it goes in the
/// `winnow` record (`bylines`, `dates`, `credits`).
public struct Kept: Sendable, Equatable, Codable {
    public var field: String
    public var value: String

    public init(field: String, value: String) {
        self.field = field
        self.value = value
    }
}

/// An edit a stage proposes, in coordinates of the text the stage was shown.
public struct ProposedEdit: Sendable {
    public var range: Range<Int>
    public var replacement: [UInt8]
    public var rule: String
    public var category: String
    public var kind: Edit.Kind
    public var reason: String
    public var kept: Kept?

    public init(range: Range<Int>, replacement: [UInt8] = [], rule: String, category: String,
                kind: Edit.Kind, reason: String, kept: Kept? = nil) {
        self.range = range
        self.replacement = replacement
        self.rule = rule
        self.category = category
        self.kind = kind
        self.reason = reason
        self.kept = kept
    }

    public init(range: Range<Int>, replacement: String, rule: String, category: String,
                kind: Edit.Kind, reason: String, kept: Kept? = nil) {
        self.init(range: range, replacement: Array(replacement.utf8), rule: rule,
                  category: category, kind: kind, reason: reason, kept: kept)
    }
}

extension Array where Element == Edit {
    /// Calls `body` with each run of consecutive edits that one rule made, as a range of
    /// indices, in log order. A stage logs its edits in text order, so a rule's edits mostly
    /// stand together (every quote folded, every block a pack dropped): counting by rule a
    /// run at a time looks each rule up once a run instead of once an edit.
    func forEachRuleRun(_ body: (Range<Int>) -> Void) {
        var i = 0
        while i < count {
            let rule = self[i].rule
            var j = i + 1
            while j < count, self[j].rule == rule { j += 1 }
            body(i..<j)
            i = j
        }
    }
}
