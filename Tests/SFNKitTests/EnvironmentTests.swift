import Foundation
import XCTest

@testable import SFNKit

/// The process environment read from `environ` matches Foundation's.
final class EnvironmentTests: XCTestCase {
  func testProcessEnvironmentMatchesProcessInfo() {
    let env = Environment.process()
    XCTAssertEqual(env.variables, ProcessInfo.processInfo.environment)
    XCTAssertNotNil(env["PATH"])
  }
}
