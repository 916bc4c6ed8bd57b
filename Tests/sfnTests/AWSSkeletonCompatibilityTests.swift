import Foundation
import SFNKit
import XCTest

/// `--generate-cli-skeleton` prints what the AWS CLI prints: the input skeleton of every operation (enum members
/// compared as "some value of the enum": the AWS CLI picks one at random) and sample outputs.
final class AWSSkeletonCompatibilityTests: XCTestCase {
  /// Every enum value of the model, to mask the AWS CLI's random pick.
  static let enumValues = Set(ServiceModel.operations.flatMap { op -> [String] in
    var seen = Set<String>(), out: [String] = [], pending = [op.input.rawValue] + (op.output.map { [$0.rawValue] } ?? [])
    while let name = pending.popLast() {
      guard seen.insert(name).inserted, let shape = ServiceModel.shape(named: name) else { continue }
      out += shape.enumValues
      pending += shape.members.map(\.shape) + [shape.member, shape.value].compactMap { $0 }
    }
    return out
  })

  private func masked(_ value: JSON) -> JSON {
    switch value {
    case .string(let s) where Self.enumValues.contains(s): return "<enum>"
    case .array(let items): return .array(items.map(masked))
    case .object(let o): return .object(JSONObject(o.map { ($0.key, masked($0.value)) }))
    default: return value
    }
  }

  private func compare(_ args: [String], aws: AWSCLI, maskEnums: Bool) {
    let env = ProcessInfo.processInfo.environment.merging(["AWS_DEFAULT_REGION": "us-east-1", "TZ": "UTC"]) { $1 }
    let a = aws.run(["stepfunctions"] + args, env: env), s = SFNRunner.sfn(args, env: env)
    XCTAssertEqual(a.status, 0, "aws \(args): \(a.stderr)")
    XCTAssertEqual(s.status, 0, "sfn \(args): \(s.stderr)")
    guard let aj = try? JSONParser.parse(a.stdout), let sj = try? JSONParser.parse(s.stdout) else {
      return XCTFail("not JSON for \(args):\naws: \(a.stdout)\nsfn: \(s.stdout)")
    }
    let (x, y) = maskEnums ? (masked(aj), masked(sj)) : (aj, sj)
    XCTAssertEqual(JSONWriter.compact.string(y), JSONWriter.compact.string(x), "skeleton differs for \(args)")
  }

  func testInputSkeletonsOfEveryOperation() throws {
    let aws = try AWSCLI.locate()
    for operation in ServiceModel.operations {
      compare([kebab(operation.name), "--generate-cli-skeleton"], aws: aws, maskEnums: true)
    }
    compare(["start-execution", "--generate-cli-skeleton", "input"], aws: aws, maskEnums: false)
  }

  /// Sample outputs (the AWS CLI validates the stub against the model, so only operations whose output has no
  /// numeric minimum can be compared).
  func testOutputSkeletons() throws {
    let aws = try AWSCLI.locate()
    let execution = "arn:aws:states:us-east-1:123456789012:execution:m:e"
    for args in [["describe-execution", "--execution-arn", execution], ["stop-execution", "--execution-arn", execution],
                 ["list-executions", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:m"],
                 ["get-execution-history", "--execution-arn", execution], ["list-activities"],
                 ["start-execution", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:m"]] {
      compare(args + ["--generate-cli-skeleton", "output"], aws: aws, maskEnums: false)
      compare(args + ["--generate-cli-skeleton", "output", "--query", "keys(@)"], aws: aws, maskEnums: false)
    }
  }
}
