#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import SFNKit
import Synchronization

/// The verdict on one case.
public struct CaseResult: Sendable {
  /// The file and case.
  public var file: String
  public var name: String
  /// Where the case is written.
  public var line: Int
  /// What differs from the expectations (empty: passed).
  public var failures: [String]
  /// The run.
  public var run: CaseRun
  /// How long the run and checks took, in seconds of wall time.
  public var seconds: Double

  /// True when every expectation held.
  public var passed: Bool { failures.isEmpty && run.unchecked == nil }
  /// True when the expectations could not be checked (`--remote`): neither passed nor failed.
  public var unchecked: Bool { run.unchecked != nil }
  /// True when an expectation did not hold.
  public var failed: Bool { !failures.isEmpty }
}

/// The results of one file's cases and the coverage of its definition.
public struct SuiteResult: Sendable {
  /// The suite.
  public var suite: TestSuite
  /// One result per case, in file order.
  public var cases: [CaseResult]
  /// What the cases exercised.
  public var coverage: Coverage
}

/// Runs suites' cases in parallel (each case alone on its own engine, so the order of results never depends on
/// scheduling) and checks them; with a remote runner, one case after the other through TestState.
public struct TestSession {
  private let runner = CaseRunner()
  private let remote: RemoteCaseRunner?
  private let checker = ExpectationChecker()

  /// A session running cases in the embedded engine, or through `remote` when given.
  public init(remote: RemoteCaseRunner? = nil) { self.remote = remote }

  /// Runs every case of `suites`; results keep file and case order. Only a remote run throws: when the endpoint
  /// cannot be reached or the credentials fail, which no case can get past.
  public func run(_ suites: [TestSuite]) throws -> [SuiteResult] {
    let jobs = suites.enumerated().flatMap { s in s.element.cases.indices.map { (s.offset, $0) } }
    let results = ResultSlots<CaseResult>(count: jobs.count)
    let record = { (index: Int, run: () throws -> CaseRun) in
      let (s, c) = jobs[index]
      let suite = suites[s]
      let testCase = suite.cases[c]
      let started = DispatchTime.now().uptimeNanoseconds
      let run = try run()
      let failures = run.unchecked == nil ? checker.failures(testCase.expectations, run) : []
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      results.set(index, CaseResult(file: suite.file, name: testCase.name, line: testCase.line, failures: failures,
                                    run: run, seconds: seconds))
    }
    let testCase = { (index: Int) in (suites[jobs[index].0].cases[jobs[index].1], suites[jobs[index].0]) }
    if let remote {
      // One client, one request at a time.
      for index in jobs.indices {
        let (c, suite) = testCase(index)
        try record(index) { try remote.run(c, of: suite) }
      }
    } else {
      DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
        let (c, suite) = testCase(index)
        try? record(index) { runner.run(c, of: suite) }
      }
    }
    let all = results.values
    var offset = 0
    return suites.map { suite in
      let cases = Array(all[offset..<offset + suite.cases.count])
      offset += suite.cases.count
      return SuiteResult(suite: suite, cases: cases,
                         coverage: Coverage(definition: suite.definition, traces: cases.map(\.run.trace)))
    }
  }

  /// The test files named by `paths`: files as given, directories searched for `*.test.yaml`, `*.test.yml` and
  /// `*.test.json`, sorted.
  public static func files(in paths: [String]) throws -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    for path in paths {
      guard fm.fileExists(atPath: path) else {
        throw TestFilesError.noSuchPath(path)
      }
      // `DIR/.` exists only for a directory (through a symbolic link too).
      guard fm.fileExists(atPath: path + "/.") else {
        out.append(path)
        continue
      }
      let found = ((try? fm.subpathsOfDirectory(atPath: path)) ?? []).filter(isTestFile).sorted()
      out += found.map { PathText.appending(path, $0) }
    }
    return out
  }

  /// True for the names a directory search picks up.
  public static func isTestFile(_ name: String) -> Bool {
    [".test.yaml", ".test.yml", ".test.json"].contains { name.hasSuffix($0) }
  }
}

/// Slots filled by concurrent workers, each writing its own index.
final class ResultSlots<T>: @unchecked Sendable {
  private let slots: Mutex<[T?]>

  init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

  func set(_ index: Int, _ value: T) {
    slots.withLock { $0[index] = value }
  }

  var values: [T] {
    slots.withLock { $0.map { $0! } }
  }
}
