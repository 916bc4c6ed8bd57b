extension Builtins {
  static let encoding: [Builtin] = []
}
