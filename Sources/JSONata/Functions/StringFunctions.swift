extension Builtins {
  static let strings: [Builtin] = []
}
