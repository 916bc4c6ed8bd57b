import SFNKit

/// A JSONPath-mode payload template (Parameters, ResultSelector, ItemSelector, Assign): keys ending in `.$` take
/// their value from a path (`$.a`, `$$.Map.Item.Value`, `$var.field`) or an intrinsic call, at any depth, arrays
/// included; every other value is copied. Parsed once, evaluated per state run.
public struct PayloadTemplate: Sendable {
  private indirect enum Node: Sendable {
    case literal(JSON)
    case path(JSONPathQuery, field: String)
    case call(IntrinsicCall, field: String)
    case object([(key: String, node: Node)])
    case array([Node])
  }

  private let root: Node

  /// Compiles `template`; a malformed path or intrinsic call under a `.$` key is a `States.Runtime` or
  /// `States.IntrinsicFailure` error.
  public init(_ template: JSON) throws {
    root = try Self.compile(template)
  }

  private static func compile(_ value: JSON) throws -> Node {
    switch value {
    case .object(let object):
      var members: [(key: String, node: Node)] = []
      for (key, child) in object {
        guard key.hasSuffix(".$"), key.count > 2 else {
          members.append((key, try compile(child)))
          continue
        }
        guard case .string(let text) = child else {
          throw StatesError.runtime("The value of the field '\(key)' must be a JSONPath or an intrinsic function")
        }
        let name = String(key.dropLast(2))
        if text.hasPrefix("States.") {
          members.append((name, .call(try IntrinsicCall(text), field: key)))
        } else {
          do {
            members.append((name, .path(try JSONPathQuery(text), field: key)))
          } catch let error as JSONPathError {
            throw StatesError.runtime("The value '\(text)' of the field '\(key)' is not a valid path: \(error.message)")
          }
        }
      }
      return .object(members)
    case .array(let items):
      return .array(try items.map(compile))
    default:
      return .literal(value)
    }
  }

  /// The payload for `scope`; `random` feeds States.UUID and States.MathRandom.
  public func evaluate(_ scope: QueryScope, random: inout some RandomNumberGenerator) throws -> JSON {
    try evaluate(root, scope, random: &random)
  }

  private func evaluate(_ node: Node, _ scope: QueryScope, random: inout some RandomNumberGenerator) throws -> JSON {
    switch node {
    case .literal(let value): return value
    case .path(let path, let field): return try Self.select(path, scope, field: field)
    case .call(let call, let field): return try call.evaluate(scope, field: field, random: &random)
    case .object(let members):
      var object = JSONObject()
      for (key, child) in members { object[key] = try evaluate(child, scope, random: &random) }
      return .object(object)
    case .array(let items):
      return .array(try items.map { try evaluate($0, scope, random: &random) })
    }
  }

  /// The value `text` selects for the payload field `field`, failing as AWS does when it is not there.
  static func select(_ text: String, _ scope: QueryScope, field: String) throws -> JSON {
    let path: JSONPathQuery
    do {
      path = try JSONPathQuery(text)
    } catch let error as JSONPathError {
      throw StatesError.runtime("The value '\(text)' of the field '\(field)' is not a valid path: \(error.message)")
    }
    return try select(path, scope, field: field)
  }

  /// The value `path` selects for the payload field `field`: a missing node is States.Runtime with AWS's cause,
  /// `The JSONPath '$.a' specified for the field 'a.$' could not be found in the input '{...}'`.
  static func select(_ path: JSONPathQuery, _ scope: QueryScope, field: String) throws -> JSON {
    do {
      return try path.select(scope)
    } catch let error as JSONPathError where error.kind == .undefinedVariable {
      throw StatesError.runtime("The variable '\(error.message)' specified for the field '\(field)' is not defined")
    } catch is JSONPathError {
      let searched: JSON
      switch path.root {
      case .input: searched = scope.input
      case .context: searched = scope.context
      case .variable(let name): searched = scope.variables[name] ?? .null
      }
      throw StatesError.runtime("The JSONPath '\(path.text)' specified for the field '\(field)' could not be found "
                                  + "in the input '\(JavaText.json(searched))'")
    }
  }
}
