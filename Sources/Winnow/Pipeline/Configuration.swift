import Foundation
import Yams

/// What a user can tune: which stages and rules run, extra rule packs, typography.
/// Read from a YAML or JSON file and overridden by command-line flags.
///
/// ```yaml
/// stages:
///   boilerplate: true          # or false to turn a stage off
/// rules:
///   disable: [byline.by-author]
///   packs: [house-rules.yaml]  # added after the built-in packs
/// typography: keep             # or fold (the default)
/// ```
public struct Configuration: Sendable, Equatable {
    /// Stage names turned on or off explicitly; others follow the registry's default.
    public var stages: [String: Bool] = [:]
    /// Rule ids (or id prefixes ending in `.`, or pack names) that do not run.
    public var disabledRules: Set<String> = []
    /// Extra rule pack files, loaded after the built-in ones.
    public var rulePacks: [String] = []
    /// Keep typographic quotes and the ellipsis character as they came.
    public var keepTypography = false
    /// Read input in this charset (an ICU converter name) instead of detecting it.
    public var encoding: String?
    /// When a line repeated across a source's documents counts as its template.
    public var templates = TemplateSettings()

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    private struct File: Decodable {
        struct Rules: Decodable {
            var disable: [String]?
            var packs: [String]?
        }
        var stages: [String: Bool]?
        struct Templates: Decodable {
            var minDocuments: Int?
            var minShare: Double?
            enum CodingKeys: String, CodingKey { case minDocuments = "min-documents", minShare = "min-share" }
        }
        var rules: Rules?
        var typography: String?
        var templates: Templates?
        var encoding: String?
    }

    /// Reads a configuration file; rule pack paths in it are relative to the file.
    public static func load(path: String) throws -> Configuration {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Invalid(description: "\(path): cannot read configuration file")
        }
        let file: File
        do {
            file = try decodeYAML(File.self, from: text)
        } catch {
            throw Invalid(description: "\(path): not a valid configuration (\(error))")
        }
        var config = Configuration()
        for (name, on) in file.stages ?? [:] {
            guard StageRegistry.descriptor(named: name) != nil else {
                throw Invalid(description: "\(path): unknown stage '\(name)' (stages: \(StageRegistry.names.joined(separator: ", ")))")
            }
            config.stages[name] = on
        }
        config.disabledRules = Set(file.rules?.disable ?? [])
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        config.rulePacks = (file.rules?.packs ?? []).map {
            $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path
        }
        config.encoding = file.encoding
        if let t = file.templates {
            if let n = t.minDocuments { config.templates.minDocuments = max(1, n) }
            if let s = t.minShare {
                guard (0...1).contains(s) else { throw Invalid(description: "\(path): templates.min-share must be between 0 and 1") }
                config.templates.minShare = s
            }
        }
        switch file.typography {
        case nil, "fold": config.keepTypography = false
        case "keep": config.keepTypography = true
        case let other?: throw Invalid(description: "\(path): typography must be 'fold' or 'keep', not '\(other)'")
        }
        return config
    }

    /// Whether the named stage runs under this configuration.
    public func isEnabled(_ stage: StageDescriptor) -> Bool {
        stage.required || (stages[stage.name] ?? stage.enabledByDefault)
    }

    /// Whether a rule is turned off by id, by an id prefix (`byline.`), or by pack name.
    public func isDisabled(rule id: String, pack: String) -> Bool {
        if disabledRules.contains(id) || disabledRules.contains(pack) { return true }
        return disabledRules.contains { $0.hasSuffix(".") && id.hasPrefix($0) }
    }
}
