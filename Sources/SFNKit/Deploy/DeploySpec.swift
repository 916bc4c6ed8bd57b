/// What `sfn deploy` should leave in place: the desired state machine, version, alias and tags.
public struct DeploySpec: Sendable {
  /// State machine name.
  public var name: String
  /// Definition JSON text, as it will be sent.
  public var definition: String
  /// What to call the definition in the diff (its file name).
  public var definitionLabel: String
  /// IAM role the state machine runs as.
  public var roleArn: String
  /// `STANDARD` or `EXPRESS`; nil keeps an existing machine's type (and creates STANDARD).
  public var type: String?
  /// The full `loggingConfiguration` to apply; nil leaves logging as it is.
  public var logging: JSON?
  /// X-Ray tracing on or off; nil leaves tracing as it is.
  public var tracing: Bool?
  /// Publish a version of the new revision (implied by `alias`).
  public var publish: Bool
  /// Description of a version published now.
  public var versionDescription: String?
  /// Alias to point at the published version.
  public var alias: String?
  /// Tags the machine must have (others it has are left alone).
  public var tags: [(key: String, value: String)]

  /// A spec; `alias` implies `publish`.
  public init(name: String, definition: String, definitionLabel: String, roleArn: String, type: String? = nil,
              logging: JSON? = nil, tracing: Bool? = nil, publish: Bool = false, versionDescription: String? = nil,
              alias: String? = nil, tags: [(key: String, value: String)] = []) {
    self.name = name
    self.definition = definition
    self.definitionLabel = definitionLabel
    self.roleArn = roleArn
    self.type = type
    self.logging = logging
    self.tracing = tracing
    self.publish = publish || alias != nil
    self.versionDescription = versionDescription
    self.alias = alias
    self.tags = tags
  }

  /// `loggingConfiguration` for `--logging LEVEL [--log-group ARN] [--include-execution-data]`.
  public static func loggingConfiguration(level: String, logGroupArn: String?, includeExecutionData: Bool) -> JSON {
    var object = JSONObject([("level", .string(level)), ("includeExecutionData", .bool(includeExecutionData))])
    if let logGroupArn {
      object["destinations"] = [["cloudWatchLogsLogGroup": ["logGroupArn": .string(logGroupArn)]]]
    }
    return .object(object)
  }

  /// Parses `key=value` words (`--tags env=prod team=data`); a word without `=` is a usage error.
  public static func parseTags(_ words: [String]) throws -> [(key: String, value: String)] {
    try words.map { word in
      guard let eq = word.firstIndex(of: "="), eq != word.startIndex else {
        throw InputError.notKeyValue(at: "--tags", word: word)
      }
      return (String(word[..<eq]), String(word[word.index(after: eq)...]))
    }
  }
}
