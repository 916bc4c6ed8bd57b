#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A resource named in shell completions: its name and ARN.
public struct CompletionItem: Equatable, Sendable {
  public var name: String
  public var arn: String

  /// An item named `name` with ARN `arn`.
  public init(name: String, arn: String) {
    self.name = name
    self.arn = arn
  }
}

/// What a completion lists.
public enum CompletionResource: Equatable, Sendable {
  case machines
  case activities
  /// The executions of the state machine with this ARN.
  case executions(machineArn: String)

  var cacheKey: String {
    switch self {
    case .machines: return "machines"
    case .activities: return "activities"
    case .executions(let arn): return "executions " + arn
    }
  }
}

/// Completion lists kept on disk for a short while, one file per scope (endpoint, region, profile) and resource,
/// so pressing TAB twice does not ask the service twice.
public struct CompletionCache {
  public let directory: CacheDirectory
  public let scope: String
  public let clock: Clock
  /// Seconds an entry stays fresh.
  public let ttl: Double

  /// A cache in `directory` for requests that go to `scope`.
  public init(directory: CacheDirectory, scope: String, clock: Clock = .system, ttl: Double = 60) {
    self.directory = directory
    self.scope = scope
    self.clock = clock
    self.ttl = ttl
  }

  /// The name of the file holding `resource`: a digest, so ARNs and URLs never become path parts.
  func fileName(for resource: CompletionResource) -> String {
    "completion-" + Crypto.sha256Hex(scope + "\n" + resource.cacheKey).prefix(32) + ".json"
  }

  /// The path of the file holding `resource`.
  public func path(for resource: CompletionResource) -> String { directory.file(fileName(for: resource)) }

  /// The cached items when the entry exists, parses and is younger than `ttl`.
  public func load(_ resource: CompletionResource) -> [CompletionItem]? {
    guard let bytes = directory.contents(of: fileName(for: resource)),
      let json = try? JSONParser.parse(bytes: bytes),
      let saved = json["savedAt"]?.doubleValue, let items = json["items"]?.arrayValue
    else { return nil }
    let age = clock.now().timeIntervalSince1970 - saved
    guard age >= 0, age < ttl else { return nil }
    return items.compactMap { item in
      guard let name = item["name"]?.stringValue, let arn = item["arn"]?.stringValue else { return nil }
      return CompletionItem(name: name, arn: arn)
    }
  }

  /// Saves `items`; failures are ignored because the cache is only a speed-up.
  public func store(_ resource: CompletionResource, _ items: [CompletionItem]) {
    let json: JSON = .object(JSONObject([
      ("savedAt", .integer(Int(clock.now().timeIntervalSince1970.rounded(.down)))),
      ("items", .array(items.map { .object(JSONObject([("name", .string($0.name)), ("arn", .string($0.arn))])) })),
    ]))
    directory.store(Array((JSONWriter.compact.string(json) + "\n").utf8), as: fileName(for: resource))
  }
}
