// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "sfn",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sfn", targets: ["sfn"]),
    .library(name: "SFNKit", targets: ["SFNKit"]),
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
    .target(
      name: "SFNKit", dependencies: ["CCurl", "COpenSSL", .product(name: "Yams", package: "Yams")]),
    .executableTarget(
      name: "sfn",
      dependencies: ["SFNKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .testTarget(name: "SFNKitTests", dependencies: ["SFNKit"], exclude: ["Fixtures"]),
    .testTarget(name: "sfnTests", dependencies: ["SFNKit", "sfn"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v5]
)
