extension Builtins {
  static let numeric: [Builtin] = []
}
