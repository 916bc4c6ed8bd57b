import Foundation
import SFNKit
import XCTest

/// Shorthand values parse to the same request members in sfn as in the AWS CLI's own parser (awscli.shorthand with
/// its model-driven type conversion), for the structure and list flags of Step Functions.
final class AWSShorthandCompatibilityTests: XCTestCase {
  /// (command, operation, flag, member, words); one word for a structure flag, the words of a list flag.
  static let cases: [(String, String, String, String, [String])] = {
    let version = "arn:aws:states:us-east-1:123456789012:stateMachine:m:1"
    let sm = ("create-state-machine", "CreateStateMachine")
    return [
      (sm.0, sm.1, "tags", "tags", ["key=a,value=b"]),
      (sm.0, sm.1, "tags", "tags", ["key=a,value=b", "key=c,value=d"]),
      (sm.0, sm.1, "tags", "tags", ["key=team, value=core team"]),
      (sm.0, sm.1, "tags", "tags", ["key=k,value="]),
      (sm.0, sm.1, "tags", "tags", ["key='a,b',value=\"c=d\""]),
      (sm.0, sm.1, "tags", "tags", ["key=a\\,b,value=x"]),
      (sm.0, sm.1, "tags", "tags", ["key=url,value=https://example.com/a?b=c"]),
      (sm.0, sm.1, "logging-configuration", "loggingConfiguration", ["level=OFF"]),
      (sm.0, sm.1, "logging-configuration", "loggingConfiguration", ["level=ERROR,includeExecutionData=FALSE"]),
      (sm.0, sm.1, "logging-configuration", "loggingConfiguration",
       ["level=ALL,includeExecutionData=true,destinations=[{cloudWatchLogsLogGroup={logGroupArn=arn:aws:logs:us-east-1:1:log-group:g:*}}]"]),
      (sm.0, sm.1, "logging-configuration", "loggingConfiguration",
       ["destinations={cloudWatchLogsLogGroup={logGroupArn=arn:aws:logs:us-east-1:1:log-group:c:*}},level=FATAL"]),
      (sm.0, sm.1, "logging-configuration", "loggingConfiguration",
       ["destinations=[{cloudWatchLogsLogGroup={logGroupArn=arn:aws:logs:us-east-1:1:log-group:a:*}},{cloudWatchLogsLogGroup={logGroupArn=arn:aws:logs:us-east-1:1:log-group:b:*}}]"]),
      (sm.0, sm.1, "tracing-configuration", "tracingConfiguration", ["enabled=true"]),
      (sm.0, sm.1, "tracing-configuration", "tracingConfiguration", ["enabled=False"]),
      (sm.0, sm.1, "encryption-configuration", "encryptionConfiguration", ["type=AWS_OWNED_KEY"]),
      (sm.0, sm.1, "encryption-configuration", "encryptionConfiguration",
       ["type=CUSTOMER_MANAGED_KMS_KEY,kmsKeyId=arn:aws:kms:us-east-1:1:key/k,kmsDataKeyReusePeriodSeconds=300"]),
      ("create-state-machine-alias", "CreateStateMachineAlias", "routing-configuration", "routingConfiguration",
       ["stateMachineVersionArn=\(version),weight=100"]),
      ("create-state-machine-alias", "CreateStateMachineAlias", "routing-configuration", "routingConfiguration",
       ["stateMachineVersionArn=\(version),weight=50", "stateMachineVersionArn=\(version.dropLast())2,weight=50"]),
      ("update-state-machine-alias", "UpdateStateMachineAlias", "routing-configuration", "routingConfiguration",
       ["weight=0,stateMachineVersionArn=\(version)"]),
      ("tag-resource", "TagResource", "tags", "tags", ["key=a,value=1", "key=b,value=true"]),
      ("create-activity", "CreateActivity", "tags", "tags", ["key=x,value=y"]),
      ("create-activity", "CreateActivity", "encryption-configuration", "encryptionConfiguration",
       ["kmsDataKeyReusePeriodSeconds=60,type=CUSTOMER_MANAGED_KMS_KEY,kmsKeyId=alias/a"]),
      ("update-state-machine", "UpdateStateMachine", "tracing-configuration", "tracingConfiguration", ["enabled=TRUE"]),
    ]
  }()

  static func requiredValue(_ member: String) -> String {
    if member == "definition" { return #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"# }
    if member == "roleArn" { return "arn:aws:iam::123456789012:role/r" }
    if member.hasSuffix("Arn") { return "arn:aws:states:us-east-1:123456789012:stateMachine:m:a" }
    return "name"
  }

  func testShorthandParsesAsTheAWSCLI() throws {
    let aws = try AWSCLI.locate()
    let isList: (String) -> Bool = { ["tags", "routing-configuration"].contains($0) }
    let request: [[String: Any]] = Self.cases.map { c in
      ["command": c.0, "flag": c.2, "value": isList(c.2) ? c.4 as Any : c.4[0] as Any]
    }
    let script = CompatResources.fixtures.appendingPathComponent("shorthand.py").path
    let r = SFNRunner.run(aws.python, [script], env: ProcessInfo.processInfo.environment,
                          stdin: String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self))
    XCTAssertEqual(r.status, 0, r.stderr)
    guard case .array(let expected)? = try? JSONParser.parse(r.stdout), expected.count == Self.cases.count else {
      return XCTFail("the AWS CLI's parser gave no result list: \(r.stdout) \(r.stderr)")
    }
    for (c, awsResult) in zip(Self.cases, expected) {
      guard let awsValue = awsResult["value"] else {
        XCTFail("the AWS CLI rejects \(c.2) \(c.4): \(awsResult)")
        continue
      }
      let operation = try XCTUnwrap(ServiceModel.operation(named: c.1))
      var values: [ParameterValue] = isList(c.2) ? [.words(c.3, c.4)] : [.text(c.3, c.4[0])]
      // Required members, so the request validates.
      for member in ServiceModel.shape(operation.input).required where member != c.3 {
        values.append(.text(member, Self.requiredValue(member)))
      }
      do {
        let input = try RequestBuilder(files: LocalFileSystem()).build(operation, values: values)
        XCTAssertEqual(input[c.3], awsValue, "--\(c.2) \(c.4.joined(separator: " ")) in \(c.0)")
      } catch {
        XCTFail("sfn rejects --\(c.2) \(c.4) that the AWS CLI reads as \(awsValue): \(error)")
      }
    }
  }
}
