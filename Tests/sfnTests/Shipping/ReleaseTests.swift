import Foundation
import XCTest

/// `make release`, `install`, `uninstall`, `dist` and `deb`: stripped binaries (sfn and the server `sfn local`
/// runs) that need no Swift runtime, sfn naming its version and commit, installed side by side with their man pages
/// and completions, and `sfn local` finding the installed server.
final class ReleaseTests: XCTestCase {
  private static let releaseBinary = Shipping.root + "/.build/sfn-release/sfn"
  private static let releaseServer = Shipping.root + "/.build/sfn-release/sfn-local-server"

  private func make(_ arguments: [String]) throws -> RunResult {
    let result = try Shipping.run(["make", "--no-print-directory"] + arguments, timeout: 1800)
    XCTAssertEqual(result.status, 0, "make \(arguments.joined(separator: " ")):\n\(result.stderr.suffix(3000))")
    return result
  }

  private var version: String {
    let source = (try? String(contentsOfFile: Shipping.root + "/Sources/SFNKit/SFNKit.swift", encoding: .utf8)) ?? ""
    let line = source.split(separator: "\n").first { $0.contains("static let version") } ?? ""
    return String(line.split(separator: "\"")[1])
  }

  private var debArch: String {
    (try? Shipping.run(["dpkg", "--print-architecture"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? ""
  }

  func testReleaseBinaryNeedsNoSwiftRuntimeAndNamesItsCommit() throws {
    _ = try make(["release"])
    let swift = try Shipping.run(["sh", "-c", "readlink -f \"$(command -v swift)\""]).stdout
    let toolchain = URL(fileURLWithPath: swift.trimmingCharacters(in: .whitespacesAndNewlines))
      .deletingLastPathComponent().deletingLastPathComponent().path  // .../usr
    // Both read YAML with the system's libyaml; the server needs SQLite too (GRDB uses the system's libsqlite3);
    // the .deb's Depends names them.
    for (binary, libraries) in [(Self.releaseBinary, ["libcurl.so.4", "libcrypto.so.3", "libyaml-0.so.2", "libc.so.6"]),
                                (Self.releaseServer, ["libsqlite3.so.0", "libyaml-0.so.2", "libc.so.6"])] {
      let ldd = try Shipping.run(["ldd", binary])
      XCTAssertEqual(ldd.status, 0, ldd.stderr)
      XCTAssertFalse(ldd.stdout.contains("libswift"), ldd.stdout)
      XCTAssertFalse(ldd.stdout.contains("libFoundation"), ldd.stdout)
      XCTAssertFalse(ldd.stdout.contains("libstdc++"), "libstdc++ is linked statically (start-up cost):\n\(ldd.stdout)")
      XCTAssertFalse(ldd.stdout.contains("not found"), ldd.stdout)
      XCTAssertFalse(toolchain.isEmpty || ldd.stdout.contains(toolchain), "ldd names the toolchain \(toolchain):\n\(ldd.stdout)")
      for library in libraries {
        XCTAssertTrue(ldd.stdout.contains(library), "no \(library) in\n\(ldd.stdout)")
      }
      let dynamic = try Shipping.run(["readelf", "-d", binary]).stdout
      XCTAssertFalse(dynamic.contains("RUNPATH") || dynamic.contains("RPATH"), dynamic)
      let sections = try Shipping.run(["readelf", "-S", binary]).stdout
      XCTAssertFalse(sections.contains(".symtab") || sections.contains(".debug_"), "\(binary) is not stripped")
    }
    let serverHelp = try Shipping.run(["env", "-i", Self.releaseServer, "--help"])
    XCTAssertEqual(serverHelp.status, 0, serverHelp.stderr)
    XCTAssertTrue(serverHelp.stdout.contains("--mock-config"), serverHelp.stdout)

    let head = try Shipping.run(["git", "rev-parse", "--short=12", "HEAD"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let versionLine = try Shipping.run(["env", "-i", Self.releaseBinary, "--version"])
    XCTAssertEqual(versionLine.status, 0, versionLine.stderr)
    XCTAssertTrue(versionLine.stdout.hasPrefix("\(version) (commit \(head)"), versionLine.stdout)
    let help = try Shipping.run(["env", "-i", Self.releaseBinary, "--help"])
    XCTAssertEqual(help.status, 0, help.stderr)
    XCTAssertTrue(help.stdout.contains("start-execution"), help.stdout)
    // A real command with a scrubbed environment fails as documented (no region: configuration error, 7).
    let noRegion = try Shipping.run(["env", "-i", "HOME=/nonexistent", Self.releaseBinary, "list-activities"])
    XCTAssertEqual(noRegion.status, 7, noRegion.stderr)
    XCTAssertTrue(noRegion.stderr.hasPrefix("sfn: "), noRegion.stderr)
    // Building the release left the work tree as it was.
    XCTAssertEqual(try Shipping.run(["git", "status", "--porcelain", "--", "Sources/SFNKit/BuildInfo.swift"]).stdout, "")
  }

  func testInstallAndUninstall() throws {
    let prefix = try Shipping.temporaryDirectory() + "/x"
    _ = try make(["install", "PREFIX=\(prefix)"])
    let files = ["bin/sfn", "bin/sfn-local-server", "share/man/man1/sfn.1", "share/man/man1/sfn.start-execution.1",
                 "share/man/man1/sfn.local.1", "share/man/man1/sfn-local-server.1",
                 "share/bash-completion/completions/sfn", "share/zsh/site-functions/_sfn",
                 "share/fish/vendor_completions.d/sfn.fish"]
    for file in files {
      XCTAssertTrue(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), file)
    }
    try assertLocalRunsTheServerBeside("\(prefix)/bin")
    let help = try Shipping.run(["\(prefix)/bin/sfn", "--help"])
    XCTAssertEqual(help.status, 0, help.stderr)
    XCTAssertTrue(help.stdout.contains("OVERVIEW: A fast command-line client for AWS Step Functions."))
    let man = try Shipping.run(["man", "-M", "\(prefix)/share/man", "sfn"], environment: Shipping.environment(
      ["MANPAGER": "cat", "MANWIDTH": "100"]))
    XCTAssertEqual(man.status, 0, man.stderr)
    XCTAssertTrue(man.stdout.contains("EXIT STATUS"))

    _ = try make(["uninstall", "PREFIX=\(prefix)"])
    let left = try Shipping.run(["find", prefix, "-type", "f"]).stdout
    XCTAssertEqual(left, "", "uninstall left files behind")
  }

  func testDistTarballInstallsUnderAPrefixAndHasAChecksum() throws {
    _ = try make(["dist"])
    let arch = try Shipping.run(["uname", "-m"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let name = "sfn-\(version)-linux-\(arch)"
    let tarball = "dist/\(name).tar.gz"
    let check = try Shipping.run(["sha256sum", "-c", "\(name).tar.gz.sha256"], directory: Shipping.root + "/dist")
    XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    let listing = try Shipping.run(["tar", "-tzvf", tarball]).stdout
    for file in ["bin/sfn", "bin/sfn-local-server", "share/man/man1/sfn.1", "share/man/man1/sfn-local-server.1",
                 "share/bash-completion/completions/sfn",
                 "share/zsh/site-functions/_sfn", "share/fish/vendor_completions.d/sfn.fish",
                 "share/doc/sfn/LICENSE", "share/doc/sfn/INSTALL.md"] {
      XCTAssertTrue(listing.contains("\(name)/\(file)"), "\(file) not in the tarball:\n\(listing)")
    }
    for entry in listing.split(separator: "\n") {
      XCTAssertTrue(entry.contains(" root/root ") || entry.contains(" 0/0 "), "owner not fixed: \(entry)")
    }
    let root = try Shipping.temporaryDirectory()
    XCTAssertEqual(try Shipping.run(["tar", "-xzf", tarball, "-C", root, "--strip-components=1"]).status, 0)
    let version = try Shipping.run(["env", "-i", "\(root)/bin/sfn", "--version"])
    XCTAssertTrue(version.stdout.hasPrefix(self.version + " (commit "), version.stdout)
    try assertLocalRunsTheServerBeside("\(root)/bin")
    // Packing the same commit again gives the same bytes.
    let first = try String(contentsOfFile: Shipping.root + "/\(tarball).sha256", encoding: .utf8)
    _ = try make(["dist"])
    XCTAssertEqual(try String(contentsOfFile: Shipping.root + "/\(tarball).sha256", encoding: .utf8), first)
  }

  func testDebInstallsIntoAScratchRootWithManPageAndCompletions() throws {
    _ = try make(["deb"])
    let deb = "dist/sfn_\(version)_\(debArch).deb"
    let info = try Shipping.run(["dpkg-deb", "--info", deb])
    XCTAssertEqual(info.status, 0, info.stderr)
    for field in ["Package: sfn", "Version: \(version)", "Architecture: \(debArch)", "Maintainer: ", "Section: utils",
                  "Priority: optional", "Installed-Size: ", "Description: "] {
      XCTAssertTrue(info.stdout.contains(field), "\(field) missing:\n\(info.stdout)")
    }
    let depends = info.stdout.split(separator: "\n").first { $0.contains("Depends:") }.map(String.init) ?? ""
    XCTAssertTrue(depends.contains("libcurl4"), depends)
    XCTAssertTrue(depends.contains("libssl3"), depends)
    // Packed relative relocations need glibc 2.36's loader (scripts/build-release).
    XCTAssertTrue(depends.contains("libc6 (>= 2.36)"), depends)
    XCTAssertTrue(depends.contains("libsqlite3-0"), "the server links the system SQLite: \(depends)")
    XCTAssertTrue(depends.contains("libyaml-0-2"), "YAML is read with the system libyaml: \(depends)")
    XCTAssertFalse(depends.contains("swift"), depends)

    let root = try Shipping.temporaryDirectory()
    XCTAssertEqual(try Shipping.run(["dpkg", "-x", deb, root]).status, 0)
    let help = try Shipping.run(["env", "-i", "\(root)/usr/bin/sfn", "--help"])
    XCTAssertEqual(help.status, 0, help.stderr)
    XCTAssertTrue(help.stdout.contains("OVERVIEW"))
    let man = try Shipping.run(["man", "-l", "\(root)/usr/share/man/man1/sfn.1.gz"], environment: Shipping.environment(
      ["MANPAGER": "cat", "MANWIDTH": "100"]))
    XCTAssertEqual(man.status, 0, man.stderr)
    XCTAssertTrue(man.stdout.contains("ENVIRONMENT") && man.stdout.contains("AWS_PROFILE"))
    try assertLocalRunsTheServerBeside("\(root)/usr/bin")
    for file in ["usr/share/man/man1/sfn-local-server.1.gz", "usr/share/man/man1/sfn.local.1.gz",
                 "usr/share/bash-completion/completions/sfn", "usr/share/zsh/vendor-completions/_sfn",
                 "usr/share/fish/vendor_completions.d/sfn.fish", "usr/share/doc/sfn/copyright",
                 "usr/share/doc/sfn/changelog.gz"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: "\(root)/\(file)"), file)
    }
    // The packaged bash completion loads and completes from the packaged binary.
    let bash = try Shipping.run(["bash", "-c", """
      source '\(root)/usr/share/bash-completion/completions/sfn'
      COMP_LINE='sfn list-act'; COMP_WORDS=(sfn list-act); COMP_CWORD=1; COMP_POINT=${#COMP_LINE}
      _sfn sfn list-act sfn; printf '%s\\n' "${COMPREPLY[@]}"
      """], environment: ["PATH": "\(root)/usr/bin:/usr/bin:/bin"])
    XCTAssertEqual(bash.stdout, "list-activities\n", bash.stderr)

    let lintian = try Shipping.run(["lintian", "--tag-display-limit", "0", deb], timeout: 600)
    let problems = lintian.stdout.split(separator: "\n").filter { $0.hasPrefix("E:") || $0.hasPrefix("W:") }
    XCTAssertEqual(problems, [], lintian.stdout + lintian.stderr)
  }

  /// `BIN/sfn local` runs `BIN/sfn-local-server` (not one found on PATH, which holds none here), and that server
  /// answers the installed sfn: the README's first commands work from an installation.
  private func assertLocalRunsTheServerBeside(_ bin: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let server = try LocalServerProcess(["--in-memory"], env: ["PATH": "/usr/bin:/bin"], viaSFN: true, sfn: bin + "/sfn",
                                        file: file, line: line)
    let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server.child.pid)/exe")
    XCTAssertEqual(executable, bin + "/sfn-local-server", file: file, line: line)
    let scratch = URL(fileURLWithPath: try Shipping.temporaryDirectory())
    var env = server.environment(scratch: scratch)
    env["PATH"] = bin + ":/usr/bin:/bin"
    let run = try Shipping.bash("""
      sfn deploy hello --definition examples/hello-world/definition.asl.json --role-arn arn:aws:iam::123456789012:role/demo
      sfn start hello --input @examples/hello-world/input.json --wait --query output.greeting --output text
      """, environment: env)
    XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
    XCTAssertTrue(run.stdout.hasSuffix("Hello, Ada!\n"), run.stdout, file: file, line: line)
  }
}
