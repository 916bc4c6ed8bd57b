#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// IAM Identity Center role credentials, from the token `aws sso login` cached in `~/.aws/sso/cache`.
public struct SSOProvider: CredentialProvider {
  /// The shared context.
  public var context: CredentialContext
  /// Explicit settings (from a profile chain); nil means the selected profile's.
  public var settings: SSOSettings?

  /// A provider for the selected profile, or for `settings`.
  public init(context: CredentialContext, settings: SSOSettings? = nil) {
    self.context = context
    self.settings = settings
  }

  /// `sso`.
  public var name: String { "sso" }

  /// E.g. `SSO settings of profile "dev"`.
  public var triedDescription: String { "SSO settings of profile \"\(context.selection.name)\"" }

  /// Nil unless the profile names an SSO account and role (a bare `sso_session` only serves tokens, as in botocore);
  /// errors when settings are incomplete or the login is missing or expired.
  public func credentials() throws -> Credentials? {
    guard let settings = try settings ?? context.profile.flatMap({ try SSOSettings(profile: $0, files: context.files) }),
          settings.accountId != nil || settings.roleName != nil
    else { return nil }
    let missing = settings.missingForRoleCredentials
    guard missing.isEmpty, let startURL = settings.startURL, let region = settings.region,
          let accountId = settings.accountId, let roleName = settings.roleName else {
      throw ConfigError(.invalidProfile, "profile \"\(settings.profile)\" uses SSO but is missing "
                        + missing.joined(separator: ", "), location: settings.location, profile: settings.profile)
    }
    var keyFields: [String: PythonJSONKey.Value] = ["startUrl": .string(startURL), "roleName": .string(roleName),
                                                    "accountId": .string(accountId)]
    if let session = settings.sessionName { keyFields["sessionName"] = .string(session) }
    let cacheKey = CredentialCache.key(keyFields, compact: true)
    if let cached = context.cache.load(cacheKey) { return cached }

    let token = try SSOTokenStore(context: context, settings: settings).accessToken()
    let credentials = try fetchRoleCredentials(token: token, region: region, accountId: accountId, roleName: roleName,
                                               profile: settings.profile)
    context.cache.store(credentials, key: cacheKey, providerType: "sso")
    return credentials
  }

  /// `GET /federation/credentials` on the SSO portal with the bearer token.
  private func fetchRoleCredentials(token: String, region: String, accountId: String, roleName: String,
                                    profile: String) throws -> Credentials {
    let base = try context.serviceEndpoint(.sso, region: region)
    let host = base.host ?? "?"
    let query = "account_id=\(FormEncoding.escape(accountId))&role_name=\(FormEncoding.escape(roleName))"
    guard let url = URL(string: base.absoluteString.withoutTrailingSlashes + "/federation/credentials?\(query)") else {
      throw ConfigError(.invalidProfile, "sso_region \"\(region)\" is not a valid region", profile: profile)
    }
    let request = HTTPRequest(method: "GET", url: url, headers: [("x-amz-sso_bearer_token", token),
                                                                 ("Accept", "application/json")])
    let response: HTTPResponse
    do {
      response = try context.transport.send(request, timeout: 30)
    } catch let error as TransportError where error != .cancelled {
      throw CredentialError.unreachable(name, "the SSO portal \(host)", error)
    }
    guard response.status == 200 else {
      let type = response.header("x-amzn-ErrorType").map { " \($0)" } ?? ""
      let hint = response.status == 401 || response.status == 403
        ? "; run `aws sso login --profile \(profile)`" : ""
      throw CredentialError(response.status >= 500 ? .unreachable : .credentials, provider: name,
                            "sso: GetRoleCredentials for role \(roleName) in account \(accountId) failed with HTTP "
                            + "\(response.status)\(type)\(hint)")
    }
    guard let json = try? JSONParser.parse(bytes: response.body), let role = json["roleCredentials"],
          let id = role["accessKeyId"]?.stringValue, let secret = role["secretAccessKey"]?.stringValue else {
      throw CredentialError(.credentials, provider: name, "sso: GetRoleCredentials reply had no roleCredentials")
    }
    let expiration = role["expiration"]?.doubleValue.map { Date(timeIntervalSince1970: $0 / 1000) }
    return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: role["sessionToken"]?.stringValue,
                       expiration: expiration, accountId: accountId)
  }
}

/// The cached SSO access token (`~/.aws/sso/cache/<sha1>.json`), refreshed through SSO-OIDC when it can be.
struct SSOTokenStore {
  let context: CredentialContext
  let settings: SSOSettings

  /// Refresh when less than this many seconds remain (botocore: 15 minutes).
  static let refreshWindow: Double = 900

  var path: String {
    let key = settings.sessionName ?? settings.startURL ?? ""
    return context.locations.awsPath("sso", "cache", SHA1Hex.of(key) + ".json")
  }

  private var loginHint: String {
    "run `aws sso login --profile \(settings.profile)`"
  }

  /// A usable access token, refreshing it first when it is close to expiry and the session form allows it.
  func accessToken() throws -> String {
    guard let bytes = try? context.fileSystem.contents(atPath: path), let json = try? JSONParser.parse(bytes: bytes),
          let token = json["accessToken"]?.stringValue,
          let expiresAt = json["expiresAt"]?.stringValue.flatMap(ISO8601.parse) else {
      throw CredentialError(.credentials, provider: "sso",
                            "sso: no cached login for profile \"\(settings.profile)\" (\(context.show(path))); "
                            + loginHint)
    }
    let remaining = expiresAt.timeIntervalSince(context.clock.now())
    if remaining > Self.refreshWindow { return token }
    if settings.sessionName != nil, let refreshed = try? refresh(json) { return refreshed }
    if remaining > 0 { return token }
    throw CredentialError(.credentials, provider: "sso", "sso: the login for profile \"\(settings.profile)\" has "
                          + "expired; \(loginHint)")
  }

  /// SSO-OIDC `CreateToken` with the refresh token; rewrites the cache file and returns the new access token.
  private func refresh(_ cached: JSON) throws -> String? {
    guard let clientId = cached["clientId"]?.stringValue, let clientSecret = cached["clientSecret"]?.stringValue,
          let refreshToken = cached["refreshToken"]?.stringValue, let region = settings.region,
          let registrationEnd = cached["registrationExpiresAt"]?.stringValue.flatMap(ISO8601.parse),
          registrationEnd > context.clock.now(),
          let base = try? context.serviceEndpoint(.ssoOIDC, region: region),
          let url = URL(string: base.absoluteString.withoutTrailingSlashes + "/token") else {
      return nil
    }
    let body = JSON.object(JSONObject([("grantType", "refresh_token"), ("clientId", .string(clientId)),
                                       ("clientSecret", .string(clientSecret)),
                                       ("refreshToken", .string(refreshToken))]))
    let request = HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/json")],
                              body: Array(JSONWriter.compact.string(body).utf8))
    let response = try context.transport.send(request, timeout: 30)
    guard response.status == 200, let reply = try? JSONParser.parse(bytes: response.body),
          let token = reply["accessToken"]?.stringValue, let expiresIn = reply["expiresIn"]?.doubleValue else {
      return nil
    }
    var updated = cached.objectValue ?? JSONObject()
    updated["accessToken"] = .string(token)
    updated["expiresAt"] = .string(ISO8601.format(context.clock.now().addingTimeInterval(expiresIn)))
    if let newRefresh = reply["refreshToken"]?.stringValue { updated["refreshToken"] = .string(newRefresh) }
    try? context.fileSystem.write(Array(JSONWriter.compact.string(.object(updated)).utf8), toPath: path, mode: 0o600)
    return token
  }
}
