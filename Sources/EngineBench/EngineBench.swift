import Foundation
import SFNKit
import StateMachineEngine

/// One execution of a definition in process, on a virtual clock (Waits take no time), with no task handlers.
struct BenchRun {
  /// The parsed definition, shared by every execution (as a server holds it).
  let definition: StateMachineDefinition
  /// The execution input.
  let input: JSON
  /// Whether the executions keep their history (AWS always does).
  let recordHistory: Bool

  /// A new execution named `name`, not started, on `clock`.
  func execution(named name: String, clock: VirtualClock) -> Execution {
    let info = ExecutionInfo(name: name, stateMachineName: "bench", input: input, startTime: clock.now)
    // Seeded and constant so runs are reproducible; nothing here draws retries or tokens.
    return Execution(definition: definition, info: info,
                     data: DataLayerProcessor(seed: 1, now: { clock.now.timeIntervalSince1970 }),
                     tasks: CompositeTaskHandler([]), clock: clock, recordHistory: recordHistory,
                     random: { 0.5 }, newToken: { "token" })
  }
}

/// Resident memory of this process, read from /proc (Linux).
enum ProcessMemory {
  /// The resident set size now, in bytes.
  static var residentBytes: Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
  }

  /// The peak resident set size so far, in bytes.
  static var peakBytes: Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
  }
}

/// The three measurements, each printing one JSON object on stdout for bench/bench.py.
struct EngineBenchmarks {
  let run: BenchRun
  /// Reads the wall clock for timings (injected so the measurements can be checked with a fake).
  let wallClock: () -> TimeInterval

  /// Runs executions back to back for about `seconds`: executions per second and events per execution.
  func throughput(seconds: Double) -> JSON {
    let begin = wallClock()
    var count = 0
    var events = 0
    var status = ""
    repeat {
      let clock = VirtualClock()
      let execution = run.execution(named: "e\(count)", clock: clock)
      ExecutionDriver(clock: clock).run(execution)
      events = execution.state.nextEventId - 1
      status = execution.state.status.rawValue
      count += 1
    } while wallClock() - begin < seconds
    let elapsed = wallClock() - begin
    return ["mode": "throughput", "executions": .integer(count), "seconds": .float(elapsed),
            "perSecond": .float(Double(count) / elapsed), "events": .integer(events), "status": .string(status)]
  }

  /// One execution: its wall time, events, status and the process's peak RSS.
  func once() -> JSON {
    let clock = VirtualClock()
    let execution = run.execution(named: "once", clock: clock)
    let begin = wallClock()
    ExecutionDriver(clock: clock).run(execution)
    let elapsed = wallClock() - begin
    return ["mode": "once", "ms": .float(elapsed * 1000), "events": .integer(execution.state.nextEventId - 1),
            "status": .string(execution.state.status.rawValue), "peakBytes": .integer(ProcessMemory.peakBytes)]
  }

  /// Drives one execution as ExecutionDriver does, sampling RSS whenever `every` more events were recorded; the
  /// history's size (its events as compact JSON) is reported so growth can be set against it.
  func samples(every: Int) -> JSON {
    let clock = VirtualClock()
    let execution = run.execution(named: "samples", clock: clock)
    var samples: [JSON] = []
    var nextSample = 0
    func sample() {
      let events = execution.state.nextEventId - 1
      guard events >= nextSample else { return }
      samples.append(["events": .integer(events), "rssBytes": .integer(ProcessMemory.residentBytes)])
      nextSample = events + every
    }
    sample()
    execution.start()
    execution.run()
    // The driver's loop, opened up so memory is read between timers (each Wait state is one).
    while execution.state.status == .running, let due = execution.nextTimerDue {
      sample()
      clock.sleep(until: due)
      execution.fireDueTimers()
    }
    nextSample = 0
    sample()
    let historyBytes = execution.events.reduce(0) { $0 + JSONWriter.compact.string($1.json).utf8.count }
    return ["mode": "samples", "status": .string(execution.state.status.rawValue),
            "events": .integer(execution.state.nextEventId - 1), "historyBytes": .integer(historyBytes),
            "samples": .array(samples)]
  }
}
