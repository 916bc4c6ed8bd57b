/// The built-in functions of the JMESPath specification, behaving as in jmespath.py.
enum JMESPathFunctions {
  static let signatures: [String: JMESPathSignature] = [
    "abs": .init([.number]),
    "avg": .init([.arrayNumber]),
    "ceil": .init([.number]),
    "contains": .init([.array, .string], []),
    "ends_with": .init([.string], [.string]),
    "floor": .init([.number]),
    "join": .init([.string], [.arrayString]),
    "keys": .init([.object]),
    "length": .init([.string, .array, .object]),
    "map": .init([.expref], [.array]),
    "max": .init([.arrayNumber, .arrayString]),
    "max_by": .init([.array], [.expref]),
    "merge": .init([.object], variadic: true),
    "min": .init([.arrayNumber, .arrayString]),
    "min_by": .init([.array], [.expref]),
    "not_null": .init([], variadic: true),
    "reverse": .init([.array, .string]),
    "sort": .init([.arrayString, .arrayNumber]),
    "sort_by": .init([.array], [.expref]),
    "starts_with": .init([.string], [.string]),
    "sum": .init([.arrayNumber]),
    "to_array": .init([]),
    "to_string": .init([]),
    "to_number": .init([]),
    "type": .init([]),
    "values": .init([.object]),
  ]

  /// Calls the built-in `name` after checking arity and argument types.
  static func call(_ name: String, _ args: [JMESPathArgument]) throws -> JSON {
    guard let signature = signatures[name] else {
      throw JMESPathError(kind: .unknownFunction, message: "\(name)() is not a JMESPath function")
    }
    try signature.validate(name, args)
    // Validation guarantees the shapes matched below.
    let values = args.map { arg -> JSON in
      if case .value(let v) = arg { return v }
      return .null
    }
    switch name {
    case "abs": return .number(values[0].numberValue!.magnitude)
    case "avg":
      // Python's sum(arg) / len(arg): true division, so always a float.
      let numbers = values[0].arrayValue!
      return numbers.isEmpty ? .null : .float(sum(numbers).doubleValue / Double(numbers.count))
    case "ceil": return .number(values[0].numberValue!.rounded(.up))
    case "floor": return .number(values[0].numberValue!.rounded(.down))
    case "contains": return .bool(contains(values[0], values[1]))
    case "ends_with":
      return .bool(Array(values[0].stringValue!.unicodeScalars).reversed()
        .starts(with: Array(values[1].stringValue!.unicodeScalars).reversed()))
    case "starts_with":
      return .bool(values[0].stringValue!.unicodeScalars.starts(with: values[1].stringValue!.unicodeScalars))
    case "join":
      return .string(values[1].arrayValue!.map { $0.stringValue! }.joined(separator: values[0].stringValue!))
    case "keys": return .array(values[0].objectValue!.keys.map { .string($0) })
    case "values": return .array(values[0].objectValue!.values)
    case "length":
      switch values[0] {
      case .string(let s): return .integer(s.unicodeScalars.count)
      case .array(let a): return .integer(a.count)
      case .object(let o): return .integer(o.count)
      default: return .null
      }
    case "map":
      guard case .expref(let expression) = args[0] else { return .null }
      return .array(try values[1].arrayValue!.map { try JMESPathInterpreter.evaluate(expression, $0) })
    case "max": return extreme(values[0].arrayValue!, wantMax: true)
    case "min": return extreme(values[0].arrayValue!, wantMax: false)
    case "max_by", "min_by", "sort_by":
      guard case .expref(let expression) = args[1] else { return .null }
      return try byKey(name, values[0].arrayValue!, expression)
    case "merge":
      var merged = JSONObject()
      for value in values {
        for (key, item) in value.objectValue! { merged[key] = item }
      }
      return .object(merged)
    case "not_null": return values.first { !$0.isNull } ?? .null
    case "reverse":
      if case .string(let s) = values[0] {
        return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
      }
      return .array(values[0].arrayValue!.reversed())
    case "sort": return .array(stableSort(values[0].arrayValue!, keys: values[0].arrayValue!))
    case "sum": return .number(sum(values[0].arrayValue!))
    case "to_array":
      if case .array = values[0] { return values[0] }
      return .array([values[0]])
    case "to_string":
      if case .string = values[0] { return values[0] }
      return .string(asciiJSON(values[0]))
    case "to_number": return toNumber(values[0])
    case "type": return .string(JMESPathType.of(values[0]).name)
    default:
      throw JMESPathError(kind: .unknownFunction, message: "\(name)() is not a JMESPath function")
    }
  }

  /// Python's sum(): an exact integer while every item is one, a float from the first float on.
  private static func sum(_ items: [JSON]) -> JSONNumber {
    items.reduce(JSONNumber(0)) { $0 + $1.numberValue! }
  }

  private static func contains(_ subject: JSON, _ search: JSON) -> Bool {
    switch subject {
    case .array(let items): return items.contains(search)
    case .string(let s):
      guard case .string(let needle) = search else { return false }
      let hay = Array(s.unicodeScalars)
      let pin = Array(needle.unicodeScalars)
      if pin.isEmpty { return true }
      if pin.count > hay.count { return false }
      for start in 0...(hay.count - pin.count) where hay[start..<start + pin.count].elementsEqual(pin) {
        return true
      }
      return false
    default: return false
    }
  }

  /// -1, 0 or 1 for two numbers or two strings (callers have checked the types agree).
  private static func order(_ a: JSON, _ b: JSON) -> Int {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x < y ? -1 : (y < x ? 1 : 0)
    case (.string(let x), .string(let y)): return JMESPathInterpreter.codePointOrder(x, y)
    default: return 0
    }
  }

  /// The first largest (or smallest) element, like Python's max/min.
  private static func extreme(_ items: [JSON], wantMax: Bool) -> JSON {
    guard var best = items.first else { return .null }
    for item in items.dropFirst() {
      let o = order(item, best)
      if wantMax ? o > 0 : o < 0 { best = item }
    }
    return best
  }

  /// `items` ordered by `keys` (numbers or strings, one per item); equal keys keep their order.
  private static func stableSort(_ items: [JSON], keys: [JSON]) -> [JSON] {
    let indices = items.indices.sorted { i, j in
      let o = order(keys[i], keys[j])
      return o != 0 ? o < 0 : i < j
    }
    return indices.map { items[$0] }
  }

  /// max_by, min_by and sort_by: every key must be a number or a string, all of the same type.
  private static func byKey(_ name: String, _ items: [JSON], _ expression: JMESPathNode) throws -> JSON {
    guard !items.isEmpty else { return name == "sort_by" ? .array([]) : .null }
    var keys: [JSON] = []
    keys.reserveCapacity(items.count)
    var required: JMESPathType?
    for item in items {
      let key = try JMESPathInterpreter.evaluate(expression, item)
      let type = JMESPathType.of(key)
      if type != .number && type != .string || (required != nil && type != required) {
        let expected = required?.name ?? "number or string"
        throw JMESPathError(
          kind: .invalidType, message: "\(name)() expression must give \(expected) for every element, not \(type.name)")
      }
      required = type
      keys.append(key)
    }
    if name == "sort_by" { return .array(stableSort(items, keys: keys)) }
    var best = 0
    for i in 1..<items.count {
      let o = order(keys[i], keys[best])
      if name == "max_by" ? o > 0 : o < 0 { best = i }
    }
    return items[best]
  }

  /// Compact JSON with non-ASCII characters escaped, as Python's json.dumps writes it.
  static func asciiJSON(_ value: JSON) -> String {
    let text = JSONWriter.compact.string(value)
    guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
    var out = String.UnicodeScalarView()
    func hex(_ v: UInt32) {
      let digits = String(v, radix: 16)
      out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - digits.count) + digits).unicodeScalars)
    }
    for scalar in text.unicodeScalars {
      if scalar.value < 0x7F {
        out.append(scalar)
      } else if scalar.value > 0xFFFF {
        let v = scalar.value - 0x10000
        hex(0xD800 + (v >> 10))
        hex(0xDC00 + (v & 0x3FF))
      } else {
        hex(scalar.value)
      }
    }
    return String(out)
  }

  /// Numbers as they are; strings holding a decimal number parsed (an integer when Python's int() reads it, else
  /// a float); anything else null.
  private static func toNumber(_ value: JSON) -> JSON {
    switch value {
    case .number: return value
    case .string(let s):
      let trimmed = s.unicodeScalars.drop { $0.properties.isWhitespace }
      let text = String(String.UnicodeScalarView(trimmed.reversed().drop { $0.properties.isWhitespace }.reversed()))
      if let exact = JSONNumber(integerText: text) { return .number(exact) }
      guard isDecimal(text), let n = Double(text), n.isFinite else { return .null }
      return .float(n)
    default: return .null
    }
  }

  /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, the forms Python's int() and float() read.
  private static func isDecimal(_ text: String) -> Bool {
    var chars = Array(text.utf8)[...]
    func digits() -> Int {
      var n = 0
      while let c = chars.first, c >= 0x30 && c <= 0x39 {
        chars.removeFirst()
        n += 1
      }
      return n
    }
    if chars.first == UInt8(ascii: "+") || chars.first == UInt8(ascii: "-") { chars.removeFirst() }
    var mantissa = digits()
    if chars.first == UInt8(ascii: ".") {
      chars.removeFirst()
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if chars.first == UInt8(ascii: "e") || chars.first == UInt8(ascii: "E") {
      chars.removeFirst()
      if chars.first == UInt8(ascii: "+") || chars.first == UInt8(ascii: "-") { chars.removeFirst() }
      guard digits() > 0 else { return false }
    }
    return chars.isEmpty
  }
}
