// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Winnow",
    products: [
        .library(name: "Winnow", targets: ["Winnow"]),
        .executable(name: "winnow", targets: ["winnow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The only C in the project: thin wrappers over the system ICU whose public header
        // uses standard C types, because ICU's own headers rename every symbol through a
        // versioned macro that Swift cannot import.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "Winnow",
            dependencies: ["CICU", .product(name: "Yams", package: "Yams")],
            resources: [
                .copy("Resources/rules"), .copy("Resources/words"),
                .copy("Resources/classifier"), .copy("Resources/stopwords"),
            ]
        ),
        .executableTarget(
            name: "winnow",
            dependencies: ["Winnow", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // What every clean output must satisfy (canonical form, idempotence, edit ranges),
        // checked by the fuzz target and by the regression tests over its findings.
        .target(
            name: "WinnowInvariants",
            dependencies: ["Winnow", "CICU"]
        ),
        .testTarget(
            name: "WinnowTests",
            dependencies: ["Winnow", "winnow", "WinnowInvariants"],
            // Inputs the fuzzer found, read from the source tree by FuzzRegressionTests.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v5]
)

// The libFuzzer target exists only for `tools/fuzz` (WINNOW_FUZZ=1), so ordinary builds
// and tests never compile it: it needs `--sanitize=fuzzer`, whose runtime supplies `main`.
if ProcessInfo.processInfo.environment["WINNOW_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "WinnowFuzz",
        dependencies: ["Winnow", "WinnowInvariants"]
    ))
}
