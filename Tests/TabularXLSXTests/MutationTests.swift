import Foundation
import TabularCore
import TabularXLSX
import TestSupport
import Testing

/// Mutated copies of valid packages (bytes of one XML part flipped, inserted, deleted or cut; or random bytes of
/// the ZIP file overwritten) must each either
/// read or fail with an `XLSXReadError`: never a trap, a hang or a foreign error type.
@Suite struct MutationTests {
    static let script = """
        import random, sys, zipfile
        source, folder, count, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
        with zipfile.ZipFile(source) as archive:
            parts = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
        original = open(source, "rb").read()
        rng = random.Random(20260101)
        def mutate(data, most):
            data = bytearray(data)
            for _ in range(rng.randint(1, most)):
                if len(data) < 2: break
                op, at = rng.randint(0, 3), rng.randrange(len(data))
                if op == 0: data[at] = rng.choice(b"<>&;\\"'/=x_#0 \\xff\\xc3")
                elif op == 1: data.insert(at, rng.choice(b"<>&/\\""))
                elif op == 2: del data[at:at + rng.randint(1, 20)]
                else: data = data[:at]
            return bytes(data)
        for n in range(count):
            path = "%s/m%03d.xlsx" % (folder, n)
            if mode == "zip":
                data = bytearray(original)
                for _ in range(rng.randint(1, 4)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
                open(path, "wb").write(bytes(data))
                continue
            victim = rng.choice([name for name, _ in parts if name.endswith(".xml") or name.endswith(".rels")])
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in parts:
                    archive.writestr(name, mutate(data, 6) if name == victim else data)
        """

    @Test(arguments: ["quirks_strict.xlsx", "xlsxwriter_types.xlsx", "libreoffice_roundtrip.xlsx"], ["xml", "zip"])
    func mutatedPackagesFailCleanly(source: String, mode: String) throws {
        let folder = try TemporaryDirectory()
        _ = try runPython(MutationTests.script, [fixture(source), folder.path, "60", mode])
        var failures = 0
        for name in try folder.contents() {
            do {
                try readFirstSheet(folder.file(name))
            } catch is XLSXReadError {
                failures += 1
            } catch {
                Issue.record("\(name): foreign error \(error)")
            }
        }
        #expect(failures > 0)
    }
}
