/// What is wrong with the input a user gave: an option's value, a parameter, a file or a JSON document.
/// `at` names where: an option (`--input`), a parameter path (`--tags[0].key`) or a file.
public enum InputError: GuidedError, Equatable {
  // Files.
  /// The file cannot be read (`reason` is the system's, e.g. "no such file or directory").
  case unreadableFile(path: String, reason: String)
  /// A parameter file (`file://`) is not UTF-8.
  case fileNotUTF8(path: String)
  /// A definition file is not UTF-8.
  case definitionNotUTF8(name: String)
  /// `@` or `file://` without a file name.
  case noFileName(option: String, argument: String)

  // Option values.
  /// A required top-level parameter is missing.
  case missingOption(flag: String)
  /// The value is not `true` or `false`.
  case notBoolean(at: String, text: String)
  /// The value is not a number.
  case notNumber(at: String, text: String)
  /// The value is not a duration (`90`, `90s`, `10m`, `1h30m`).
  case notDuration(at: String, text: String)
  /// A `--tags` word is not KEY=VALUE.
  case notKeyValue(at: String, word: String)
  /// Shorthand syntax that does not parse.
  case badShorthand(at: String, reason: String)
  /// `--starting-token` is empty.
  case emptyStartingToken

  // Documents.
  /// JSON that does not parse (`detail` says where and why).
  case invalidJSON(at: String, detail: String)
  /// A JSON argument (inline, file or stdin) that is not UTF-8.
  case argumentNotUTF8(at: String, source: String)
  /// A JSON argument over the service's size limit.
  case tooLarge(at: String, source: String, bytes: Int, limit: Int)
  /// A JSON argument that does not parse.
  case argumentNotJSON(at: String, source: String, detail: String)

  // The model's rules.
  /// A required key of a nested structure is missing.
  case missingKey(at: String, key: String)
  /// A key the structure does not have.
  case unknownParameter(at: String, key: String, valid: [String])
  /// A value of the wrong JSON type (`expected` is "a string", "an object", ...).
  case wrongType(at: String, expected: String, got: String)
  /// A fractional number where a whole one is required.
  case notWholeNumber(at: String, value: String)
  /// A number below the model's minimum.
  case belowMinimum(at: String, value: String, minimum: Int)
  /// A number above the model's maximum.
  case aboveMaximum(at: String, value: String, maximum: Int)
  /// Too short (`unit`: items, characters or bytes).
  case tooFew(at: String, minimum: Int, unit: String, got: Int)
  /// Too long.
  case tooMany(at: String, maximum: Int, unit: String, got: Int)
  /// Not one of the model's enum values.
  case notInEnum(at: String, value: String, allowed: [String])
  /// A name with a character the service forbids (`shown` quotes it or gives its code point).
  case forbiddenInName(at: String, value: String, shown: String)
  /// Not an ARN.
  case notAnARN(at: String, value: String)

  /// Usage errors (64) for option values given wrong; bad input (65) for documents; input file (66) for files.
  public var kind: FailureKind {
    switch self {
    case .unreadableFile: return .inputFile
    case .noFileName, .missingOption, .notBoolean, .notNumber, .notDuration, .notKeyValue, .badShorthand,
      .emptyStartingToken:
      return .usage
    default: return .badInput
    }
  }

  /// The usual fix, for the payload limit.
  public var hint: String? {
    guard case .tooLarge = self else { return nil }
    return PayloadLimit.hint
  }

  /// `PayloadTooLarge` for the payload limit; the kind's code otherwise.
  public var errorCode: String? {
    guard case .tooLarge = self else { return nil }
    return "PayloadTooLarge"
  }

  /// The one-line message.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
    case .fileNotUTF8(let path): return "\(path): not valid UTF-8 text"
    case .definitionNotUTF8(let name): return "\(name): the definition is not valid UTF-8 text"
    case .noFileName(let option, let argument): return "\(option): no file name after '\(argument)'"
    case .missingOption(let flag): return "missing required option \(flag)"
    case .notBoolean(let at, let text): return "\(at): expected true or false, got '\(text)'"
    case .notNumber(let at, let text): return "\(at): expected a number, got '\(text)'"
    case .notDuration(let at, let text): return "\(at): '\(text)' is not a duration; use e.g. 90, 90s, 10m or 1h30m"
    case .notKeyValue(let at, let word): return "\(at): '\(word)' is not KEY=VALUE"
    case .badShorthand(let at, let reason): return "\(at): \(reason); use JSON or key=value,key=value shorthand"
    case .emptyStartingToken: return "--starting-token: empty token"
    case .invalidJSON(let at, let detail): return "\(at): invalid JSON at \(detail)"
    case .argumentNotUTF8(let at, let source): return "\(at): \(source) is not UTF-8 text"
    case .tooLarge(let at, let source, let bytes, let limit):
      return "\(at): \(source) is \(PayloadLimit.size(bytes)); Step Functions allows at most "
        + "\(PayloadLimit.size(limit)) for \(PayloadLimit.payload(named: at)), nothing was sent"
    case .argumentNotJSON(let at, let source, let detail): return "\(at): \(source) is not valid JSON: \(detail)"
    case .missingKey(let at, let key): return "\(at): missing required key '\(key)'"
    case .unknownParameter(let at, let key, let valid):
      return "\(at): unknown parameter '\(key)' (valid: \(valid.joined(separator: ", ")))"
    case .wrongType(let at, let expected, let got): return "\(at): expected \(expected), got \(got)"
    case .notWholeNumber(let at, let value): return "\(at): expected a whole number, got \(value)"
    case .belowMinimum(let at, let value, let minimum): return "\(at): \(value) is below the minimum \(minimum)"
    case .aboveMaximum(let at, let value, let maximum): return "\(at): \(value) is above the maximum \(maximum)"
    case .tooFew(let at, let minimum, let unit, let got): return "\(at): at least \(minimum) \(unit) required, got \(got)"
    case .tooMany(let at, let maximum, let unit, let got): return "\(at): at most \(maximum) \(unit) allowed, got \(got)"
    case .notInEnum(let at, let value, let allowed):
      return "\(at): '\(value)' is not one of \(allowed.joined(separator: ", "))"
    case .forbiddenInName(let at, let value, let shown):
      return "\(at): '\(value)' contains \(shown); names may not contain white space, brackets, wildcards or "
        + "\" # % \\ ^ | ~ ` $ & , ; : /"
    case .notAnARN(let at, let value): return "\(at): '\(value)' is not an ARN (arn:PARTITION:states:REGION:ACCOUNT:...)"
    }
  }
}

/// The 256 KiB limit Step Functions puts on every payload: execution input, each state's input and output, task
/// results (SendTaskSuccess output), and what an execution returns.
public enum PayloadLimit {
  /// What the limited value is, by the option or parameter that carries it.
  static func payload(named at: String) -> String {
    switch at {
    case "--input": return "an execution's input"
    case "--task-output", "--output": return "a task result (the task's output)"
    default: return "a payload (execution input, state input and output, task result)"
    }
  }

  /// `300000 bytes (293.0 KiB)`: exact bytes, and KiB to compare with the documented limit.
  static func size(_ bytes: Int) -> String {
    let kib = Double(bytes) / 1024
    let shown = kib == kib.rounded() ? "\(Int(kib))" : "\((kib * 10).rounded(.up) / 10)"
    return "\(bytes) bytes (\(shown) KiB)"
  }

  /// The usual fix.
  static let hint = "the same limit applies to every state's input and output and to task results; store the "
    + "data in S3 and pass a reference to it ({\"bucket\": ..., \"key\": ...}) instead of the data itself"
}
