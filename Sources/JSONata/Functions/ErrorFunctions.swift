extension Builtins {
  static let errors: [Builtin] = [
    .typed("error", "<s?:x>") { a, _ in
      let message = try a.string(0) ?? ""
      throw JSONataError(code: "D3137", message: message.isEmpty ? "$error() function evaluated" : message)
    },
    .typed("assert", "<bs?:x>") { a, _ in
      if try a.bool(0) != true {
        let message = try a.string(1) ?? ""
        throw JSONataError(code: "D3141", message: message.isEmpty ? "$assert() statement failed" : message)
      }
      return nil
    },
  ]
}
