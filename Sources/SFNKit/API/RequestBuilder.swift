/// Turns command-line parameter values into an operation's JSON input, checking it against the model.
public struct RequestBuilder {
  /// Reads `file://` and `fileb://` parameter files.
  public var files: FileSystem

  /// A builder reading parameter files through `files`.
  public init(files: FileSystem) { self.files = files }

  /// The JSON input for `operation`: `base` (from --cli-input-json) overlaid with the given values.
  public func build(_ operation: Operation, values: [ParameterValue], base: JSON? = nil) throws -> JSON {
    let shape = ServiceModel.shape(operation.input)
    var input = base?.objectValue ?? JSONObject()
    for value in values {
      guard let target = shape.memberShape(value.member).flatMap(ServiceModel.shape(named:)) else { continue }
      if let json = try convert(value, target: target) { input[value.member] = json }
    }
    let result = JSON.object(input)
    try InputValidator().validate(result, shape: shape, path: "")
    return result
  }

  private func convert(_ value: ParameterValue, target: Shape) throws -> JSON? {
    let flag = "--" + kebab(value.member)
    switch value {
    case .integer(_, let v): return v.map { .integer($0) }
    case .number(_, let v): return v.map { .float($0) }
    case .flag(_, let v): return v.map { .bool($0) }
    case .words(_, let words):
      guard let words else { return nil }
      if words.count == 1 { return try parse(text: words[0], target: target, flag: flag) }
      let member = target.member.flatMap(ServiceModel.shape(named:)) ?? Shape(.string)
      return .array(try words.map { try parse(text: $0, target: member, flag: flag) })
    case .text(_, let text):
      guard let text else { return nil }
      return try parse(text: text, target: target, flag: flag)
    }
  }

  /// Converts one textual value to JSON according to its target shape.
  func parse(text raw: String, target: Shape, flag: String) throws -> JSON {
    let text = try ParameterFile.resolve(raw, files: files)
    switch target.kind {
    case .string, .timestamp: return .string(text)
    case .blob: return .string(text)
    case .boolean:
      switch text.lowercased() {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: throw InputError.notBoolean(at: flag, text: text)
      }
    case .integer, .long, .float, .double:
      guard let n = JSONNumber(parameter: text, integral: target.kind == .integer || target.kind == .long) else {
        throw InputError.notNumber(at: flag, text: text)
      }
      return .number(n)
    case .structure, .list, .map:
      let trimmed = text.trimmingWhitespace()
      if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") || trimmed.hasPrefix("\"") {
        do {
          return try JSONParser.parse(trimmed)
        } catch let e as JSONParseError {
          throw InputError.invalidJSON(at: flag, detail: "\(e)")
        }
      }
      do {
        return try Shorthand.parse(trimmed, shape: target)
      } catch let e as ShorthandError {
        throw InputError.badShorthand(at: flag, reason: e.message)
      }
    }
  }
}

/// camelCase to kebab-case, as the AWS CLI names flags.
public func kebab(_ name: String) -> String {
  var out = ""
  let chars = Array(name)
  for (i, c) in chars.enumerated() {
    if c.isUppercase, i > 0, chars[i - 1].isLowercase || chars[i - 1].isNumber
      || (i + 1 < chars.count && chars[i + 1].isLowercase && chars[i - 1].isUppercase)
    {
      out.append("-")
    }
    out.append(contentsOf: c.lowercased())
  }
  return out
}

/// `file://PATH` (text) and `fileb://PATH` (bytes) parameter values, as the AWS CLI reads them.
public enum ParameterFile {
  /// The value itself, or the contents of the file it names.
  public static func resolve(_ value: String, files: FileSystem) throws -> String {
    for prefix in ["file://", "fileb://"] where value.hasPrefix(prefix) {
      return try files.readText(String(value.dropFirst(prefix.count)))
    }
    return value
  }
}
