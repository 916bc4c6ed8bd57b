import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SFNKit

/// `sfn local`: serve the Step Functions API on loopback from the embedded engine.
///
/// The server is its own executable (`sfn-local-server`, installed next to `sfn`) so that this binary links neither
/// the HTTP server nor SQLite; this command only finds it and replaces itself with it.
struct Local: RuntimeCommand {
  static let configuration = CommandConfiguration(
    commandName: "local",
    abstract: "Serve the Step Functions API locally (AWS JSON 1.0 on 127.0.0.1), persisted.",
    discussion: """
      Any client points its endpoint at it: sfn (AWS_ENDPOINT_URL), the AWS CLI (--endpoint-url), an SDK. \
      Runs sfn-local-server from the directory of the sfn binary, or from PATH.
      """)

  @Option(help: "TCP port to listen on.") var port: Int = 8083
  @Option(help: "Address to bind (default loopback only).") var host: String = "127.0.0.1"
  @Option(help: ArgumentHelp("Keep state in this directory (default: $XDG_DATA_HOME/sfn/local).", valueName: "dir"),
          completion: .directory)
  var data: String?
  @Flag(help: "Keep nothing on disk; everything is gone when the server stops.") var inMemory = false
  @Option(help: ArgumentHelp("Step Functions Local mock configuration (choose a case with ARN#CASE).",
                             valueName: "file"), completion: .file())
  var mockConfig: String?
  @Option(help: ArgumentHelp("Multiply Wait states and retry intervals by this factor (0.01 is 100 times faster).",
                             valueName: "factor"))
  var waitScale: Double?
  @Option(name: .customLong("s3-root"),
          help: ArgumentHelp("Answer S3 reads and writes (ItemReader, ResultWriter, S3 tasks) from local files: "
                               + "bucket B, key K is DIR/B/K.", valueName: "dir"), completion: .directory)
  var s3Root: String?
  @Option(help: "Region in the ARNs the server makes.") var region: String?
  @Option(help: "Account id in the ARNs the server makes.") var account: String?
  @Flag(help: "Reject requests without a valid SigV4 signature.") var requireSignature = false
  @Option(help: ArgumentHelp("Access keys accepted with --require-signature (AWS credentials file format).",
                             valueName: "file"), completion: .file())
  var credentials: String?

  func validate() throws {
    if inMemory, data != nil { throw ValidationError("--data and --in-memory exclude each other") }
    if !(1...65535).contains(port), port != 0 { throw ValidationError("--port must be between 1 and 65535") }
    if let waitScale, !(waitScale >= 0) { throw ValidationError("--wait-scale must be 0 or more") }
  }

  func run(_ runtime: Runtime) throws {
    let server = try ServerExecutable.locate(environment: runtime.environment)
    let argv = [server] + serverArguments
    let cArgs = argv.map { strdup($0) } + [nil]
    execv(server, cArgs)
    let reason = String(cString: strerror(errno))
    throw ValidationError("cannot run \(server): \(reason)")
  }

  /// The flags for sfn-local-server, the same names as this command's.
  var serverArguments: [String] {
    var args = ["--port", String(port), "--host", host]
    if let data { args += ["--data", data] }
    if inMemory { args.append("--in-memory") }
    if let mockConfig { args += ["--mock-config", mockConfig] }
    if let waitScale { args += ["--wait-scale", String(waitScale)] }
    if let s3Root { args += ["--s3-root", s3Root] }
    if let region { args += ["--region", region] }
    if let account { args += ["--account", account] }
    if requireSignature { args.append("--require-signature") }
    if let credentials { args += ["--credentials", credentials] }
    return args
  }
}

/// Finds the `sfn-local-server` executable: beside the running sfn binary first, then on PATH.
enum ServerExecutable {
  /// The file name of the server executable.
  static let name = "sfn-local-server"

  /// The path of the server executable, or a usage error naming where it was looked for.
  static func locate(environment: Environment) throws -> String {
    var candidates: [String] = []
    if let own = ownExecutable() {
      candidates.append(URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path)
    }
    for dir in (environment["PATH"] ?? "").split(separator: ":") where !dir.isEmpty {
      candidates.append(String(dir) + "/" + name)
    }
    if let found = candidates.first(where: { access($0, X_OK) == 0 }) { return found }
    throw ValidationError("\(name) not found next to sfn or on PATH (install it with `make install`)")
  }

  /// The resolved path of this process's executable (symlinks followed, so an installed link finds its sibling).
  private static func ownExecutable() -> String? {
    #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    #endif
    guard let arg0 = CommandLine.arguments.first, arg0.contains("/") else { return nil }
    return URL(fileURLWithPath: arg0).resolvingSymlinksInPath().path
  }
}
