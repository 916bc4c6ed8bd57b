import Foundation
import XCTest

/// An `sfn-local-server` (or `sfn local`) child process on a free loopback port, for tests that drive it with real
/// clients. The server prints `listening on http://HOST:PORT` once it accepts connections; that line gives the port.
final class LocalServerProcess {
  let child: ChildProcess
  let port: Int

  /// The built server executable, beside the sfn binary under test.
  static var executable: String {
    URL(fileURLWithPath: SFNRunner.binary).deletingLastPathComponent().appendingPathComponent("sfn-local-server").path
  }

  /// Starts the server with `args` (port 0 unless given) and waits until it listens; `viaSFN` starts it as
  /// `sfn local` so that the client's discovery and exec are exercised too, with `sfn` (an installed copy, say).
  init(_ args: [String] = ["--in-memory"], env extra: [String: String] = [:], viaSFN: Bool = false,
       sfn: String = SFNRunner.binary, file: StaticString = #filePath, line: UInt = #line) throws {
    let portArgs = args.contains("--port") ? [] : ["--port", "0"]
    let env = SFNRunner.cleanEnvironment().merging(extra) { $1 }
    let process = viaSFN ? try ChildProcess(sfn, ["local"] + portArgs + args, env: env)
      : try ChildProcess(Self.executable, portArgs + args, env: env)
    var found: Int?
    let ready = process.waitUntil(timeout: 30) {
      found = Self.port(in: process.stdout)
      return found != nil
    }
    guard ready, let found else {
      XCTFail("sfn-local-server did not start: \(process.stdout)\(process.stderr)", file: file, line: line)
      throw StartError.notReady
    }
    child = process
    port = found
  }

  deinit { child.stop() }

  /// The endpoint URL clients point at.
  var endpoint: String { "http://127.0.0.1:\(port)" }

  /// An environment for sfn and the AWS CLI pointing at this server with test keys, UTC and ISO timestamps.
  func environment(scratch: URL) -> [String: String] {
    let config = scratch.appendingPathComponent("aws-config")
    try? "[default]\ncli_timestamp_format = iso8601\nregion = us-east-1\n"
      .write(to: config, atomically: true, encoding: .utf8)
    var env = SFNRunner.cleanEnvironment()
    env["AWS_ENDPOINT_URL"] = endpoint
    env["AWS_ACCESS_KEY_ID"] = "local"
    env["AWS_SECRET_ACCESS_KEY"] = "local-secret"
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    env["AWS_CONFIG_FILE"] = config.path
    env["AWS_SHARED_CREDENTIALS_FILE"] = scratch.appendingPathComponent("no-credentials").path
    env["AWS_MAX_ATTEMPTS"] = "1"
    env["TZ"] = "UTC"
    return env
  }

  /// Kills the server without letting it clean up (SIGKILL) and waits for it to go.
  func kill9() {
    child.signal(SIGKILL)
    child.wait(timeout: 10)
  }

  private static func port(in output: String) -> Int? {
    guard let range = output.range(of: "listening on http://") else { return nil }
    let rest = output[range.upperBound...]
    guard let colon = rest.firstIndex(of: ":") else { return nil }
    return Int(rest[rest.index(after: colon)...].prefix { $0.isNumber })
  }

  enum StartError: Error { case notReady }
}
