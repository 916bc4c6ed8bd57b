extension Builtins {
  static let boolean: [Builtin] = [
    .typed("boolean", "<x-:b>") { a, _ in a[0].map { .bool(Value.isTruthy($0)) } },
    .typed("not", "<x-:b>") { a, _ in a[0].map { .bool(!Value.isTruthy($0)) } },
    .typed("exists", "<x:b>") { a, _ in .bool(a.isPresent(0)) },
  ]
}
