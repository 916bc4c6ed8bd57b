extension Builtins {
  static let dateTime: [Builtin] = []
}
