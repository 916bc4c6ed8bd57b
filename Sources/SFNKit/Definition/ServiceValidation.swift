/// Asks the service's ValidateStateMachineDefinition about a definition and merges its findings with the linter's.
public struct ServiceValidation {
  let call: ServiceCall

  /// Uses `call(operation, input)` to reach the service (normally `StepFunctionsClient.call`).
  public init(call: @escaping ServiceCall) {
    self.call = call
  }

  /// The service's findings for `source`, placed at the positions of the paths it names. Throws
  /// `ResponseError.remoteValidationUnsupported` when the endpoint does not implement the operation.
  public func findings(for source: DefinitionSource, type: String? = nil) throws -> [ValidationFinding] {
    guard let json = source.json else { return [] }
    var input = JSONObject([("definition", .string(json)), ("severity", "WARNING")])
    if let type { input["type"] = .string(type) }
    let response: JSON
    do {
      response = try call(.validateStateMachineDefinition, .object(input))
    } catch let e as ServiceError where Self.isUnsupported(e) {
      throw ResponseError.remoteValidationUnsupported(code: e.code)
    }
    return Self.findings(from: response, source: source)
  }

  /// True for the answers of an endpoint that lacks the operation: an unknown-operation error, or a 5xx whose
  /// body named no error code (moto answers HTTP 500 with an HTML page).
  public static func isUnsupported(_ error: ServiceError) -> Bool {
    if ["UnknownOperationException", "UnknownOperation", "NotImplemented", "InvalidAction"].contains(error.code) {
      return true
    }
    return error.status >= 500 && error.code.hasPrefix("HTTP ")
  }

  /// Reads the response's `diagnostics` list into findings.
  public static func findings(from response: JSON, source: DefinitionSource) -> [ValidationFinding] {
    var out: [ValidationFinding] = []
    for item in response["diagnostics"]?.arrayValue ?? [] {
      let severity: ASLDiagnostic.Severity = item["severity"]?.stringValue == "WARNING" ? .warning : .error
      let path = jsonPath(fromLocation: item["location"]?.stringValue ?? "", in: source)
      let position = source.position(ofPath: path)
      let diagnostic = ASLDiagnostic(severity: severity, message: item["message"]?.stringValue ?? "(no message)",
                                     line: position.line, column: position.column, path: path,
                                     code: item["code"]?.stringValue)
      out.append(ValidationFinding(file: source.name, diagnostic: diagnostic, source: .service))
    }
    if response["result"]?.stringValue == "FAIL", !out.contains(where: { $0.diagnostic.severity == .error }) {
      let d = ASLDiagnostic(severity: .error, message: "the service reports the definition as invalid",
                            line: 1, column: 1, path: "$", code: "FAIL")
      out.append(ValidationFinding(file: source.name, diagnostic: d, source: .service))
    }
    return out
  }

  /// The service's location (`/States/A/Next`, a JSON pointer, or already `$.States...`) as a JSON path.
  static func jsonPath(fromLocation location: String, in source: DefinitionSource) -> String {
    if location.hasPrefix("$") { return location }
    var path = "$"
    var node = source.json.flatMap { try? JSONParser.parse($0) }
    for raw in location.split(separator: "/", omittingEmptySubsequences: true) {
      let key = String(raw).replacing("~1", with: "/").replacing("~0", with: "~")
      if let items = node?.arrayValue, let index = Int(key), index >= 0, index < items.count {
        path += "[\(index)]"
        node = items[index]
      } else {
        path = ASLNode.childPath(path, key: key)
        node = node?[key]
      }
    }
    return path
  }

  /// Local findings plus the service's, dropping a service finding when the linter already reported one of the
  /// same severity at the same path (the local one has the exact position); sorted by position.
  public static func merge(local: [ValidationFinding], service: [ValidationFinding]) -> [ValidationFinding] {
    let seen = Set(local.map { "\($0.diagnostic.severity.rawValue) \($0.diagnostic.path)" })
    let extra = service.filter { !seen.contains("\($0.diagnostic.severity.rawValue) \($0.diagnostic.path)") }
    return (local + extra).sorted { ASLDiagnostic.byPosition($0.diagnostic, $1.diagnostic) }
  }
}
