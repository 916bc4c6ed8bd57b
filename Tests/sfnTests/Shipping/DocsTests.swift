import Foundation
import XCTest

/// The committed man pages render, and scripts/check-docs catches completions and man pages that were not
/// regenerated after the command set changed.
final class DocsTests: XCTestCase {
  private func checkDocs(_ extra: [String] = []) throws -> RunResult {
    try Shipping.run(["scripts/check-docs", "--sfn", Shipping.sfnBinary] + extra, timeout: 600)
  }

  func testCommittedCompletionsAndManPagesAreUpToDate() throws {
    let result = try checkDocs()
    XCTAssertEqual(result.status, 0, "run scripts/generate-docs and commit:\n" + result.stderr)
  }

  /// A committed copy made before `--max-attempts` existed (its lines removed) is what a forgotten
  /// regeneration after adding that flag looks like: the check must fail and show the difference.
  func testFailsWhenAFlagIsMissingFromTheCommittedFiles() throws {
    let committed = try Shipping.temporaryDirectory()
    let copy = try Shipping.bash("""
      cp -r completions man '\(committed)/'
      grep -rl -- 'max-attempts' '\(committed)' | xargs sed -i '/max-attempts/d'
      """)
    XCTAssertEqual(copy.status, 0, copy.stderr)
    let result = try checkDocs(["--committed", committed])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stderr.contains("completions/ is stale"), result.stderr)
    XCTAssertTrue(result.stderr.contains("man/ is stale"), result.stderr)
    XCTAssertTrue(result.stderr.contains("+") && result.stderr.contains("max-attempts"), result.stderr)
  }

  func testFailsWhenAManPageIsMissing() throws {
    let committed = try Shipping.temporaryDirectory()
    XCTAssertEqual(try Shipping.bash("cp -r completions man '\(committed)/'; rm '\(committed)/man/sfn.stop-execution.1'")
      .status, 0)
    let result = try checkDocs(["--committed", committed])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("sfn.stop-execution.1"), result.stderr)
  }

  func testFailsWhenAVariableTheSourcesReadIsUndocumented() throws {
    let sources = try Shipping.temporaryDirectory()
    try #"let x = environment["AWS_SHIPPING_TEST_VARIABLE"]"#.write(toFile: sources + "/New.swift", atomically: true,
                                                                    encoding: .utf8)
    let result = try checkDocs(["--sources", sources])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("AWS_SHIPPING_TEST_VARIABLE"), result.stderr)
  }

  func testMainPageRendersWithTheHandWrittenSections() throws {
    let result = try Shipping.run(["man", "--warnings", "-l", "man/sfn.1"], environment: Shipping.environment(
      ["MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat"]))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stderr, "")
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
      XCTAssertTrue(result.stdout.contains("\n" + heading + "\n"), "no \(heading) section")
    }
    for text in ["AWS_ENDPOINT_URL_SFN", "AWS_WEB_IDENTITY_TOKEN_FILE", "NO_COLOR", "~/.aws/sso/cache",
                 "~/.aws/cli/cache", "124", "TIMED_OUT", "sfn.start-execution(1)"] {
      XCTAssertTrue(result.stdout.contains(text), "sfn(1) does not mention \(text)")
    }
    XCTAssertFalse(result.stdout.contains("__complete"))
  }

  func testEveryCommandPageRendersAndIsReferenced() throws {
    let pages = try FileManager.default.contentsOfDirectory(atPath: Shipping.root + "/man").filter { $0.hasSuffix(".1") }
    XCTAssertGreaterThan(pages.count, 37)
    XCTAssertTrue(pages.contains("sfn-local-server.1"), "no page for the server `sfn local` runs")
    for page in pages where page != "sfn.1" {
      let name = String(page.dropLast(2))
      if let dot = name.lastIndex(of: ".") {
        // Each command page is in the SEE ALSO of its parent command's page (sfn.task.success in sfn.task.1).
        let parent = String(name[..<dot])
        let parentPage = try String(contentsOfFile: Shipping.root + "/man/\(parent).1", encoding: .utf8)
        XCTAssertTrue(parentPage.contains(".Xr \(name) 1"), "\(parent).1 does not refer to \(name)")
      } else {
        // A program of its own (sfn-local-server): its page refers to the command that runs it.
        let text = try String(contentsOfFile: Shipping.root + "/man/" + page, encoding: .utf8)
        XCTAssertTrue(text.contains(".Xr sfn.local 1"), "\(page) does not refer to sfn.local(1)")
      }
      let result = try Shipping.run(["man", "-l", "man/" + page], environment: Shipping.environment(
        ["MANWIDTH": "120", "MANPAGER": "cat", "PAGER": "cat"]))
      XCTAssertEqual(result.status, 0, "\(page): \(result.stderr)")
      XCTAssertTrue(result.stdout.contains(name + " – ") || result.stdout.contains(name + " — "),
                    "\(page) has no NAME line")
    }
  }
}
