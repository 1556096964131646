import Foundation
import Yams

/// Where a rule looks and what it removes when it matches.
public enum RuleScope: String, Sendable, Codable {
    /// The pattern must match a whole block; the block is dropped.
    case block
    /// The pattern must match at the start of a block; the match is stripped.
    case prefix
    /// The pattern must match at the end of a block (anchor it with `$`); the match is stripped.
    case suffix
    /// A group of adjacent short blocks (no blank line between them) is dropped whole when
    /// enough of its blocks match one of the patterns: a widget or a button row.
    case run
    /// From a block matching `start` to the nearest block within `max-blocks` matching
    /// `end`, everything is dropped: a letter-style appeal with its own opening and close.
    case span
    /// A heading block matching `start` (or `pattern`) and the short lines under it that
    /// read as headlines (no sentence end), up to `max-blocks`: a "Related stories" list.
    case list
}

/// How a block rule's pattern must meet the block.
public enum RuleAnchor: String, Sendable, Codable {
    /// The pattern must match the whole block (the default).
    case whole
    /// A match found anywhere must end at the block's end: cheaper for rules that
    /// recognise a block by its tail (a caption by its credit), since ICU skips ahead
    /// to where the pattern can start instead of trying every split of the block.
    case end
    /// A match anywhere in the block drops it (a cookie notice recognised by one phrase).
    case any
}

/// Where in a document a block rule applies. The article's extent is marked by its prose:
/// blocks of `BoilerplateStage.articleProseWords` words or more that end a sentence and
/// that no positioned rule matches. A page's head (kickers, bylines) lies before the first
/// of them and its tail (author notes, footers) after the last; a document without such
/// prose has neither, so a positioned rule leaves it alone.
public enum RulePosition: String, Sendable, Codable {
    /// Anywhere in the document (the default).
    case any
    /// Before the first block of article prose.
    case head
    /// After the last block of article prose.
    case tail
}

/// One rule as written in a rule pack (YAML or JSON).
public struct RuleSpec: Sendable, Codable, Equatable {
    public var id: String
    public var category: String?
    public var scope: RuleScope
    public var pattern: String?
    public var patterns: [String]?
    public var start: String?
    public var end: String?
    public var reason: String
    /// Field of the `winnow` metadata that keeps the removed text (`bylines`, `dates`,
    /// `credits`); the pattern's `(?<value>…)` group when it has one, else the whole match.
    public var keep: String?
    public var minWords: Int?
    public var maxWords: Int?
    public var minHits: Int?
    public var maxBlocks: Int?
    /// List rules only: each line under the heading is taken only if it comes again further
    /// down as a line of its own (a table of contents, whose entries are the article's own
    /// subheadings), and the list needs two such lines.
    public var itemsRecur: Bool?
    public var languages: [String]?
    public var anchor: RuleAnchor?
    /// Where in the document the block must lie (block rules only).
    public var position: RulePosition?
    /// Literals of which a block must contain at least one (ignoring case) for the
    /// rule's pattern to be tried: a cheap filter, so each must be something no match can
    /// lack. Applies to block, prefix and suffix rules, to a span's opening block and to a
    /// list's heading.
    public var requires: [String]?

    enum CodingKeys: String, CodingKey {
        case id, category, scope, pattern, patterns, start, end, reason, keep, languages, anchor, position, requires
        case minWords = "min-words", maxWords = "max-words", minHits = "min-hits", maxBlocks = "max-blocks"
        case itemsRecur = "items-recur"
    }
}

/// A named sub-pattern of a pack (`RuleFragments`).
public struct RuleFragment: Sendable, Codable, Equatable {
    public var name: String
    public var pattern: String
}

/// A rule pack file: rules of one family with defaults they share.
public struct RulePack: Sendable, Codable, Equatable {
    public var pack: String
    public var category: String
    public var description: String?
    public var languages: [String]?
    public var rules: [RuleSpec]
    /// Named sub-patterns the rules of all packs loaded together may use as `(?&name)`
    /// (`RuleFragments`). A list, not a mapping: Yams decodes a mapping's keys through
    /// its default resolver, whose first use starts Foundation's own ICU (see `decodeYAML`).
    public var fragments: [RuleFragment]?
    /// Compile each pattern on its first match instead of when the pack is loaded (see
    /// `ICURegex`): set for the shipped packs, whose patterns the tests compile; a pack
    /// of the user's is compiled at once so that its errors come before any document.
    public var compilesOnFirstUse = false

    enum CodingKeys: String, CodingKey {
        case pack, category, description, languages, rules, fragments
    }

    /// Problems in a pack, each naming the rule and what is wrong.
    public struct Invalid: Error, CustomStringConvertible {
        public var source: String
        public var problem: String
        public var description: String { "\(source): \(problem)" }
    }

    /// Reads a pack from YAML (JSON is YAML too) and checks it.
    public static func load(path: String) throws -> RulePack {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Invalid(source: path, problem: "cannot read rule pack (\(describe(error)))")
        }
        return try parse(text, source: path)
    }

    public static func parse(_ text: String, source: String) throws -> RulePack {
        let pack: RulePack
        do {
            pack = try decodeYAML(RulePack.self, from: text)
        } catch let error as DecodingError {
            throw Invalid(source: source, problem: describe(error))
        } catch {
            throw Invalid(source: source, problem: "not a rule pack (\(error))")
        }
        try pack.validate(source: source)
        return pack
    }

    /// Checks what decoding cannot: the fields each scope needs, unique ids.
    func validate(source: String) throws {
        var seen = Set<String>()
        for rule in rules {
            func fail(_ problem: String) -> Invalid { Invalid(source: source, problem: "rule \(rule.id): \(problem)") }
            guard !rule.id.isEmpty else { throw Invalid(source: source, problem: "a rule has an empty id") }
            guard seen.insert(rule.id).inserted else { throw fail("duplicate id") }
            switch rule.scope {
            case .block, .prefix, .suffix:
                guard rule.pattern != nil else { throw fail("scope \(rule.scope.rawValue) needs a pattern") }
            case .run:
                guard let ps = rule.patterns ?? rule.pattern.map({ [$0] }), !ps.isEmpty else {
                    throw fail("scope run needs patterns")
                }
                if let h = rule.minHits, h < 1 { throw fail("min-hits must be at least 1") }
            case .span:
                guard rule.start != nil, rule.end != nil else { throw fail("scope span needs start and end") }
            case .list:
                guard rule.start != nil || rule.pattern != nil else { throw fail("scope list needs start (the heading)") }
            }
            if let p = rule.position, p != .any, rule.scope != .block { throw fail("position applies to block rules only") }
            if let m = rule.maxBlocks, m < 1 { throw fail("max-blocks must be at least 1") }
            if let r = rule.requires, r.isEmpty || r.contains(where: \.isEmpty) { throw fail("requires needs non-empty literals") }
            if let lo = rule.minWords, let hi = rule.maxWords, lo > hi { throw fail("min-words is above max-words") }
        }
    }
}

private func describe(_ error: DecodingError) -> String {
    func path(_ ctx: DecodingError.Context) -> String {
        let p = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return p.isEmpty ? "" : " at \(p)"
    }
    switch error {
    case .keyNotFound(let key, let ctx): return "missing field '\(key.stringValue)'\(path(ctx))"
    case .typeMismatch(_, let ctx): return "wrong type\(path(ctx)): \(ctx.debugDescription)"
    case .valueNotFound(_, let ctx): return "missing value\(path(ctx))"
    case .dataCorrupted(let ctx): return "\(ctx.debugDescription)\(path(ctx))"
    @unknown default: return "\(error)"
    }
}

func describe(_ error: Error) -> String {
    if let e = error as? CocoaError, let u = e.userInfo[NSUnderlyingErrorKey] as? NSError {
        return String(cString: strerror(Int32(u.code)))
    }
    return (error as NSError).localizedDescription
}

/// The rule packs that ship with Winnow, found beside the binary or in the resource bundle.
public enum BuiltinRules {
    /// Directory holding the shipped packs (see `ShippedResources`).
    public static func directory() -> String? { ShippedResources.directory("rules") }

    /// Every shipped pack, in file-name order (so rule order is stable), with the
    /// fragments its patterns name written out (`RuleFragments`).
    public static func load() throws -> [RulePack] {
        guard let dir = directory() else {
            throw RulePack.Invalid(source: "rules", problem: "the built-in rule packs were not found (set WINNOW_RESOURCES to the folder holding rules/)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .sorted()
        return try RuleFragments.expanding(names.map {
            var pack = try RulePack.load(path: dir + "/" + $0)
            pack.compilesOnFirstUse = true
            return pack
        })
    }
}
