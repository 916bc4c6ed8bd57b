import JSONata
import SFNKit

/// Compares a case's expectations with its run; each failed expectation is one or more readable lines.
public struct ExpectationChecker: Sendable {
  /// A checker.
  public init() {}

  /// The lines describing what differs (empty when every expectation holds).
  public func failures(_ expected: Expectations, _ run: CaseRun) -> [String] {
    var out: [String] = []
    if let status = expected.status, status != run.status {
      var line = "status: expected \(status), got \(run.status)"
      if let error = run.error { line += " (\(error)\(run.cause.map { ": " + $0 } ?? ""))" }
      out.append(line)
    }
    if !expected.output.isEmpty {
      if let output = run.output {
        out += check(expected.output, output, "output")
      } else {
        out.append("output: expected an output, but the execution ended \(run.status)")
      }
    }
    if let error = expected.error, error != run.error {
      out.append("error: expected \(quote(error)), got \(run.error.map(quote) ?? "none")")
    }
    if let cause = expected.cause, cause != run.cause {
      out.append("cause: expected \(quote(cause)), got \(run.cause.map(quote) ?? "none")")
    }
    if let states = expected.states, states != run.trace.visited {
      out.append("states: expected \(states.joined(separator: " > ")), got "
                   + run.trace.visited.joined(separator: " > "))
    }
    if let include = expected.statesInclude, let missing = Self.missingFromSubsequence(include, run.trace.visited) {
      out.append("statesInclude: '\(missing)' was not entered where expected (subsequence "
                   + "\(include.joined(separator: " > ")))")
    }
    for after in expected.after {
      guard let exit = run.trace.lastExit(of: after.state) else {
        out.append("after \(after.state): the state never exited")
        continue
      }
      out += check(after.output, exit.output, "after.\(after.state).output")
      if let variables = after.variables {
        out += JSONDifference.lines(expected: variables, actual: .object(exit.variables),
                                    path: "after.\(after.state).variables", subset: true)
      }
    }
    for (state, count) in expected.retries where run.trace.retries[state, default: 0] != count {
      out.append("retries.\(state): expected \(count), got \(run.trace.retries[state, default: 0])")
    }
    return out
  }

  /// The first expected name that does not follow the previous ones in `visited`, nil when all do.
  static func missingFromSubsequence(_ expected: [String], _ visited: [String]) -> String? {
    var next = visited.startIndex
    for name in expected {
      guard let found = visited[next...].firstIndex(of: name) else { return name }
      next = found + 1
    }
    return nil
  }

  private func check(_ expected: ValueExpectation, _ actual: JSON, _ path: String) -> [String] {
    var out: [String] = []
    if let equals = expected.equals { out += JSONDifference.lines(expected: equals, actual: actual, path: path) }
    if let subset = expected.subset {
      out += JSONDifference.lines(expected: subset, actual: actual, path: path, subset: true)
    }
    for (expression, value) in expected.queries {
      do {
        let result = try JMESPathExpression(expression).evaluate(actual)
        if result != value {
          out.append("\(path) | \(expression): expected \(JSONDifference.text(value)), got "
                       + JSONDifference.text(result))
        }
      } catch {
        out.append("\(path) | \(expression): \(error)")
      }
    }
    if let assertion = expected.assertion {
      // A fixed clock and random source: an assertion gives the same verdict on every run.
      let environment = EvaluationEnvironment(startMillis: 0, random: { 0.5 }, clock: { 0 })
      do {
        let result = try JSONataExpression(assertion).evaluate(input: Value(actual), environment: environment)
        if result?.json != .bool(true) {
          let gave = result.map { JSONDifference.text($0.json) } ?? "undefined"
          out.append("\(path): assertion \(assertion) gave \(gave), "
                       + "not true (value \(JSONDifference.text(actual)))")
        }
      } catch {
        out.append("\(path): assertion \(assertion) failed: \(error)")
      }
    }
    return out
  }

  private func quote(_ s: String) -> String { JSONDifference.text(.string(s)) }
}
