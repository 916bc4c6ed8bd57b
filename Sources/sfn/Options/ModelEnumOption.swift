import ArgumentParser
import SFNKit

/// An option whose value is one of a model enum shape's values, so help, the error for a wrong value and the
/// completions all list them.
protocol ModelEnumOption: ExpressibleByArgument {
  /// The enum shape whose values the option takes.
  static var shape: ShapeName { get }
  /// The value as the API spells it, e.g. `RUNNING`.
  var value: String { get }
  /// An option holding `value`, one of the shape's values.
  init(value: String)
  /// `argument` as it is compared with the shape's values (as written, unless the option ignores case).
  static func spelled(_ argument: String) -> String
}

extension ModelEnumOption {
  init?(argument: String) {
    let value = Self.spelled(argument)
    guard Self.allValueStrings.contains(value) else { return nil }
    self.init(value: value)
  }

  static func spelled(_ argument: String) -> String { argument }

  /// The model's values, in its order.
  static var allValueStrings: [String] { ServiceModel.shape(shape).enumValues }
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `deploy --logging`: a log level as the API spells it.
struct LogLevelOption: ModelEnumOption, Equatable {
  static let shape = ShapeName.logLevel
  let value: String
  init(value: String) { self.value = value }
}

/// `--type` of deploy and validate: STANDARD or EXPRESS, as written.
extension StateMachineType: ExpressibleByArgument {}
