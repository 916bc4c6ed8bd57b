#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SFNKit

/// The results of a run written for people (one line per case, diffs and paths for failures, a coverage table),
/// as JSON, and as JUnit XML.
public struct TestReport: Sendable {
  /// The suites' results.
  public var suites: [SuiteResult]

  /// A report of `suites`.
  public init(suites: [SuiteResult]) { self.suites = suites }

  /// Every case result.
  public var cases: [CaseResult] { suites.flatMap(\.cases) }
  /// True when no case failed (cases that could not be checked remotely are not failures).
  public var passed: Bool { !cases.contains(where: \.failed) }

  /// Covered and total items over all suites.
  public var coverageCount: (covered: Int, total: Int) {
    suites.reduce((0, 0)) { ($0.0 + $1.coverage.count().covered, $0.1 + $1.coverage.count().total) }
  }

  /// Overall coverage in percent.
  public var coveragePercent: Double {
    let (covered, total) = coverageCount
    return total == 0 ? 100 : Double(covered) * 100 / Double(total)
  }

  // MARK: - Text

  /// `PASS file: case` / `FAIL file: case` lines, each failure followed by its differences and path.
  public func text() -> String {
    var out = ""
    for c in cases {
      if let reason = c.run.unchecked {
        out += "UNCHECKED  \(c.file): \(c.name)\n      \(reason)\n"
        continue
      }
      out += "\(c.passed ? "PASS" : "FAIL")  \(c.file): \(c.name)\n"
      guard !c.passed else { continue }
      for line in c.failures { out += "      \(line)\n" }
      let path = c.run.trace.visited.isEmpty ? "(no state entered)" : c.run.trace.visited.joined(separator: " > ")
      out += "      path: \(path)"
      out += " => \(c.run.status)\(c.run.error.map { " \($0)" } ?? "")\n"
    }
    let failed = cases.filter(\.failed).count
    let unchecked = cases.filter(\.unchecked).count
    out += "\(cases.count - failed - unchecked) passed, \(failed) failed, "
      + (unchecked > 0 ? "\(unchecked) unchecked, " : "") + "\(cases.count) cases in \(suites.count) "
      + (suites.count == 1 ? "file\n" : "files\n")
    return out
  }

  /// The coverage table: per file and kind, covered/total, then every item never exercised.
  public func coverageTable() -> String {
    var rows: [[String]] = [["FILE", "STATES", "CHOICE RULES", "CATCH", "RETRY", "TOTAL"]]
    for s in suites {
      let c = s.coverage
      rows.append([s.suite.file] + Coverage.Kind.allCases.map { Self.cell(c.count($0)) }
                    + [CFormat.string("%.0f%%", c.percent)])
    }
    let widths = rows[0].indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
    var out = rows.map { row in
      row.enumerated().map { $0.element + String(repeating: " ", count: max(widths[$0.offset] - $0.element.count, 0)) }
        .joined(separator: "  ").trimmingSpacesAndTabs()
    }.joined(separator: "\n") + "\n"
    for s in suites {
      for item in s.coverage.missed {
        out += "not run: \(s.suite.file): \(item.kind.rawValue) \(item.state): \(item.label)\n"
      }
    }
    out += CFormat.string("coverage %.1f%%\n", coveragePercent)
    return out
  }

  private static func cell(_ count: (covered: Int, total: Int)) -> String {
    count.total == 0 ? "-" : "\(count.covered)/\(count.total)"
  }

  // MARK: - JSON

  /// `{passed, failed, cases: [...], coverage: {...}}`.
  public func json(includeCoverage: Bool) -> JSON {
    var o = JSONObject()
    o["passed"] = .integer(cases.filter(\.passed).count)
    o["failed"] = .integer(cases.filter(\.failed).count)
    o["unchecked"] = .integer(cases.filter(\.unchecked).count)
    o["cases"] = .array(cases.map { c in
      var r = JSONObject([("file", .string(c.file)), ("name", .string(c.name)), ("line", .integer(c.line)),
                          ("passed", .bool(c.passed)), ("status", .string(c.run.status))])
      if let error = c.run.error { r["error"] = .string(error) }
      if let cause = c.run.cause { r["cause"] = .string(cause) }
      r["failures"] = .array(c.failures.map(JSON.string))
      if let reason = c.run.unchecked { r["unchecked"] = .string(reason) }
      r["states"] = .array(c.run.trace.visited.map(JSON.string))
      return .object(r)
    })
    if includeCoverage {
      o["coverage"] = .object(JSONObject([
        ("percent", .float((coveragePercent * 10).rounded() / 10)),
        ("files", .array(suites.map { s in
          .object(JSONObject([
            ("file", .string(s.suite.file)),
            ("percent", .float((s.coverage.percent * 10).rounded() / 10)),
            ("items", .array(s.coverage.items.map { i in
              .object(JSONObject([("kind", .string(i.item.kind.rawValue)), ("state", .string(i.item.state)),
                                  ("label", .string(i.item.label)), ("covered", .bool(i.covered))]))
            })),
          ]))
        })),
      ]))
    }
    return .object(o)
  }

  // MARK: - JUnit

  /// JUnit XML (the schema Jenkins, GitLab and GitHub Actions reporters read): one testsuite per file, one
  /// testcase per case, a failure element holding the differences and the path.
  public func junit(timestamp: Date) -> String {
    // The JUnit schema's timestamp has no zone designator.
    let stamp = String(Date.ISO8601FormatStyle().format(timestamp).dropLast())
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
    for (index, s) in suites.enumerated() {
      let failed = s.cases.filter(\.failed).count
      let skipped = s.cases.filter(\.unchecked).count
      let time = s.cases.reduce(0) { $0 + $1.seconds }
      out += "  <testsuite name=\"\(Self.escape(s.suite.file))\" tests=\"\(s.cases.count)\" failures=\"\(failed)\""
        + " errors=\"0\"\(skipped > 0 ? " skipped=\"\(skipped)\"" : "") time=\"\(Self.seconds(time))\" timestamp=\"\(stamp)\" hostname=\"localhost\" id=\"\(index)\""
        + " package=\"\(Self.escape(s.suite.stateMachineName))\">\n"
      out += "    <properties/>\n"
      for c in s.cases {
        out += "    <testcase name=\"\(Self.escape(c.name))\" classname=\"\(Self.escape(s.suite.stateMachineName))\""
          + " time=\"\(Self.seconds(c.seconds))\""
        if c.passed {
          out += "/>\n"
          continue
        }
        if let reason = c.run.unchecked {
          out += ">\n      <skipped message=\"\(Self.escape(reason))\"/>\n    </testcase>\n"
          continue
        }
        let path = c.run.trace.visited.joined(separator: " > ")
        let body = (c.failures + ["path: \(path) => \(c.run.status)"]).joined(separator: "\n")
        out += ">\n      <failure message=\"\(Self.escape(c.failures[0]))\" type=\"ExpectationFailed\">"
          + "\(Self.escape(body))</failure>\n    </testcase>\n"
      }
      out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  private static func seconds(_ value: Double) -> String { CFormat.string("%.3f", value) }

  /// Text safe inside XML attributes and elements (characters XML 1.0 forbids are dropped).
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n": out += "&#10;"
      case "\t", "\r": out += "&#\(scalar.value);"
      default:
        if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
