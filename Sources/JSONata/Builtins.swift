/// The built-in function library, assembled from one list per area (each in its own file under Functions/).
public enum Builtins {
  /// Every function of JSONata 2.0.6, by name without `$`.
  public static let standard: [String: Builtin] = {
    var table: [String: Builtin] = [:]
    let areas = [core, strings, numeric, aggregation, boolean, arrays, objects, higherOrder, dateTime, encoding, errors]
    for f in areas.joined() {
      table[f.name] = f
    }
    return table
  }()
}
