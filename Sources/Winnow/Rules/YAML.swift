import Yams

/// Decodes YAML (rule packs, configuration files) without YAML's implicit tags.
///
/// `YAMLDecoder.decode(_:from: String)` resolves every plain scalar against the merge-key
/// rule, an `NSRegularExpression`: its first use starts Foundation's own copy of ICU and
/// reads its property tables, some 1.7 MB resident for the life of the process, to read a
/// few files at start-up. Composed with the basic resolver, scalars stay strings until
/// the decoder converts them, as it does anyway; a `<<` merge key is an ordinary key.
func decodeYAML<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
    let node = try compose(yaml: text, .basic) ?? Node("")
    return try YAMLDecoder().decode(type, from: node)
}
