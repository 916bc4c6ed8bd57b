import SFNKit

/// InputPath and OutputPath: the part of a value a state reads or passes on.
public enum InputOutputPath {
  /// The value `path` selects from `scope` (`$$` and `$var` read the context object and variables); `nil` stands
  /// for a path set to JSON `null`, which gives `{}`. A definite path that matches nothing is a `States.Runtime`
  /// error with Jayway's words, as AWS reports it: `Invalid path '$.x' : No results for path: $['x']`.
  public static func apply(_ path: JSONPathQuery?, to scope: QueryScope) throws -> JSON {
    guard let path else { return .object(JSONObject()) }
    do {
      return try path.select(scope)
    } catch let error as JSONPathError {
      throw StatesError.runtime("Invalid path '\(path.text)' : \(error.message)")
    }
  }
}

/// ResultPath: where a state's result goes in its input to make its output.
public enum ResultPath {
  /// `input` with `result` placed at `path`: `$` replaces the input, `$.a.b` sets that field and creates the objects
  /// on the way, `nil` (ResultPath `null`) discards the result. Only the state input can be written to; writing into
  /// a value that is not an object (or an index outside an array) is a `States.Runtime` error.
  public static func apply(_ path: JSONPathQuery?, result: JSON, to input: JSON) throws -> JSON {
    guard let path else { return input }
    guard path.root == .input, let steps = path.referenceSteps else {
      throw StatesError.runtime("Invalid path '\(path.text)': ResultPath must be a reference path to the state input")
    }
    if steps.isEmpty { return result }
    guard let merged = set(result, at: steps[...], in: input) else {
      throw StatesError.runtime("Unable to apply ReferencePath \(path.text) to input "
                                  + JavaText.json(input))
    }
    return merged
  }

  /// `value` with `result` at the steps, or nil when a step cannot be taken.
  private static func set(_ result: JSON, at steps: ArraySlice<JSONPathStep>, in value: JSON) -> JSON? {
    guard let step = steps.first else { return result }
    let rest = steps.dropFirst()
    switch (step, value) {
    case (.property(let names), .object(var object)):
      let name = names[0]
      // A missing field starts as an empty object so deeper steps can create theirs.
      let child = object[name] ?? .object(JSONObject())
      guard let updated = set(result, at: rest, in: child) else { return nil }
      object[name] = updated
      return .object(object)
    case (.index(let indexes), .array(var items)):
      let index = indexes[0] < 0 ? items.count + indexes[0] : indexes[0]
      guard index >= 0, index < items.count, let updated = set(result, at: rest, in: items[index]) else { return nil }
      items[index] = updated
      return .array(items)
    default:
      return nil
    }
  }
}
