// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "sfn",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sfn", targets: ["sfn"]),
    .library(name: "SFNKit", targets: ["SFNKit"]),
    .library(name: "JSONata", targets: ["JSONata"]),
    .library(name: "StateMachineEngine", targets: ["StateMachineEngine"]),
    .library(name: "StepFunctionsServer", targets: ["StepFunctionsServer"]),
    .executable(name: "sfn-local-server", targets: ["sfn-local-server"]),
    .library(name: "StateMachineTesting", targets: ["StateMachineTesting"]),
    .library(name: "StateMachineGraph", targets: ["StateMachineGraph"]),
    // Only bench/run uses it (section 7: the engine measured in process, built with the release build).
    .executable(name: "sfn-engine-bench", targets: ["EngineBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // Only the server executable links these: the sfn client binary stays free of NIO and SQLite.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                   providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
    .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                   providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
    // YAML definitions are read with libyaml directly (no Foundation needed, unlike a Swift YAML package).
    .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
    .target(name: "SFNJSON"),
    .target(name: "JSONata", dependencies: ["SFNJSON", "COpenSSL"]),
    .target(
      name: "SFNKit",
      dependencies: ["SFNJSON", "JSONata", "CCurl", "COpenSSL", "CLibYAML"]),
    .target(name: "StateMachineEngine", dependencies: ["SFNKit", "JSONata"]),
    .target(
      name: "StepFunctionsServer",
      dependencies: [
        "SFNKit", "SFNJSON", "StateMachineEngine",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .executableTarget(
      name: "sfn-local-server",
      dependencies: ["StepFunctionsServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .target(name: "StateMachineTesting", dependencies: ["StateMachineEngine", "SFNKit", "JSONata"]),
    .target(name: "StateMachineGraph", dependencies: ["SFNKit"]),
    .executableTarget(
      name: "sfn",
      dependencies: ["SFNKit", "StateMachineEngine", "StateMachineTesting", "StateMachineGraph",
                     .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .executableTarget(name: "EngineBench", dependencies: ["StateMachineEngine", "SFNKit"]),
    .testTarget(name: "JSONataTests", dependencies: ["JSONata"], exclude: ["Fixtures"]),
    .testTarget(
      name: "StateMachineEngineTests", dependencies: ["StateMachineEngine"], exclude: ["Fixtures"]),
    .testTarget(name: "StateMachineTestingTests", dependencies: ["StateMachineTesting", "StateMachineEngine", "SFNKit",
                                                              "StepFunctionsServer"], exclude: ["Fixtures"]),
    .testTarget(name: "SFNKitTests", dependencies: ["SFNKit", "SFNJSON"], exclude: ["Fixtures"]),
    .testTarget(name: "StepFunctionsServerTests", dependencies: ["StepFunctionsServer", "SFNKit", "SFNJSON"]),
    .testTarget(name: "StateMachineGraphTests", dependencies: ["StateMachineGraph", "SFNKit"]),
    .testTarget(name: "sfnTests", dependencies: ["SFNKit", "sfn"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v5]
)
