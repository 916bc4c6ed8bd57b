import Foundation
import XCTest

/// The AWS CLI v1 (`aws`), used only by the compatibility tests as the reference; installed from PyPI when absent.
struct AWSCLI {
  /// The command that runs the AWS CLI: `[path-to-aws]` or `[python3, -m, awscli]`.
  var command: [String]
  /// The Python that has the `awscli` package (for its shorthand parser).
  var python: String

  /// Finds `aws` on PATH, else installs awscli from PyPI into a venv of its own; fails the test when neither works.
  static func locate(file: StaticString = #filePath, line: UInt = #line) throws -> AWSCLI {
    let env = ProcessInfo.processInfo.environment
    if let aws = which("aws", env: env), let python = pythonWithAWSCLI(aws: aws, env: env) {
      return AWSCLI(command: [aws], python: python)
    }
    let venv = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/sfn-compat/awscli").path
    if !FileManager.default.isExecutableFile(atPath: venv + "/bin/aws") {
      let python = which("python3", env: env) ?? "/usr/bin/python3"
      let made = SFNRunner.run(python, ["-m", "venv", venv], env: env)
      let install = SFNRunner.run(venv + "/bin/python", ["-m", "pip", "install", "--quiet", "awscli"], env: env)
      guard made.status == 0, install.status == 0 else {
        XCTFail("`aws` is not on PATH and installing awscli into \(venv) failed: \(made.stderr)\(install.stderr)",
                file: file, line: line)
        throw CLIError.missing
      }
    }
    return AWSCLI(command: [venv + "/bin/aws"], python: venv + "/bin/python")
  }

  /// Runs `aws args` with `env`.
  func run(_ args: [String], env: [String: String]) -> RunResult {
    SFNRunner.run(command[0], Array(command.dropFirst()) + args, env: env)
  }

  /// The environment both tools run with: the peer's keys, UTC, and ISO 8601 timestamps in the AWS CLI (v1 prints
  /// the wire format unless `cli_timestamp_format = iso8601`; sfn always prints ISO 8601 like v2).
  static func environment(peer: Peer, scratch: URL) -> [String: String] {
    let config = scratch.appendingPathComponent("aws-config")
    try? "[default]\ncli_timestamp_format = iso8601\nregion = us-east-1\n".write(to: config, atomically: true, encoding: .utf8)
    var env = peer.environment()
    env["AWS_ENDPOINT_URL"] = nil
    env["AWS_CONFIG_FILE"] = config.path
    env["AWS_SHARED_CREDENTIALS_FILE"] = scratch.appendingPathComponent("no-credentials").path
    env["TZ"] = "UTC"
    env["AWS_MAX_ATTEMPTS"] = "1"
    return env
  }

  private static func which(_ name: String, env: [String: String]) -> String? {
    for dir in (env["PATH"] ?? "").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// The Python that runs `aws`: its `#!` interpreter, or for a pyenv shim the one `pyenv which aws` names.
  private static func pythonWithAWSCLI(aws: String, env: [String: String]) -> String? {
    let script = "f=$(pyenv which aws 2>/dev/null || echo \"$1\"); head -1 \"$f\" | sed -n 's/^#! *//p'"
    let shebang = SFNRunner.run("/bin/sh", ["-c", script, "sh", aws], env: env).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let interpreter = shebang.split(separator: " ").last.map(String.init) ?? ""  // `/usr/bin/env python3` too
    for candidate in [interpreter, "python3"] where !candidate.isEmpty {
      let path = candidate.hasPrefix("/") ? candidate : which(candidate, env: env) ?? candidate
      if SFNRunner.run(path, ["-c", "import awscli"], env: env).status == 0 { return path }
    }
    return nil
  }

  enum CLIError: Error { case missing }
}

/// Splits a command line into words: spaces separate, '...' and "..." quote (no escapes).
func shellWords(_ line: String) -> [String] {
  var words: [String] = []
  var current = ""
  var quote: Character?
  var inWord = false
  for c in line {
    if let q = quote {
      if c == q { quote = nil } else { current.append(c) }
    } else if c == "'" || c == "\"" {
      quote = c
      inWord = true
    } else if c == " " {
      if inWord { words.append(current) }
      current = ""
      inWord = false
    } else {
      current.append(c)
      inWord = true
    }
  }
  if inWord { words.append(current) }
  return words
}
