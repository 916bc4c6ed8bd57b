#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a task's command did.
public struct TaskCommandResult: Sendable {
  /// The exit status, or nil when a signal killed it.
  public var status: Int32?
  /// The signal that killed it.
  public var signal: Int32?
  /// Its stdout (at most `outputLimit` + 1 bytes are kept, enough to tell it was too long).
  public var stdout: [UInt8]
  /// The last bytes of its stderr.
  public var stderrTail: [UInt8]
}

/// Runs a task's command: input on stdin, stdout collected, stderr passed through (its tail kept),
/// a tick every `tickInterval` seconds while it runs (for heartbeats), and a kill when `shouldStop` says so.
public struct TaskCommand {
  public var arguments: [String]
  public var environment: [String: String]
  public var outputLimit = JSONInputReader.defaultLimit
  public var tailLimit = 2048

  /// A command run directly (no shell) with `environment`.
  public init(arguments: [String], environment: [String: String]) {
    self.arguments = arguments
    self.environment = environment
  }

  /// Runs the command once with `input` on stdin.
  public func run(input: [UInt8], tickInterval: Double, tick: () -> Void, shouldStop: () -> Bool) throws -> TaskCommandResult {
    guard let program = arguments.first else { throw SFNError(.usage, "no command to run") }
    var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
    guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
      throw SFNError(.usage, "cannot create pipes: \(String(cString: strerror(errno)))")
    }
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #else
    var actions: posix_spawn_file_actions_t?
    var attributes: posix_spawnattr_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    // The worker blocks SIGINT/SIGTERM to read them on a thread; the command gets normal signal handling.
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    // Its own process group: a Ctrl-C on the terminal reaches the worker only (which lets the task finish),
    // and giving up a task stops the command's whole process tree.
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
    close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
    guard spawned == 0 else {
      close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
      throw SFNError(.usage, "cannot run \(program): \(String(cString: strerror(spawned)).lowercased())")
    }
    _ = fcntl(inPipe[1], F_SETFL, fcntl(inPipe[1], F_GETFL) | O_NONBLOCK)
    var stdout: [UInt8] = []
    var tail: [UInt8] = []
    var written = 0
    var stdinFD: Int32? = inPipe[1]
    if input.isEmpty { close(inPipe[1]); stdinFD = nil }
    // A command that exits without reading its stdin makes our write raise SIGPIPE, which would kill a process
    // that has not ignored it (a library user, a test runner). Block it on this thread while writing: the write
    // then fails with EPIPE, and the pending signal is taken back below.
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var savedMask = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &savedMask)
    defer {
      var none = timespec()
      while sigtimedwait(&pipeSignal, nil, &none) == SIGPIPE {}
      pthread_sigmask(SIG_SETMASK, &savedMask, nil)
    }
    var open: Set<Int32> = [outPipe[0], errPipe[0]]
    var killedAt: Double?
    var nextTick = monotonic() + tickInterval
    var chunk = [UInt8](repeating: 0, count: 16384)
    while !open.isEmpty {
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      if let stdinFD { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
      let wait = max(0, min(nextTick - monotonic(), 0.25))
      if poll(&fds, nfds_t(fds.count), Int32(wait * 1000)) < 0, errno != EINTR { break }
      for entry in fds where entry.revents != 0 {
        if entry.fd == stdinFD {
          let n = input.withUnsafeBytes { write(entry.fd, $0.baseAddress! + written, input.count - written) }
          if n > 0 { written += n }
          if n < 0 && errno != EAGAIN && errno != EINTR || written == input.count {
            close(entry.fd)
            stdinFD = nil
          }
          continue
        }
        let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
        if count > 0 {
          let bytes = chunk[0..<count]
          if entry.fd == outPipe[0] {
            if stdout.count <= outputLimit { stdout.append(contentsOf: bytes.prefix(outputLimit + 1 - stdout.count)) }
          } else {
            _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, count) }
            tail.append(contentsOf: bytes)
            if tail.count > tailLimit { tail.removeFirst(tail.count - tailLimit) }
          }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          close(entry.fd)
          open.remove(entry.fd)
        }
      }
      if monotonic() >= nextTick {
        tick()
        nextTick = monotonic() + tickInterval
      }
      if let killedAt {
        if monotonic() - killedAt > 5 { kill(-pid, SIGKILL) }
      } else if shouldStop() {
        kill(-pid, SIGTERM)
        killedAt = monotonic()
      }
    }
    if let stdinFD { close(stdinFD) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS are macros Swift cannot import; decode the wait status by hand.
    let signal = status & 0x7f
    return TaskCommandResult(status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                             stdout: stdout, stderrTail: tail)
  }

  private func monotonic() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
