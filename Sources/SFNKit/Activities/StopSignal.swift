#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM as a request to stop: the signals are blocked and read by a thread with `sigwait`,
/// so the process stops between tasks instead of dying in the middle of one.
public final class StopSignal: Sendable {
  private let count = Atomic<Int>(0)
  private let busy = Atomic<Bool>(false)

  /// A stop signal nothing has raised yet (call `install` to listen to SIGINT/SIGTERM).
  public init() {}

  /// How many times a stop was requested.
  public var requests: Int { count.load(ordering: .acquiring) }
  /// A stop was requested: finish the current task, take no new one.
  public var requested: Bool { requests > 0 }
  /// A second stop was requested: give up the current task now (report it failed).
  public var urgent: Bool { requests > 1 }

  /// Marks whether a task is in hand; a second signal with no task in hand exits at once.
  public func setBusy(_ value: Bool) { busy.store(value, ordering: .releasing) }

  /// Raises a stop request, as a signal would.
  public func raise() { count.add(1, ordering: .acquiringAndReleasing) }

  /// Blocks SIGINT/SIGTERM (and ignores SIGPIPE) in this and later threads and starts the listener;
  /// call before any other thread starts. `notice` is told about each signal (for a message on stderr).
  public func install(notice: @escaping @Sendable (Int) -> Void) {
    signal(SIGPIPE, SIG_IGN)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &set, nil)
    let box = Unmanaged.passRetained(ListenerContext(stop: self, set: set, notice: notice))
    var thread = pthread_t()
    pthread_create(&thread, nil, { raw in
      let context = Unmanaged<ListenerContext>.fromOpaque(raw!).takeRetainedValue()
      var set = context.set
      while true {
        var received: Int32 = 0
        guard sigwait(&set, &received) == 0 else { continue }
        context.stop.raise()
        context.notice(context.stop.requests)
        if context.stop.urgent && !context.stop.busy.load(ordering: .acquiring) { exit(128 + received) }
      }
    }, box.toOpaque())
    pthread_detach(thread)
  }
}

private final class ListenerContext: @unchecked Sendable {
  let stop: StopSignal
  let set: sigset_t
  let notice: @Sendable (Int) -> Void
  init(stop: StopSignal, set: sigset_t, notice: @escaping @Sendable (Int) -> Void) {
    self.stop = stop
    self.set = set
    self.notice = notice
  }
}
