import XCTest
@testable import StateMachineEngine
