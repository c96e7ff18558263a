import Foundation
import TestSupport
import Testing

/// What `make install` and `make demo` would run (`make -n`: nothing is built or installed by the test).
@Suite("Installing")
struct InstallTests {
    private func dryRun(_ arguments: [String]) throws -> String {
        let result = try runProcess("/usr/bin/make", ["-n", "-C", packageRoot] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("make install builds only the tool in release, with the Swift runtime linked in, and installs it under PREFIX/bin (default /usr/local)")
    func install() throws {
        let prefix = try TemporaryDirectory().file("prefix")
        let plan = try dryRun(["install", "PREFIX=\(prefix)"])
        #expect(plan.contains("swift build -c release --static-swift-stdlib --product tracksheet\n"))
        #expect(plan.contains("install -m 755 .build/release/tracksheet \"\(prefix)/bin/tracksheet\""))
        #expect(try dryRun(["install"]).contains("install -m 755 .build/release/tracksheet \"/usr/local/bin/tracksheet\""))
    }

    @Test("make demo builds only what the demo runs, not the fuzz targets")
    func demo() throws {
        let plan = try dryRun(["demo"])
        #expect(plan.contains("swift build -c release --static-swift-stdlib --product tracksheet\n"))
        #expect(!plan.contains("swift build -c release --static-swift-stdlib\n"))
        #expect(!plan.contains("Fuzz"))
    }
}
