import SFNJSON
import SFNKit

/// Serves one operation: its input, already checked against the model, to its output.
typealias OperationHandler = @Sendable (JSON) async throws -> JSON

/// The operations this server answers, by API name.
struct OperationTable: Sendable {
  private(set) var handlers: [OperationName: OperationHandler] = [:]

  /// Adds `handler` for `operation`.
  mutating func register(_ operation: OperationName, _ handler: @escaping OperationHandler) {
    handlers[operation] = handler
  }

  /// The handler for `operation`, if this server implements it.
  func handler(_ operation: OperationName) -> OperationHandler? { handlers[operation] }
}

/// What every operation needs: the database, the ARN scope, time and randomness.
struct ServiceContext: Sendable {
  let store: Store
  let scope: ARNScope
  let clock: any ServerClock
  let random: any RandomSource
}

/// Reading members of an input that the model check has already vetted.
extension JSON {
  /// A string member, or nil when absent or null.
  func string(_ key: String) -> String? { self[key]?.stringValue }

  /// A required string member (present after the model check; "" only if the model allows it absent).
  func required(_ key: String) -> String { self[key]?.stringValue ?? "" }

  /// An object member written back as compact JSON text for storage, or nil.
  func text(_ key: String) -> String? {
    guard let value = self[key], value != .null else { return nil }
    return JSONWriter.compact.string(value)
  }
}

/// Builds a JSON object from pairs, leaving out nil values (AWS omits absent members).
func object(_ pairs: [(String, JSON?)]) -> JSON {
  .object(JSONObject(pairs.compactMap { key, value in value.map { (key, $0) } }))
}

/// Parses stored JSON text (written by this server) back into a value.
func stored(_ text: String?) -> JSON? {
  guard let text else { return nil }
  return try? JSONParser.parse(text)
}

/// AWS's rules for resource names (state machines, activities, executions, aliases).
enum NameRules {
  /// Throws InvalidName when `name` has a character AWS forbids in names.
  static func check(_ name: String) throws {
    if name.unicodeScalars.contains(where: InputValidator.isForbiddenInName) { throw APIError.invalidName(name) }
  }
}
