import Foundation
import XCTest

/// What a finished child process left behind.
struct ShippingResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs real processes (the built sfn, make, shells) from the repository root, for the shipping tests.
enum Shipping {
  /// The repository root, found from this file.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// Test fixtures of the shipping tests.
  static let fixtures = root + "/Tests/sfnTests/Fixtures/shipping"

  /// The sfn binary built with the tests (beside the test bundle).
  static var sfnBinary: String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
    return dir.appendingPathComponent("sfn").path
  }

  /// The directory holding the built sfn, to put first on PATH so shells find `sfn`.
  static var sfnDirectory: String { URL(fileURLWithPath: sfnBinary).deletingLastPathComponent().path }

  /// Runs `arguments[0]` (looked up on PATH) with `arguments[1...]`; kills it after `timeout` seconds.
  @discardableResult
  static func run(_ arguments: [String], environment: [String: String]? = nil, directory: String = root,
                  stdin: String? = nil, timeout: Double = 120) throws -> ShippingResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    if let environment { process.environment = environment }
    // Output goes to files, so a child that writes a lot never blocks on a full pipe.
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
    FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
      if Date() > deadline {
        process.terminate()
        process.waitUntilExit()
        throw NSError(domain: "Shipping", code: 1, userInfo: [NSLocalizedDescriptionKey:
          "timed out after \(Int(timeout))s: \(arguments.joined(separator: " "))"])
      }
      usleep(20_000)
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    return ShippingResult(status: process.terminationStatus,
                          stdout: (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOfFile: scratch + "/err", encoding: .utf8)) ?? "")
  }

  /// Runs a bash script with `set -euo pipefail`.
  @discardableResult
  static func bash(_ script: String, environment: [String: String]? = nil, timeout: Double = 120) throws
    -> ShippingResult
  {
    try run(["bash", "-c", "set -euo pipefail\n" + script], environment: environment, timeout: timeout)
  }

  /// The process environment with the built sfn first on PATH and `extra` added.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = sfnDirectory + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    for (k, v) in extra { env[k] = v }
    return env
  }

  /// Runs the built sfn (with `--output text` unless `args` name a format) and returns its trimmed stdout; throws with its stderr on failure.
  static func sfnText(_ args: [String], environment: [String: String]) throws -> String {
    let format = args.contains("--output") ? [] : ["--output", "text"]
    let r = try run([sfnBinary] + args + format, environment: environment)
    guard r.status == 0 else {
      throw NSError(domain: "sfn", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: "sfn \(args): \(r.stderr)"])
    }
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "sfn-shipping-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Starts (or reuses) the moto peer on this suite's port and returns the variables that point sfn at it.
  /// Fails the test when the peer cannot be started: peer tests never skip.
  static func peer(port: Int = 5631, file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
    let result = try run(["scripts/peer", "start", String(port)], timeout: 300)
    guard result.status == 0 else {
      XCTFail("the moto peer did not start on port \(port): \(result.stderr)", file: file, line: line)
      throw NSError(domain: "Shipping", code: 2)
    }
    var env: [String: String] = [:]
    for line in result.stdout.split(separator: "\n") where line.hasPrefix("export ") {
      let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
      if pair.count == 2 { env[String(pair[0])] = String(pair[1]) }
    }
    env["AWS_ENDPOINT_URL"] = env["SFN_PEER_ENDPOINT"]
    env["AWS_REGION"] = env["AWS_DEFAULT_REGION"]
    return env
  }
}
