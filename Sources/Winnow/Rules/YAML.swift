import Yams

/// Decodes YAML (rule packs, configuration files) without YAML's implicit tags.
///
/// `YAMLDecoder.decode(_:from: String)` resolves every plain scalar against the merge-key
/// rule, an `NSRegularExpression`: its first use starts Foundation's own copy of ICU and
/// reads its property tables, some 1.7 MB resident for the life of the process, to read a
/// few files at start-up. Composed with the basic resolver, scalars stay strings until
/// the decoder converts them, as it does anyway; a `<<` merge key is an ordinary key.
/// The encoding is named, and one decoder serves every file: Yams' default encoding
/// reads the whole process environment to choose one, and a new decoder asks for it.
func decodeYAML<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
    let node = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8).singleRoot() ?? Node("")
    return try YAMLFiles.decoder.decode(type, from: node)
}

private enum YAMLFiles {
    /// Holds no state between calls (its options are set once, here).
    nonisolated(unsafe) static let decoder = YAMLDecoder(encoding: .utf8)
}
