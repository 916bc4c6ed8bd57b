#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process produced.
public struct ProcessOutput: Sendable, Equatable {
  /// The exit status (128 + signal when killed by a signal).
  public var status: Int32
  /// Everything written to stdout.
  public var stdout: [UInt8]
  /// Everything written to stderr.
  public var stderr: [UInt8]

  /// An outcome with the given parts.
  public init(status: Int32, stdout: [UInt8], stderr: [UInt8]) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Runs a program directly (no shell) via `posix_spawnp`, collecting stdout and stderr.
public enum ProcessRunner {
  /// Runs `arguments[0]` (looked up in PATH) with `arguments` and `environment`, stdin from /dev/null.
  public static func run(_ arguments: [String], environment: [String: String]) throws -> ProcessOutput {
    guard let program = arguments.first else { throw FileSystemError(path: "", code: ENOENT) }
    var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
    guard pipe(&outPipe) == 0 else { throw FileSystemError(path: program, code: errno) }
    guard pipe(&errPipe) == 0 else {
      close(outPipe[0]); close(outPipe[1])
      throw FileSystemError(path: program, code: errno)
    }
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    #else
    var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, envp)
    close(outPipe[1])
    close(errPipe[1])
    guard spawned == 0 else {
      close(outPipe[0]); close(errPipe[0])
      throw FileSystemError(path: program, code: spawned)
    }
    let (stdout, stderr) = drain(outPipe[0], errPipe[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS are macros Swift cannot import; decode the wait status by hand.
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ProcessOutput(status: exit, stdout: stdout, stderr: stderr)
  }

  /// Reads both pipes to end of file with poll(), so a child filling one pipe cannot deadlock us.
  private static func drain(_ out: Int32, _ err: Int32) -> ([UInt8], [UInt8]) {
    var buffers: [Int32: [UInt8]] = [out: [], err: []]
    var open: [Int32] = [out, err]
    var chunk = [UInt8](repeating: 0, count: 16384)
    while !open.isEmpty {
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      if poll(&fds, nfds_t(fds.count), -1) < 0 {
        if errno == EINTR { continue }
        break
      }
      for entry in fds where entry.revents != 0 {
        let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
        if count > 0 {
          buffers[entry.fd]!.append(contentsOf: chunk[0..<count])
        } else if count == 0 || errno != EINTR {
          close(entry.fd)
          open.removeAll { $0 == entry.fd }
        }
      }
    }
    return (buffers[out]!, buffers[err]!)
  }
}

/// Splits a command line the way POSIX `shlex.split` does: whitespace separates words; single quotes keep text
/// literally; double quotes keep text but allow `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes escapes
/// the next character.
public enum ShellWords {
  /// The words of `command`, or nil when a quote is not closed.
  public static func split(_ command: String) -> [String]? {
    var words: [String] = []
    var current = ""
    var inWord = false
    var iterator = Array(command).makeIterator()
    while let c = iterator.next() {
      switch c {
      case " ", "\t", "\n", "\r":
        if inWord { words.append(current); current = ""; inWord = false }
      case "'":
        inWord = true
        while true {
          guard let q = iterator.next() else { return nil }
          if q == "'" { break }
          current.append(q)
        }
      case "\"":
        inWord = true
        while true {
          guard let q = iterator.next() else { return nil }
          if q == "\"" { break }
          if q == "\\" {
            guard let escaped = iterator.next() else { return nil }
            if !["\"", "\\", "$", "`"].contains(escaped) { current.append("\\") }
            current.append(escaped)
          } else {
            current.append(q)
          }
        }
      case "\\":
        inWord = true
        guard let escaped = iterator.next() else { return nil }
        current.append(escaped)
      default:
        inWord = true
        current.append(c)
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
