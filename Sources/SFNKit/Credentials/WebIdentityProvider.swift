#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Credentials from STS `AssumeRoleWithWebIdentity` with a token file (EKS IRSA, GitHub OIDC, ...).
public struct WebIdentityProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext
  /// Explicit settings (from a profile chain); nil means env vars (unless `--profile`) over the selected profile.
  public var settings: WebIdentitySettings?

  /// A provider for the environment / selected profile, or for `settings`.
  public init(context: CredentialContext, settings: WebIdentitySettings? = nil) {
    self.context = context
    self.settings = settings
  }

  /// `assume-role-with-web-identity`.
  public var name: String { "assume-role-with-web-identity" }

  /// What was looked at.
  public var triedDescription: String {
    (context.environmentCredentialsAllowed ? "AWS_WEB_IDENTITY_TOKEN_FILE, " : "")
      + "web_identity_token_file of profile \"\(context.selection.name)\""
  }

  /// Nil when no token file is configured.
  public func credentials() throws -> Credentials? {
    guard let settings = try settings ?? WebIdentitySettings(
      profile: context.profile, environment: context.environmentCredentialsAllowed ? context.environment : nil)
    else { return nil }
    var keyFields: [String: PythonJSONKey.Value] = ["RoleArn": .string(settings.roleArn)]
    if let session = settings.sessionName { keyFields["RoleSessionName"] = .string(session) }
    let cacheKey = CredentialCache.key(keyFields)
    if let cached = context.cache.load(cacheKey) { return cached }

    let path = ProfileFileLocations.expandTilde(settings.tokenFile, home: context.locations.home)
    guard let bytes = try? context.fileSystem.contents(atPath: path) else {
      throw CredentialError(.credentials, provider: name, "web identity token file \(path) cannot be read")
    }
    let token = String(decoding: bytes, as: UTF8.self).trimmingSpacesAndNewlines()
    let sessionName = settings.sessionName ?? "botocore-session-\(Int(context.clock.now().timeIntervalSince1970))"
    let credentials = try context.stsClient().assumeRoleWithWebIdentity(roleArn: settings.roleArn,
                                                                        sessionName: sessionName, token: token)
    context.cache.store(credentials, key: cacheKey, providerType: "assume-role-with-web-identity")
    return credentials
  }
}

extension String {
  /// Without leading and trailing spaces, tabs, CR and LF (token files often end in a newline).
  func trimmingSpacesAndNewlines() -> String {
    let scalars = unicodeScalars
    let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
          let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(scalars[first...last])
  }
}
