import XCTest
#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
@testable import SFNKit

final class CompletionCacheTests: XCTestCase {
  private let items = [CompletionItem(name: "hello", arn: "arn:aws:states:us-east-1:1:stateMachine:hello")]

  private func directory() throws -> String {
    let path = NSTemporaryDirectory() + "sfn-completion-cache-" + UUID().uuidString
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path + "/nested/sfn"
  }

  func testFreshForAMinuteThenExpired() throws {
    let dir = try directory()
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    CompletionCache(directory: CacheDirectory(path: dir), scope: "s", clock: .fixed(start)).store(.machines, items)
    XCTAssertEqual(CompletionCache(directory: CacheDirectory(path: dir), scope: "s", clock: .fixed(start + 59)).load(.machines), items)
    XCTAssertNil(CompletionCache(directory: CacheDirectory(path: dir), scope: "s", clock: .fixed(start + 60)).load(.machines))
    XCTAssertNil(CompletionCache(directory: CacheDirectory(path: dir), scope: "s", clock: .fixed(start - 5)).load(.machines))
  }

  func testEntriesAreKeptApartByScopeAndResource() throws {
    let dir = try directory()
    let clock = Clock.fixed(Date(timeIntervalSince1970: 1_800_000_000))
    let cache = CompletionCache(directory: CacheDirectory(path: dir), scope: "http://a us-east-1 default", clock: clock)
    cache.store(.executions(machineArn: "arn:m1"), items)
    XCTAssertEqual(cache.load(.executions(machineArn: "arn:m1")), items)
    XCTAssertNil(cache.load(.executions(machineArn: "arn:m2")))
    XCTAssertNil(cache.load(.machines))
    XCTAssertNil(CompletionCache(directory: CacheDirectory(path: dir), scope: "http://a us-east-1 dev", clock: clock).load(.executions(machineArn: "arn:m1")))
    XCTAssertTrue(cache.path(for: .machines).hasPrefix(dir + "/completion-"))
  }

  func testUnreadableOrUnwritableCacheIsIgnored() throws {
    let dir = try directory()
    let cache = CompletionCache(directory: CacheDirectory(path: dir), scope: "s")
    cache.store(.activities, items)
    try "{not json".write(toFile: cache.path(for: .activities), atomically: true, encoding: .utf8)
    XCTAssertNil(cache.load(.activities))
    let blocked = CompletionCache(directory: CacheDirectory(path: cache.path(for: .activities) + "/below-a-file"), scope: "s")
    blocked.store(.activities, items)
    XCTAssertNil(blocked.load(.activities))
  }

  func testDefaultDirectoryFollowsXDGThenHome() {
    XCTAssertEqual(CacheDirectory.standard(environment: Environment(["XDG_CACHE_HOME": "/x", "HOME": "/h"]))?.path, "/x/sfn")
    XCTAssertEqual(CacheDirectory.standard(environment: Environment(["XDG_CACHE_HOME": "rel", "HOME": "/h"]))?.path, "/h/.cache/sfn")
    XCTAssertNil(CacheDirectory.standard(environment: Environment([:])))
  }

  func testCatalogFetchesOnceAndIsSilentOnErrors() throws {
    let dir = try directory()
    var calls = 0
    let catalog = CompletionCatalog(cache: CompletionCache(directory: CacheDirectory(path: dir), scope: "s")) { _ in
      calls += 1
      return self.items
    }
    XCTAssertEqual(catalog.items(.machines), items)
    XCTAssertEqual(catalog.items(.machines), items)
    XCTAssertEqual(calls, 1)
    XCTAssertEqual(catalog.machineArn("hello"), items[0].arn)
    XCTAssertEqual(catalog.machineArn("arn:x"), "arn:x")
    let failing = CompletionCatalog(cache: nil) { _ in throw TransportError.timeout(message: "down") }
    XCTAssertEqual(failing.items(.activities), [])
    XCTAssertNil(failing.machineArn("hello"))
  }
}
