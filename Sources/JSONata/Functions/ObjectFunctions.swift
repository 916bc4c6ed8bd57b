extension Builtins {
  static let objects: [Builtin] = []
}
