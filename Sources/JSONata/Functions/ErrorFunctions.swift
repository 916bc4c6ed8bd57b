extension Builtins {
  static let errors: [Builtin] = []
}
