/// Masks secrets in headers and bodies before they are shown by `--debug`.
public enum Redactor {
  /// Header names whose whole value is secret.
  static let secretHeaders: Set<String> = ["x-amz-security-token", "x-amz-sso_bearer_token", "authorization-token",
                                           "x-aws-ec2-metadata-token"]
  /// JSON members whose value is a secret or a token.
  static let secretMembers: Set<String> = ["taskToken", "SecretAccessKey", "secretAccessKey", "SessionToken",
                                           "sessionToken", "Token", "accessToken", "refreshToken", "clientSecret"]

  /// The header value as it may be shown.
  public static func header(_ name: String, _ value: String) -> String {
    let lower = name.lowercased()
    if secretHeaders.contains(lower) { return "***" }
    if lower == "authorization" {
      // Keep the algorithm, credential scope and signed headers; hide the signature.
      guard let range = value.firstRange(of: "Signature=") else { return "***" }
      return String(value[..<range.upperBound]) + "***"
    }
    return value
  }

  /// A token with its middle replaced: the first and last 4 characters stay so tokens can be told apart.
  public static func middle(_ token: String) -> String {
    token.count <= 12 ? "***" : String(token.prefix(4)) + "***" + String(token.suffix(4))
  }

  /// A body with secret members masked; non-JSON bodies are returned unchanged.
  public static func body(_ bytes: [UInt8]) -> String {
    guard let json = try? JSONParser.parse(bytes: bytes) else {
      return String(decoding: bytes.prefix(4096), as: UTF8.self)
    }
    return JSONWriter.compact.string(mask(json))
  }

  static func mask(_ value: JSON) -> JSON {
    switch value {
    case .object(let object):
      var out = JSONObject()
      for (k, v) in object {
        if secretMembers.contains(k), case .string(let s) = v {
          out[k] = .string(k == "taskToken" ? middle(s) : "***")
        } else {
          out[k] = mask(v)
        }
      }
      return .object(out)
    case .array(let items): return .array(items.map(mask))
    default: return value
    }
  }
}
