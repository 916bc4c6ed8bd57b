extension Builtins {
  static let aggregation: [Builtin] = []
}
