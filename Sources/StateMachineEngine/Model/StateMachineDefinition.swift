import SFNKit

/// The query language a state evaluates its fields in.
public enum QueryLanguage: String, Sendable, Codable {
  case jsonPath = "JSONPath"
  case jsonata = "JSONata"
}

/// Why a definition could not be turned into the typed model (the validator normally refuses it first).
public struct DefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, naming the field.
  public var message: String
  /// The error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A parsed state machine: the top level, and every nested Parallel branch and Map processor, each a `Machine`
/// numbered in one table so that running branches refer to their states by plain numbers (serializable).
public struct StateMachineDefinition: Sendable {
  /// Every machine; index 0 is the top level.
  public private(set) var machines: [Machine] = []
  /// `TimeoutSeconds` of the top level.
  public var timeoutSeconds: Int?

  /// The top-level machine.
  public var root: Machine { machines[0] }

  /// Parses a definition document (JSON text; YAML is converted by `DefinitionSource` first).
  public init(text: String) throws {
    let json: JSON
    do { json = try JSONParser.parse(text) } catch { throw DefinitionError("The definition is not valid JSON: \(error)") }
    try self.init(json: json)
  }

  /// Parses a definition document.
  public init(json: JSON) throws {
    guard let object = json.objectValue else { throw DefinitionError("The definition must be a JSON object") }
    let language = try Self.language(object["QueryLanguage"], inherited: .jsonPath)
    timeoutSeconds = object["TimeoutSeconds"]?.intValue
    _ = try addMachine(object, language: language, path: "$")
  }

  /// One (sub-)machine: `StartAt` and its states.
  public struct Machine: Sendable {
    /// The state run first.
    public var startAt: String
    /// The states by name.
    public var states: [String: StateDefinition]
    /// The language states inherit.
    public var queryLanguage: QueryLanguage
  }

  private mutating func addMachine(_ object: JSONObject, language: QueryLanguage, path: String) throws -> Int {
    guard let startAt = object["StartAt"]?.stringValue else { throw DefinitionError("\(path): StartAt is missing") }
    guard let statesObject = object["States"]?.objectValue else {
      throw DefinitionError("\(path): States is missing")
    }
    let id = machines.count
    machines.append(Machine(startAt: startAt, states: [:], queryLanguage: language))
    var states: [String: StateDefinition] = [:]
    for (name, value) in statesObject {
      guard let fields = value.objectValue else { throw DefinitionError("\(path).States.\(name) must be an object") }
      states[name] = try state(name, fields, inherited: language, path: "\(path).States.\(name)")
    }
    guard states[startAt] != nil else { throw DefinitionError("\(path): StartAt names no state: \(startAt)") }
    machines[id].states = states
    return id
  }

  private static func language(_ value: JSON?, inherited: QueryLanguage) throws -> QueryLanguage {
    guard let value else { return inherited }
    guard let text = value.stringValue, let language = QueryLanguage(rawValue: text) else {
      throw DefinitionError("QueryLanguage must be JSONPath or JSONata")
    }
    return language
  }

  private mutating func state(_ name: String, _ fields: JSONObject, inherited: QueryLanguage,
                              path: String) throws -> StateDefinition {
    guard let typeName = fields["Type"]?.stringValue, let type = StateType(rawValue: typeName) else {
      throw DefinitionError("\(path): Type is missing or unknown")
    }
    let language = try Self.language(fields["QueryLanguage"], inherited: inherited)
    var state = StateDefinition(name: name, type: type, queryLanguage: language, fields: fields)
    switch type {
    case .parallel:
      for (i, branch) in (fields["Branches"]?.arrayValue ?? []).enumerated() {
        guard let b = branch.objectValue else { throw DefinitionError("\(path).Branches[\(i)] must be an object") }
        state.branches.append(try addMachine(b, language: language, path: "\(path).Branches[\(i)]"))
      }
    case .map:
      // ItemProcessor, or Iterator in the older form.
      guard let processor = (fields["ItemProcessor"] ?? fields["Iterator"])?.objectValue else {
        throw DefinitionError("\(path): ItemProcessor is missing")
      }
      state.processor = try addMachine(processor, language: language, path: "\(path).ItemProcessor")
      let config = processor["ProcessorConfig"]?.objectValue
      state.distributed = config?["Mode"]?.stringValue == "DISTRIBUTED"
    default: break
    }
    return state
  }
}

/// The kinds of state.
public enum StateType: String, Sendable, Codable {
  case pass = "Pass", task = "Task", choice = "Choice", wait = "Wait", succeed = "Succeed", fail = "Fail"
  case parallel = "Parallel", map = "Map"
}
