/// A shorthand value the parser could not read.
public struct ShorthandError: Error, Equatable {
  public var message: String
}

/// The AWS CLI's shorthand syntax (`key=a,value=b`, `a,b,c`, `k={x=1}`, `k=[a,b]`), typed by the target shape.
public enum Shorthand {
  /// Parses `text` as a value of `shape`.
  public static func parse(_ text: String, shape: Shape) throws -> JSON {
    var reader = Reader(chars: Array(text))
    let raw: Raw
    switch shape.kind {
    case .structure, .map: raw = .object(try reader.pairs(until: nil))
    case .list:
      // A list of structures takes one structure per word: `key=a,value=b` is `[{key: a, value: b}]`.
      let member = shape.member.flatMap(ServiceModel.shape(named:))
      if member?.kind == .structure || member?.kind == .map {
        raw = .list([.object(try reader.pairs(until: nil))])
      } else {
        raw = .list(try reader.items(until: nil))
      }
    default: raw = .scalar(text)
    }
    guard reader.atEnd else { throw ShorthandError(message: "unexpected '\(reader.chars[reader.pos])' at position \(reader.pos + 1)") }
    return try convert(raw, shape: shape)
  }

  indirect enum Raw {
    case scalar(String)
    case list([Raw])
    case object([(String, Raw)])
  }

  static func convert(_ raw: Raw, shape: Shape) throws -> JSON {
    switch (shape.kind, raw) {
    case (.structure, .object(let pairs)):
      var o = JSONObject()
      for (k, v) in pairs {
        guard let target = shape.memberShape(k).flatMap(ServiceModel.shape(named:)) else {
          let known = shape.members.map(\.name).joined(separator: ", ")
          throw ShorthandError(message: "unknown key '\(k)' (expected one of: \(known))")
        }
        o[k] = try convert(v, shape: target)
      }
      return .object(o)
    case (.map, .object(let pairs)):
      let valueShape = shape.value.flatMap(ServiceModel.shape(named:)) ?? Shape(.string)
      return .object(JSONObject(try pairs.map { ($0.0, try convert($0.1, shape: valueShape)) }))
    case (.list, .list(let items)):
      let member = shape.member.flatMap(ServiceModel.shape(named:)) ?? Shape(.string)
      return .array(try items.map { try convert($0, shape: member) })
    case (.list, let single):
      let member = shape.member.flatMap(ServiceModel.shape(named:)) ?? Shape(.string)
      return .array([try convert(single, shape: member)])
    case (.boolean, .scalar(let s)):
      switch s.lowercased() {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: throw ShorthandError(message: "expected true or false, got '\(s)'")
      }
    case (.integer, .scalar(let s)), (.long, .scalar(let s)), (.float, .scalar(let s)), (.double, .scalar(let s)):
      guard let n = JSONNumber(parameter: s, integral: shape.kind == .integer || shape.kind == .long) else {
        throw ShorthandError(message: "expected a number, got '\(s)'")
      }
      return .number(n)
    case (_, .scalar(let s)): return .string(s)
    default: throw ShorthandError(message: "value does not fit a \(shape.kind.rawValue)")
    }
  }

  struct Reader {
    let chars: [Character]
    var pos = 0
    var atEnd: Bool { pos >= chars.count }

    mutating func pairs(until close: Character?) throws -> [(String, Raw)] {
      var out: [(String, Raw)] = []
      while !atEnd, chars[pos] != close {
        let key = readKey()
        guard !key.isEmpty, !atEnd, chars[pos] == "=" else {
          throw ShorthandError(message: "expected key=value at position \(pos + 1)")
        }
        pos += 1
        var values = [try value(stoppers: [",", close].compactMap { $0 })]
        // `a=1,2,3`: words after a comma that are not `key=` continue the value as a list.
        while !atEnd, chars[pos] == ",", !nextIsKey() {
          pos += 1
          values.append(try value(stoppers: [",", close].compactMap { $0 }))
        }
        out.append((key, values.count == 1 ? values[0] : .list(values)))
        if !atEnd, chars[pos] == "," { pos += 1 }
      }
      return out
    }

    mutating func items(until close: Character?) throws -> [Raw] {
      var out: [Raw] = []
      while !atEnd, chars[pos] != close {
        out.append(try value(stoppers: [",", close].compactMap { $0 }))
        if !atEnd, chars[pos] == "," { pos += 1 }
      }
      return out
    }

    func nextIsKey() -> Bool {
      var i = pos + 1
      while i < chars.count, chars[i] != "=", chars[i] != ",", chars[i] != "{", chars[i] != "[",
        chars[i] != "}", chars[i] != "]", chars[i] != "\"", chars[i] != "'"
      {
        i += 1
      }
      return i < chars.count && chars[i] == "=" && i > pos + 1
    }

    mutating func readKey() -> String {
      var key = ""
      while !atEnd, chars[pos] != "=", chars[pos] != "," { key.append(chars[pos]); pos += 1 }
      return key.trimmingWhitespace()
    }

    mutating func value(stoppers: [Character]) throws -> Raw {
      guard !atEnd else { return .scalar("") }
      switch chars[pos] {
      case "{":
        pos += 1
        let pairs = try pairs(until: "}")
        guard !atEnd else { throw ShorthandError(message: "missing '}'") }
        pos += 1
        return .object(pairs)
      case "[":
        pos += 1
        let items = try items(until: "]")
        guard !atEnd else { throw ShorthandError(message: "missing ']'") }
        pos += 1
        return .list(items)
      case "\"", "'":
        let quote = chars[pos]
        pos += 1
        var s = ""
        while !atEnd, chars[pos] != quote {
          if chars[pos] == "\\", pos + 1 < chars.count { pos += 1 }
          s.append(chars[pos])
          pos += 1
        }
        guard !atEnd else { throw ShorthandError(message: "missing closing \(quote)") }
        pos += 1
        return .scalar(s)
      default:
        var s = ""
        while !atEnd, !stoppers.contains(chars[pos]) {
          if chars[pos] == "\\", pos + 1 < chars.count { pos += 1 }
          s.append(chars[pos])
          pos += 1
        }
        return .scalar(s.trimmingWhitespace())
      }
    }
  }
}
