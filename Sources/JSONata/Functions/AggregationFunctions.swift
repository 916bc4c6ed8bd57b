extension Builtins {
  static let aggregation: [Builtin] = [
    .typed("sum", "<a<n>:n>") { a, _ in try a.numbers(0).map { .number($0.reduce(0, +)) } },
    .typed("count", "<a:n>") { a, _ in .number(Double(a.array(0)?.count ?? 0)) },
    .typed("max", "<a<n>:n>") { a, _ in
      guard let numbers = try a.numbers(0), !numbers.isEmpty else { return nil }
      return .number(numbers.contains { $0.isNaN } ? .nan : numbers.max()!)
    },
    .typed("min", "<a<n>:n>") { a, _ in
      guard let numbers = try a.numbers(0), !numbers.isEmpty else { return nil }
      return .number(numbers.contains { $0.isNaN } ? .nan : numbers.min()!)
    },
    .typed("average", "<a<n>:n>") { a, _ in
      guard let numbers = try a.numbers(0), !numbers.isEmpty else { return nil }
      return .number(numbers.reduce(0, +) / Double(numbers.count))
    },
  ]
}
