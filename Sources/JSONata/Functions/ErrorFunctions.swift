extension Builtins {
  static let errors: [Builtin] = [
    .typed("error", "<s?:x>") { a, _ in
      let given = try a.string(0) ?? ""
      let message = given.isEmpty ? "$error() function evaluated" : given
      throw JSONataError(code: "D3137", value: .string(message), message: message)
    },
    .typed("assert", "<bs?:x>") { a, _ in
      if try a.bool(0) != true {
        let given = try a.string(1) ?? ""
        let message = given.isEmpty ? "$assert() statement failed" : given
        throw JSONataError(code: "D3141", value: .string(message), message: message)
      }
      return nil
    },
  ]
}
