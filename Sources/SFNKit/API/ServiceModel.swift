/// The kinds of shape in an AWS service model.
public enum ShapeKind: String, Sendable {
  case string, integer, long, float, double, boolean, timestamp, blob, structure, list, map
}

/// One shape of the Step Functions model: its kind, members and constraints.
public struct Shape: Sendable {
  public let kind: ShapeKind
  /// Structure members in model order: (member name, target shape name).
  public let members: [(name: String, shape: String)]
  public let required: [String]
  /// List element shape.
  public let member: String?
  /// Map key and value shapes.
  public let key: String?
  public let value: String?
  public let enumValues: [String]
  /// Length (strings, lists) or value (numbers) bounds.
  public let min: Int?
  public let max: Int?
  /// The model marks the value as sensitive (task tokens, data, definitions).
  public let sensitive: Bool
  public let exception: Bool

  init(_ kind: ShapeKind, members: [(name: String, shape: String)] = [], required: [String] = [],
       member: String? = nil, key: String? = nil, value: String? = nil, enumValues: [String] = [], min: Int? = nil,
       max: Int? = nil, sensitive: Bool = false, exception: Bool = false) {
    self.kind = kind
    // Taken as is: relabelling with map copied every structure's members when the model is first used.
    self.members = members
    self.required = required
    self.member = member
    self.key = key
    self.value = value
    self.enumValues = enumValues
    self.min = min
    self.max = max
    self.sensitive = sensitive
    self.exception = exception
  }

  /// The target shape name of a structure member.
  public func memberShape(_ name: String) -> String? { members.first { $0.name == name }?.shape }
}

/// One Step Functions API operation.
public struct Operation: Sendable {
  /// The operation, e.g. `.startExecution`.
  public let id: OperationName
  public let input: ShapeName
  public let output: ShapeName?
  /// Prepended to the host of a resolved AWS endpoint (`sync-`), never to a user-given endpoint.
  public let hostPrefix: String?
  /// The list member that pages hold, for paginated operations.
  public let resultKey: String?
  /// The model says a retried call cannot act twice.
  public let idempotent: Bool

  init(_ id: OperationName, input: ShapeName, output: ShapeName?, hostPrefix: String? = nil, resultKey: String? = nil,
       idempotent: Bool = false) {
    self.id = id
    self.input = input
    self.output = output
    self.hostPrefix = hostPrefix
    self.resultKey = resultKey
    self.idempotent = idempotent
  }

  /// The API name, e.g. `StartExecution` (the `X-Amz-Target` suffix).
  public var name: String { id.rawValue }

  /// True when the operation returns pages joined by `nextToken`.
  public var isPaginated: Bool { resultKey != nil }
}

/// The Step Functions service model (shapes and operations), generated from botocore's.
///
/// Client and server read the same model: the client looks operations up by `OperationName`, a server by the
/// name in a request's `X-Amz-Target` header (`operation(named:)`).
public enum ServiceModel {
  /// Signing name and X-Amz-Target prefix.
  public static let signingName = "states"
  public static let targetPrefix = "AWSStepFunctions"

  /// Every operation in model order.
  public static var operations: [Operation] { generatedOperations }

  /// The operation `id` (every `OperationName` has one: both are generated from the same model).
  public static func operation(_ id: OperationName) -> Operation {
    guard let op = generatedOperations.first(where: { $0.id == id }) else {
      preconditionFailure("the generated model has no operation \(id.rawValue)")
    }
    return op
  }

  /// The operation with this API name, or nil when the model has none (a name from a request or the user).
  public static func operation(named name: String) -> Operation? { OperationName(rawValue: name).map(operation) }

  /// The shape `name` (every `ShapeName` has one).
  public static func shape(_ name: ShapeName) -> Shape {
    guard let shape = generatedShape(named: name.rawValue) else {
      preconditionFailure("the generated model has no shape \(name.rawValue)")
    }
    return shape
  }

  /// The shape with this name, as structure members, list items and map values refer to it; nil when there is none.
  /// Built on each call: one command needs a few shapes, and building all of them cost more than its request.
  public static func shape(named name: String) -> Shape? { generatedShape(named: name) }

  /// Every shape by name, built once: for code that looks shapes up again and again (the local server).
  public static let shapeTable: [String: Shape] = Dictionary(
    uniqueKeysWithValues: ShapeName.allCases.map { ($0.rawValue, shape($0)) })
}
