import XCTest
@testable import SFNKit

final class CompletionCatalogTests: XCTestCase {
  private let machine = "arn:aws:states:eu-west-1:111122223333:stateMachine:orders"

  /// A catalog over fixed lists that records what it was asked for.
  private func catalog(asked: @escaping (CompletionResource) -> Void = { _ in }) -> CompletionCatalog {
    CompletionCatalog(cache: nil) { resource in
      asked(resource)
      switch resource {
      case .machines: return [CompletionItem(name: "orders", arn: self.machine)]
      case .activities: return []
      case .executions(let arn):
        XCTAssertEqual(arn, self.machine)
        return [CompletionItem(name: "run-1", arn: "arn:aws:states:eu-west-1:111122223333:execution:orders:run-1")]
      }
    }
  }

  func testExecutionARNsStartWithOnePrefixPerMachineThenListThatMachine() {
    XCTAssertEqual(catalog().executionCandidates(prefix: "", arns: true),
                   ["arn:aws:states:eu-west-1:111122223333:execution:orders:"])
    XCTAssertEqual(catalog().executionCandidates(prefix: "arn:aws:states:eu-west-1:111122223333:execution:orders:r",
                                                 arns: true),
                   ["arn:aws:states:eu-west-1:111122223333:execution:orders:run-1"])
  }

  func testVerbExecutionsUseMachineSlashName() {
    XCTAssertEqual(catalog().executionCandidates(prefix: "or", arns: false), ["orders/"])
    XCTAssertEqual(catalog().executionCandidates(prefix: "orders/", arns: false), ["orders/run-1"])
    XCTAssertEqual(catalog().executionCandidates(prefix: "missing/", arns: false), [])
    // An ARN typed to a verb completes as an ARN.
    XCTAssertEqual(catalog().executionCandidates(prefix: "arn:aws:states:eu-west-1:111122223333:execution:orders:",
                                                 arns: false).count, 1)
  }

  func testARNShapes() {
    XCTAssertEqual(CompletionCatalog.machineArn(ofExecutionPrefix: "arn:aws:states:r:1:express:m:x"), "arn:aws:states:r:1:stateMachine:m")
    XCTAssertNil(CompletionCatalog.machineArn(ofExecutionPrefix: "arn:aws:states:r:1:execution:m"))
    XCTAssertNil(CompletionCatalog.machineArn(ofExecutionPrefix: "arn:aws:states:r:1:activity:a:"))
    XCTAssertNil(CompletionCatalog.executionPrefix(ofMachineArn: "arn:aws:states:r:1:stateMachine:m:1"))
  }

  func testMachineNamesAreResolvedFromTheList() {
    var asked: [CompletionResource] = []
    let catalog = catalog { asked.append($0) }
    XCTAssertEqual(catalog.machineArn("orders"), machine)
    XCTAssertEqual(catalog.machineArn(machine), machine)
    XCTAssertNil(catalog.machineArn("other"))
    XCTAssertEqual(asked, [.machines, .machines])
  }
}
