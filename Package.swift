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
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                   providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
    .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                   providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
    .target(name: "SFNJSON"),
    .target(name: "JSONata", dependencies: ["SFNJSON", "COpenSSL"]),
    .target(
      name: "SFNKit",
      dependencies: ["SFNJSON", "JSONata", "CCurl", "COpenSSL", .product(name: "Yams", package: "Yams")]),
    .target(name: "StateMachineEngine", dependencies: ["SFNKit", "JSONata"]),
    .executableTarget(
      name: "sfn",
      dependencies: ["SFNKit", "StateMachineEngine",
                     .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .testTarget(name: "JSONataTests", dependencies: ["JSONata"], exclude: ["Fixtures"]),
    .testTarget(
      name: "StateMachineEngineTests", dependencies: ["StateMachineEngine"], exclude: ["Fixtures"]),
    .testTarget(name: "SFNKitTests", dependencies: ["SFNKit", "SFNJSON"], exclude: ["Fixtures"]),
    .testTarget(name: "sfnTests", dependencies: ["SFNKit", "sfn"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v5]
)
