/// Checks an operation input against the model before it is sent: required members, types, lengths,
/// ranges, enums, names, ARNs and the JSON documents carried in strings.
public struct InputValidator {
  /// Shapes whose string values are JSON documents.
  static let jsonDocumentShapes: Set<String> = ["SensitiveData", "Definition"]
  /// Shapes whose values are resource names with the service's character rules.
  static let nameShapes: Set<String> = ["Name", "CharacterRestrictedName"]
  static let arnShapes: Set<String> = ["Arn", "LongArn"]

  /// A validator.
  public init() {}

  /// Throws the first problem found in `value` (of shape `shape`, at `path`; "" is the top level).
  public func validate(_ value: JSON, shape: Shape, path: String, shapeName: String? = nil) throws {
    // Only an error message needs it, and building it costs more than checking a small input.
    var here: String { path.isEmpty ? "input" : display(path) }
    switch (shape.kind, value) {
    case (.structure, .object(let object)):
      for name in shape.required where object[name] == nil || object[name] == .null {
        if path.isEmpty { throw InputError.missingOption(flag: "--" + kebab(name)) }
        throw InputError.missingKey(at: here, key: name)
      }
      for (key, member) in object {
        guard let target = shape.memberShape(key) else {
          throw InputError.unknownParameter(at: here, key: key, valid: shape.members.map(\.name))
        }
        if member == .null { continue }
        guard let s = ServiceModel.shape(named: target) else { continue }
        try validate(member, shape: s, path: path.isEmpty ? key : path + "." + key, shapeName: target)
      }
    case (.list, .array(let items)):
      try checkBounds(items.count, shape, here, unit: "items")
      guard let memberName = shape.member, let member = ServiceModel.shape(named: memberName) else { return }
      for (i, item) in items.enumerated() {
        try validate(item, shape: member, path: "\(path)[\(i)]", shapeName: memberName)
      }
    case (.map, .object(let object)):
      guard let valueName = shape.value, let valueShape = ServiceModel.shape(named: valueName) else { return }
      for (key, item) in object { try validate(item, shape: valueShape, path: "\(path).\(key)", shapeName: valueName) }
    case (.string, .string(let s)):
      try validate(string: s, shape: shape, shapeName: shapeName, here: here)
    case (.integer, .number(let n)), (.long, .number(let n)):
      guard n.isIntegral else { throw InputError.notWholeNumber(at: here, value: "\(n)") }
      if let min = shape.min, n < JSONNumber(min) { throw InputError.belowMinimum(at: here, value: "\(n)", minimum: min) }
      if let max = shape.max, n > JSONNumber(max) { throw InputError.aboveMaximum(at: here, value: "\(n)", maximum: max) }
    case (.float, .number), (.double, .number), (.boolean, .bool), (.timestamp, .number), (.timestamp, .string),
      (.blob, .string):
      return
    default:
      throw InputError.wrongType(at: here, expected: article(shape.kind), got: describe(value))
    }
  }

  private func validate(string s: String, shape: Shape, shapeName: String?, here: @autoclosure () -> String) throws {
    if !shape.enumValues.isEmpty, !shape.enumValues.contains(s) {
      throw InputError.notInEnum(at: here(), value: s, allowed: shape.enumValues)
    }
    // Large limits are the service's byte limits (256 KiB data, 1 MiB definitions); small ones count characters.
    let length = (shape.max ?? 0) >= 65536 ? s.utf8.count : s.unicodeScalars.count
    if shape.max == JSONInputReader.defaultLimit, length > JSONInputReader.defaultLimit {
      throw InputError.tooLarge(at: here(), source: "the value", bytes: length, limit: JSONInputReader.defaultLimit)
    }
    try checkBounds(length, shape, here(), unit: (shape.max ?? 0) >= 65536 ? "bytes" : "characters")
    guard let shapeName else { return }
    if Self.jsonDocumentShapes.contains(shapeName) {
      do { _ = try JSONParser.parse(s) } catch let e as JSONParseError {
        throw InputError.invalidJSON(at: here(), detail: "\(e)")
      }
    }
    if Self.nameShapes.contains(shapeName), let bad = s.unicodeScalars.first(where: Self.isForbiddenInName) {
      let shown = bad.value < 0x20 || bad == " " ? "U+" + String(bad.value, radix: 16, uppercase: true) : "'\(bad)'"
      throw InputError.forbiddenInName(at: here(), value: s, shown: shown)
    }
    if Self.arnShapes.contains(shapeName), !s.hasPrefix("arn:") {
      throw InputError.notAnARN(at: here(), value: s)
    }
  }

  /// True for a character AWS forbids in resource names (white space, brackets, wildcards, controls, ...).
  public static func isForbiddenInName(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x20 || (0x7F...0x9F).contains(c.value) { return true }
    return " \t\n<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars.contains(c)
  }

  private func checkBounds(_ n: Int, _ shape: Shape, _ here: @autoclosure () -> String, unit: String) throws {
    if let min = shape.min, n < min { throw InputError.tooFew(at: here(), minimum: min, unit: unit, got: n) }
    if let max = shape.max, n > max { throw InputError.tooMany(at: here(), maximum: max, unit: unit, got: n) }
  }

  private func display(_ path: String) -> String {
    let top = path.prefix { $0 != "." && $0 != "[" }
    return "--" + kebab(String(top)) + path.dropFirst(top.count)
  }

  private func article(_ kind: ShapeKind) -> String {
    switch kind {
    case .structure, .map: return "an object"
    case .list: return "a list"
    case .integer, .long: return "an integer"
    case .float, .double: return "a number"
    case .boolean: return "true or false"
    default: return "a string"
    }
  }

  private func describe(_ value: JSON) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "a list"
    case .object: return "an object"
    }
  }
}
