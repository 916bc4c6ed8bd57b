import ArgumentParser
import Foundation
import StateMachineEngine
import StepFunctionsServer

/// `sfn-local-server`: the program `sfn local` runs (same flags).
@main
struct LocalServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sfn-local-server", abstract: "Serve the Step Functions API locally (started by `sfn local`).")

  @Option(help: "TCP port to listen on (0: any free port, printed when ready).") var port: Int = 8083
  @Option(help: "Address to bind.") var host: String = "127.0.0.1"
  @Option(help: "Keep state in this directory.") var data: String?
  @Flag(help: "Keep nothing on disk.") var inMemory = false
  @Option(help: "Step Functions Local mock configuration.") var mockConfig: String?
  @Option(help: "Multiply Wait states and retry intervals by this factor.") var waitScale: Double?
  @Option(help: "Answer S3 getObject, listObjectsV2 and putObject from local files: bucket B, key K is DIR/B/K.")
  var s3Root: String?
  @Option(help: "Region in the ARNs the server makes.") var region: String?
  @Option(help: "Account id in the ARNs the server makes.") var account: String = "123456789012"
  @Flag(help: "Reject requests without a valid SigV4 signature.") var requireSignature = false
  @Option(help: "Access keys accepted with --require-signature (AWS credentials file format).")
  var credentials: String?

  func validate() throws {
    if inMemory, data != nil { throw ValidationError("--data and --in-memory exclude each other") }
  }

  func run() async throws {
    let env = ProcessInfo.processInfo.environment
    let location: Store.Location = inMemory ? .memory : .directory(data ?? DataDirectory.default(env))
    let region = region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? "us-east-1"
    var configuration = ServerConfiguration(host: host, port: port, location: location,
                                            scope: ARNScope(region: region, account: account))
    if requireSignature { configuration.signingKeys = try SigningKeys.load(file: credentials, environment: env) }
    if let waitScale { configuration.waitScale = waitScale }
    configuration.s3Root = s3Root
    if let mockConfig {
      let text = try String(contentsOfFile: mockConfig, encoding: .utf8)
      do { configuration.mocks = try MockConfiguration.parse(text, file: mockConfig) } catch {
        throw ValidationError("\(error)")
      }
    }
    let server = try LocalServer(configuration: configuration)
    let host = self.host
    let where_ = inMemory ? "in memory" : (data ?? DataDirectory.default(env))
    try await server.run { port in
      print("sfn local: listening on http://\(host):\(port) (state \(where_))")
      fflush(stdout)
    }
  }
}

