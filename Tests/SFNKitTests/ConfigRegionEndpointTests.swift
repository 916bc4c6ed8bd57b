import XCTest
@testable import SFNKit

/// Region precedence and the `states` endpoint rules (spec sections b and d).
final class ConfigRegionEndpointTests: XCTestCase {
  func profile(_ text: String, _ name: String = "dev") throws -> (ProfileFiles, ProfileSection?) {
    let files = try ProfileFiles(config: text, credentials: nil, configPath: "/c")
    return (files, files.profile(named: name))
  }

  func testRegionPrecedence() throws {
    let (_, dev) = try profile("[profile dev]\nregion = eu-north-1\n")
    let env = Environment(["AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "us-west-1"])
    func resolve(_ cli: String?, _ env: Environment, _ profile: ProfileSection?, imds: String? = nil)
      -> ResolvedSetting<String>? {
      RegionResolver(commandLine: cli, environment: env, profile: profile, profileName: "dev",
                     instanceRegion: { imds }).resolve()
    }
    XCTAssertEqual(resolve("ap-south-1", env, dev), ResolvedSetting("ap-south-1", from: .commandLine("--region")))
    XCTAssertEqual(resolve(nil, env, dev), ResolvedSetting("us-east-2", from: .environment("AWS_REGION")))
    XCTAssertEqual(resolve(nil, Environment(["AWS_DEFAULT_REGION": "us-west-1"]), dev)?.source,
                   .environment("AWS_DEFAULT_REGION"))
    let fromProfile = resolve(nil, Environment([:]), dev)
    XCTAssertEqual(fromProfile?.value, "eu-north-1")
    XCTAssertEqual(fromProfile?.source.description, "config-file /c:2")
    XCTAssertEqual(resolve(nil, Environment([:]), nil, imds: "eu-central-1")?.source, .instanceMetadata)
    XCTAssertNil(resolve(nil, Environment([:]), nil))
    XCTAssertThrowsError(try RegionResolver(commandLine: nil, environment: Environment([:]), profile: nil,
                                            profileName: "dev").require()) {
      XCTAssertEqual("\($0)", "no region: pass --region, set AWS_REGION, or add 'region =' to profile \"dev\" in "
                     + "~/.aws/config")
      XCTAssertEqual(($0 as? ConfigError)?.exitCode, 7)
    }
  }

  func testRuleEndpointsForEveryPartitionAndFlag() {
    func hosts(_ region: String) -> [String] {
      [(false, false), (false, true), (true, false), (true, true)].map { fips, dual in
        EndpointResolver.ruleEndpoint(hostPrefix: "states", region: region, fips: fips, dualStack: dual)
      }
    }
    // Columns: plain | dual-stack | FIPS | FIPS+dual-stack, as botocore resolves them.
    XCTAssertEqual(hosts("us-east-1"), ["https://states.us-east-1.amazonaws.com", "https://states.us-east-1.api.aws",
                                        "https://states-fips.us-east-1.amazonaws.com",
                                        "https://states-fips.us-east-1.api.aws"])
    XCTAssertEqual(hosts("cn-north-1"), ["https://states.cn-north-1.amazonaws.com.cn",
                                         "https://states.cn-north-1.api.amazonwebservices.com.cn",
                                         "https://states-fips.cn-north-1.amazonaws.com.cn",
                                         "https://states-fips.cn-north-1.api.amazonwebservices.com.cn"])
    XCTAssertEqual(hosts("us-gov-west-1"), ["https://states.us-gov-west-1.amazonaws.com",
                                            "https://states-fips.us-gov-west-1.api.aws",
                                            "https://states.us-gov-west-1.amazonaws.com",
                                            "https://states-fips.us-gov-west-1.api.aws"])
    XCTAssertEqual(hosts("us-gov-east-1"), ["https://states.us-gov-east-1.amazonaws.com",
                                            "https://states-fips.us-gov-east-1.api.aws",
                                            "https://states-fips.us-gov-east-1.amazonaws.com",
                                            "https://states-fips.us-gov-east-1.api.aws"])
    let partitions = ["us-iso-east-1": "aws-iso", "us-isob-east-1": "aws-iso-b", "eu-isoe-west-1": "aws-iso-e",
                      "us-isof-south-1": "aws-iso-f", "eusc-de-east-1": "aws-eusc", "il-central-1": "aws",
                      "mars-east-1": "aws"]
    for (region, name) in partitions { XCTAssertEqual(Partition.forRegion(region).name, name, region) }
    XCTAssertEqual(hosts("us-isob-east-1")[0], "https://states.us-isob-east-1.sc2s.sgov.gov")
    XCTAssertEqual(hosts("eusc-de-east-1")[1], "https://states.eusc-de-east-1.api.amazonwebservices.eu")
  }

  func testConfiguredEndpointPrecedence() throws {
    let text = """
      [profile dev]
      endpoint_url = http://profile:1
      services = local
      [services local]
      sfn =
        endpoint_url = http://services:2
      """
    let (files, dev) = try profile(text)
    func resolve(_ cli: String?, _ env: [String: String]) throws -> ResolvedSetting<URL> {
      try EndpointResolver(commandLine: cli, environment: Environment(env), profile: dev, files: files)
        .resolve(region: "us-east-1")
    }
    let all = ["AWS_ENDPOINT_URL_SFN": "http://sfn:3", "AWS_ENDPOINT_URL": "http://global:4"]
    XCTAssertEqual(try resolve("http://cli:5", all).source, .commandLine("--endpoint-url"))
    XCTAssertEqual(try resolve(nil, all).value.absoluteString, "http://sfn:3")
    XCTAssertEqual(try resolve(nil, ["AWS_ENDPOINT_URL": "http://global:4"]).source, .environment("AWS_ENDPOINT_URL"))
    let services = try resolve(nil, [:])
    XCTAssertEqual(services.value.absoluteString, "http://services:2")
    XCTAssertEqual(services.source.description, "config-file /c:5")
    var ignoring = all
    ignoring["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
    XCTAssertEqual(try resolve(nil, ignoring).value.absoluteString, "https://states.us-east-1.amazonaws.com")
    XCTAssertEqual(try resolve("http://cli:5", ignoring).value.absoluteString, "http://cli:5")

    let (plainFiles, plain) = try profile("[profile dev]\nendpoint_url = http://profile:1\n")
    let fromProfile = try EndpointResolver(commandLine: nil, environment: Environment([:]), profile: plain,
                                           files: plainFiles).resolve(region: nil)
    XCTAssertEqual(fromProfile.value.absoluteString, "http://profile:1")
  }

  func testEndpointErrors() throws {
    let (files, dev) = try profile("[profile dev]\nservices = missing\n")
    let resolver = EndpointResolver(commandLine: nil, environment: Environment([:]), profile: dev, files: files)
    XCTAssertThrowsError(try resolver.resolve(region: "us-east-1")) {
      XCTAssertEqual(($0 as? ConfigError)?.location, SourceLocation(path: "/c", line: 2))
    }
    let fips = EndpointResolver(commandLine: "http://localhost:8083",
                                environment: Environment(["AWS_USE_FIPS_ENDPOINT": "true"]), profile: nil, files: files)
    XCTAssertThrowsError(try fips.resolve(region: "us-east-1"))
    let noRegion = EndpointResolver(commandLine: nil, environment: Environment([:]), profile: nil, files: files)
    XCTAssertThrowsError(try noRegion.resolve(region: nil))
    let badURL = EndpointResolver(commandLine: "localhost:8083", environment: Environment([:]), profile: nil,
                                  files: files)
    XCTAssertThrowsError(try badURL.resolve(region: "us-east-1"))
    let badFlag = EndpointResolver(commandLine: nil, environment: Environment(["AWS_USE_DUALSTACK_ENDPOINT": "yes"]),
                                   profile: nil, files: files)
    XCTAssertThrowsError(try badFlag.resolve(region: "us-east-1"))
  }

  func testProfileFlagsSelectFIPSAndDualStack() throws {
    let (files, dev) = try profile("[profile dev]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\n")
    let url = try EndpointResolver(commandLine: nil, environment: Environment([:]), profile: dev, files: files)
      .resolve(region: "eu-west-1")
    XCTAssertEqual(url, ResolvedSetting(URL(string: "https://states-fips.eu-west-1.api.aws")!, from: .endpointRules))
  }

  func testSTSEndpointFollowsRegionAndOverrides() throws {
    let china = STSClient.regional(region: "cn-north-1", transport: CredentialFakeTransport())
    XCTAssertEqual(china.endpoint.absoluteString,
                   "https://sts.cn-north-1.amazonaws.com.cn/")
    let (context, _) = try CredentialFixtures.context(env: ["AWS_ENDPOINT_URL_STS": "http://localhost:4566"])
    XCTAssertEqual(try context.stsClient().endpoint.absoluteString, "http://localhost:4566")
  }
}

/// The one-stop setup the CLI builds per invocation.
final class ConfigClientSetupTests: XCTestCase {
  func testSetupResolvesProfileRegionEndpointAndCredentials() throws {
    let fs = InMemoryFileSystem([
      "/home/u/.aws/config": "[profile dev]\nregion = eu-west-3\nservices = local\nmax_attempts = 5\n"
        + "[services local]\nsfn =\n  endpoint_url = http://localhost:8083\n",
      "/home/u/.aws/credentials": "[dev]\naws_access_key_id = AKIAEXAMPLE1234\naws_secret_access_key = S\n",
    ])
    let setup = try ClientSetup(environment: Environment(["HOME": "/home/u", "AWS_PROFILE": "dev"]), profile: nil,
                                region: nil, endpointURL: nil, transport: CredentialFakeTransport(), fileSystem: fs)
    XCTAssertEqual(setup.profile.source, .awsProfile)
    XCTAssertEqual(setup.region?.value, "eu-west-3")
    XCTAssertEqual(setup.region?.source.description, "config-file /home/u/.aws/config:2")
    XCTAssertEqual(try setup.endpoint().value.absoluteString, "http://localhost:8083")
    XCTAssertTrue(try setup.endpointIsCustom())
    XCTAssertEqual(setup.setting("AWS_MAX_ATTEMPTS", "max_attempts")?.value, "5")
    let resolved = try setup.credentialChain.resolve()
    XCTAssertEqual(resolved.maskedAccessKey, "***********1234")
    XCTAssertEqual(resolved.source, "shared-credentials-file")
  }

  func testSetupWithoutRegionAsksIMDSThenFails() throws {
    let transport = CredentialFakeTransport()
    let setup = try ClientSetup(environment: Environment(["HOME": "/home/u"]), profile: nil, region: nil,
                                endpointURL: nil, transport: transport, fileSystem: InMemoryFileSystem())
    XCTAssertNil(setup.region)
    XCTAssertEqual(transport.requests.first?.url.absoluteString, "http://169.254.169.254/latest/api/token")
    XCTAssertThrowsError(try setup.requireRegion())
    XCTAssertThrowsError(try setup.endpoint()) {
      XCTAssertEqual("\($0)", "no region: pass --region, set AWS_REGION, or add 'region =' to profile \"default\" in "
                     + "~/.aws/config")
    }
  }
}
