import ArgumentParser
import Foundation

/// The `winnow` command: subcommands over the Winnow library. No cleaning logic here.
@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Turn scraped article text into clean, canonical text.",
        subcommands: [Clean.self],
        defaultSubcommand: Clean.self
    )
}
