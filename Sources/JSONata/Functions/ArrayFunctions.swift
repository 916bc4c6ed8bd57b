extension Builtins {
  static let arrays: [Builtin] = []
}
