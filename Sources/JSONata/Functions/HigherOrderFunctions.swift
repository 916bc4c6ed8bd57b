extension Builtins {
  static let higherOrder: [Builtin] = []
}
