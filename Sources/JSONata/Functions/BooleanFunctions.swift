extension Builtins {
  static let boolean: [Builtin] = []
}
