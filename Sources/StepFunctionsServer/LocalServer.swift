import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SFNJSON
import StateMachineEngine

/// What `sfn local` was asked to serve.
public struct ServerConfiguration: Sendable {
  /// The address to bind (127.0.0.1 unless widened with --host).
  public var host: String
  /// The TCP port; 0 picks a free one.
  public var port: Int
  /// Where state is kept.
  public var location: Store.Location
  /// The partition, region and account of the ARNs made.
  public var scope: ARNScope
  /// Accepted access keys (id to secret) when signatures are required; nil serves unsigned requests too.
  public var signingKeys: [String: String]?
  /// Wait states and retry intervals take this share of their time (`--wait-scale`); 1 is real time.
  public var waitScale: Double = 1
  /// Step Functions Local mocks (`--mock-config`); StartExecution picks a case with `ARN#CASE`.
  public var mocks: MockConfiguration?
  /// The directory S3 reads and writes are answered from (`--s3-root`): ItemReader, ResultWriter, S3 tasks.
  public var s3Root: String?
  /// How long GetActivityTask waits for a task: 60 s, as on AWS.
  public var activityPollSeconds: Double = 60

  /// A configuration.
  public init(host: String = "127.0.0.1", port: Int = 8083, location: Store.Location, scope: ARNScope = ARNScope(),
              signingKeys: [String: String]? = nil) {
    self.host = host
    self.port = port
    self.location = location
    self.scope = scope
    self.signingKeys = signingKeys
  }
}

/// The Step Functions API on HTTP: Hummingbird in front, the dispatcher and the store behind.
public struct LocalServer: Sendable {
  let configuration: ServerConfiguration
  let dispatcher: APIDispatcher
  /// Runs executions; it resumes those left running by the last server on this store.
  let runner: ExecutionRunner
  /// Starts the child executions of `states:startExecution` tasks.
  let children: ChildExecutionLauncher

  /// Opens the store and prepares every operation.
  public init(configuration: ServerConfiguration, clock: any ServerClock = SystemClock(),
              random: any RandomSource = SystemRandom()) throws {
    self.configuration = configuration
    let store = try Store(location: configuration.location)
    let activityQueue = ActivityQueue()
    let context = ServiceContext(store: store, scope: configuration.scope, clock: clock, random: random)
    let origin = try store.engineClockOrigin(now: Date())
    let engineClock = ServerEngineClock(scale: configuration.waitScale, origin: origin)
    let runner = ExecutionRunner(store: store, clock: engineClock, region: configuration.scope.region,
                                 activityQueue: activityQueue, mocks: configuration.mocks, s3Root: configuration.s3Root)
    self.runner = runner
    var table = OperationTable()
    StateMachineService(context: context).register(into: &table)
    VersionService(context: context).register(into: &table)
    AliasService(context: context).register(into: &table)
    ActivityService(context: context, queue: activityQueue, pollSeconds: configuration.activityPollSeconds,
                    runner: runner)
      .register(into: &table)
    TagService(context: context).register(into: &table)
    DefinitionService().register(into: &table)
    TestStateService(context: context).register(into: &table)
    let executions = ExecutionService(context: context, runner: runner, mocks: configuration.mocks)
    executions.register(into: &table)
    children = ChildExecutionLauncher(service: executions)
    MapRunService(context: context, runner: runner).register(into: &table)
    RedriveService(context: context, runner: runner, mocks: configuration.mocks).register(into: &table)
    let verifier = configuration.signingKeys.map { SignatureVerifier(keys: $0, clock: clock) }
    dispatcher = APIDispatcher(table: table, random: random, verifier: verifier)
  }

  /// Serves until the process is told to stop; `onReady` gets the bound port (useful with port 0).
  public func run(onReady: @escaping @Sendable (Int) -> Void) async throws {
    // Executions left running by a previous server (killed, or stopped) continue before requests are served.
    await runner.attach(children)
    try await children.load()
    try await runner.resumeAll()
    let dispatcher = self.dispatcher
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
      await Self.respond(to: request, with: dispatcher)
    }
    var logger = Logger(label: "sfn-local")
    logger.logLevel = .warning
    let app = Application(
      responder: responder,
      configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                              serverName: "sfn-local"),
      onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
      logger: logger)
    try await app.runService()
  }

  /// Reads the HTTP request (refusing bodies past the limit without buffering them) and answers it.
  static func respond(to request: Request, with dispatcher: APIDispatcher) async -> Response {
    var request = request
    var headers: [String: String] = [:]
    for field in request.headers { headers[field.name.canonicalName] = field.value }
    // HTTP/1 Host is the :authority pseudo-header in HTTPTypes, not a field; signatures cover it.
    if let authority = request.head.authority { headers["host"] = authority }
    let body: ByteBuffer
    do {
      body = try await request.collectBody(upTo: APIDispatcher.maxBodyBytes)
    } catch {
      return response(APIDispatcher.error(APIDispatcher.tooLarge, requestID: UUID().uuidString.lowercased()))
    }
    let apiRequest = APIRequest(method: request.method.rawValue, path: request.uri.path,
                                query: request.uri.query ?? "", headers: headers,
                                body: Array(buffer: body))
    return response(await dispatcher.respond(to: apiRequest))
  }

  private static func response(_ api: APIResponse) -> Response {
    var fields = HTTPFields()
    for (name, value) in api.headers {
      if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
    }
    return Response(status: HTTPResponse.Status(code: api.status), headers: fields,
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: api.body)))
  }
}
