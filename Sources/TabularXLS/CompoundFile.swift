import TabularCore

/// An OLE compound file ([MS-CFB]) opened for reading streams: the header, the FAT (found through the DIFAT), the
/// mini FAT and the directory, each checked as it is read.
///
/// Chains are walked with a visited set the size of the file's sector count, so a loop, a sector past the end of
/// the file or a chain too short for its stream's declared size is a `corruptContainer` error, found in time
/// and memory proportional to the file. Memory: the FAT (4 bytes per sector of the file) and the directory.
struct CompoundFile {
    /// One directory entry: a stream or a storage.
    struct Entry {
        /// The entry's name (`Workbook`, `Book`, `EncryptedPackage`, ...).
        var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var left: UInt32
        var right: UInt32
        var child: UInt32
        var startSector: UInt32
        var size: Int
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF
    private static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    private static let noStream: UInt32 = 0xFFFF_FFFF

    let file: FileBytes
    let path: String
    let sectorSize: Int
    private let miniSectorSize: Int
    private let miniStreamCutoff: Int
    private var fat: [UInt32] = []
    private var miniFAT: [UInt32] = []
    /// The directory entries, by stream id.
    private(set) var entries: [Entry] = []
    private let limits: XLSLimits
    /// Sectors the file can hold (the header's sector excluded); no chain may be longer.
    private let fileSectors: Int

    init(file: FileBytes, path: String, limits: XLSLimits) throws {
        self.file = file
        self.path = path
        self.limits = limits
        let location = SourceLocation(file: path)
        guard file.size >= 512 else {
            throw XLSReadError(.corruptContainer, "the file is \(file.size) bytes, shorter than a compound-file header (512 bytes); it is truncated", location: location)
        }
        let header = try file.read(at: 0, count: 512)
        guard header.starts(with: Self.signature) else {
            throw XLSReadError(.notACompoundFile, "the file is not an OLE compound file (.xls); its first bytes are not D0 CF 11 E0", location: location)
        }
        let shift = header.u16(30)
        guard header.u16(28) == 0xFFFE, shift == 9 || shift == 12, header.u16(32) == 6 else {
            throw XLSReadError(.corruptContainer, "the compound-file header is damaged (byte order \(String(header.u16(28), radix: 16)), sector shift \(shift), mini sector shift \(header.u16(32)))", location: location)
        }
        sectorSize = 1 << shift
        miniSectorSize = 64
        miniStreamCutoff = Int(header.u32(56))
        fileSectors = max(0, (file.size - 1) / sectorSize)  // the header takes the first sector's place
        let sectorSize = sectorSize

        // The DIFAT: 109 FAT sector numbers in the header, the rest in a chain of DIFAT sectors.
        let fatSectorCount = Int(header.u32(44))
        guard fatSectorCount <= fileSectors else {
            throw XLSReadError(.corruptContainer, "the header declares \(fatSectorCount) FAT sectors, more than the file's \(fileSectors) sectors", location: location)
        }
        var fatSectors: [UInt32] = []
        fatSectors.reserveCapacity(fatSectorCount)
        for index in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(header.u32(76 + index * 4))
        }
        var difatSector = header.u32(68)
        var difatSeen = 0
        while fatSectors.count < fatSectorCount {
            guard difatSector <= Self.maxRegularSector, Int(difatSector) < fileSectors, difatSeen < fileSectors else {
                throw XLSReadError(.corruptContainer, "the DIFAT chain ends, loops or points past the end of the file before listing its \(fatSectorCount) FAT sectors", location: location)
            }
            difatSeen += 1
            let block = try file.read(at: (Int(difatSector) + 1) * sectorSize, count: sectorSize)
            let perSector = sectorSize / 4 - 1
            for index in 0..<perSector where fatSectors.count < fatSectorCount {
                fatSectors.append(block.u32(index * 4))
            }
            difatSector = block.u32(perSector * 4)
        }

        // The FAT itself.
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectorCount * sectorSize / 4)
        var buffer = [UInt8](repeating: 0, count: sectorSize)
        for sector in fatSectors {
            guard sector <= Self.maxRegularSector, Int(sector) < fileSectors else {
                throw XLSReadError(.corruptContainer, "a FAT sector number (\(sector)) points past the end of the file (\(fileSectors) sectors)", location: location)
            }
            try file.read(at: (Int(sector) + 1) * sectorSize, count: sectorSize, into: &buffer, start: 0)
            for index in 0..<(sectorSize / 4) { fat.append(buffer.u32(index * 4)) }
        }
        self.fat = fat

        // The directory: a chain of unknown length, walked with the same checks.
        let directoryBytes = try readChain(start: header.u32(48), size: nil, what: "directory")
        let count = directoryBytes.count / 128
        guard count <= limits.maxDirectoryEntries else {
            throw XLSReadError(.structureLimit, "the compound file has \(count) directory entries, more than the limit of \(limits.maxDirectoryEntries)", location: location)
        }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            let base = index * 128
            let nameBytes = min(64, max(0, directoryBytes.u16(base + 64) - 2))
            var units: [UInt16] = []
            for unit in stride(from: 0, to: nameBytes - 1, by: 2) { units.append(UInt16(directoryBytes.u16(base + unit))) }
            let size = shift == 9 ? Int(directoryBytes.u32(base + 120)) : Int(clamping: directoryBytes.u64(base + 120))
            entries.append(Entry(
                name: String(decoding: units, as: UTF16.self), type: directoryBytes[base + 66],
                left: directoryBytes.u32(base + 68), right: directoryBytes.u32(base + 72), child: directoryBytes.u32(base + 76),
                startSector: directoryBytes.u32(base + 116), size: size))
        }
        guard let root = entries.first, root.type == 5, root.size >= 0 else {
            throw XLSReadError(.corruptContainer, "the compound file's directory has no root entry", location: location)
        }
        self.entries = entries
        // The mini FAT, needed only for streams smaller than the cutoff.
        let miniFATSectors = Int(header.u32(64))
        if miniFATSectors > 0 && header.u32(60) <= Self.maxRegularSector {
            guard miniFATSectors <= fileSectors else {
                throw XLSReadError(.corruptContainer, "the header declares \(miniFATSectors) mini-FAT sectors, more than the file's \(fileSectors) sectors", location: location)
            }
            let bytes = try readChain(start: header.u32(60), size: miniFATSectors * sectorSize, what: "mini FAT")
            miniFAT = (0..<(bytes.count / 4)).map { bytes.u32($0 * 4) }
        }
    }

    /// The streams directly in the root storage, by walking its red-black tree (loops are errors).
    func rootStreams() throws -> [Entry] {
        var result: [Entry] = []
        var visited = Set<UInt32>()
        var pending: [UInt32] = [entries[0].child]
        while let id = pending.popLast() {
            guard id != Self.noStream else { continue }
            guard Int(id) < entries.count else {
                throw XLSReadError(.corruptContainer, "a directory entry points to entry \(id), past the \(entries.count) entries", location: SourceLocation(file: path))
            }
            guard visited.insert(id).inserted else {
                throw XLSReadError(.corruptContainer, "the compound file's directory tree loops (entry \(id) is reached twice)", location: SourceLocation(file: path))
            }
            let entry = entries[Int(id)]
            if entry.type == 2 || entry.type == 1 { result.append(entry) }
            pending.append(entry.left)
            pending.append(entry.right)
        }
        return result
    }

    /// The sector numbers of a stream's chain in the FAT (`mini == false`) or mini FAT, checked: no loop, no
    /// sector outside the table, enough sectors for `size` bytes (nil: until the end of chain).
    private func chain(start: UInt32, size: Int?, mini: Bool, what: String) throws -> [UInt32] {
        let table = mini ? miniFAT : fat
        let unit = mini ? miniSectorSize : sectorSize
        let location = SourceLocation(file: path)
        let capacity = mini ? table.count : min(table.count, fileSectors)
        var needed = Int.max
        if let size {
            needed = (size + unit - 1) / unit
            guard needed <= capacity else {
                throw XLSReadError(.corruptContainer, "the \(what) declares \(size) bytes, more than the file can hold; the file is corrupt", location: location)
            }
        }
        var sectors: [UInt32] = []
        if needed != Int.max { sectors.reserveCapacity(needed) }
        var visited = [UInt64](repeating: 0, count: (capacity + 63) / 64)
        var sector = start
        while sectors.count < needed {
            if sector == Self.endOfChain && size == nil { break }
            guard sector <= Self.maxRegularSector, Int(sector) < capacity else {
                if sector == Self.endOfChain || sector == Self.freeSector {
                    throw XLSReadError(.corruptContainer, "the \(what)'s sector chain ends after \(sectors.count) sectors, too short for its \(size ?? 0) bytes; the file is truncated or corrupt", location: location)
                }
                throw XLSReadError(.corruptContainer, "the \(what)'s sector chain points to sector \(sector), outside the \(capacity) sectors of the \(mini ? "mini stream" : "file")", location: location)
            }
            let word = Int(sector) / 64
            let bit = UInt64(1) << UInt64(Int(sector) % 64)
            guard visited[word] & bit == 0 else {
                throw XLSReadError(.corruptContainer, "the \(what)'s sector chain loops (sector \(sector) is reached twice)", location: location)
            }
            visited[word] |= bit
            sectors.append(sector)
            sector = table[Int(sector)]
        }
        return sectors
    }

    /// Reads a whole chain of regular sectors (the directory, the mini FAT, the mini stream container).
    private func readChain(start: UInt32, size: Int?, what: String) throws -> [UInt8] {
        let sectors = try chain(start: start, size: size, mini: false, what: what)
        var bytes = [UInt8](repeating: 0, count: sectors.count * sectorSize)
        for (index, sector) in sectors.enumerated() {
            let offset = (Int(sector) + 1) * sectorSize
            let count = min(sectorSize, file.size - offset)
            guard count > 0 else {
                throw XLSReadError(.corruptContainer, "the \(what) refers to sector \(sector), past the end of the file", location: SourceLocation(file: path, byteOffset: offset))
            }
            try file.read(at: offset, count: count, into: &bytes, start: index * sectorSize)
        }
        if let size { bytes.removeLast(bytes.count - size) }
        return bytes
    }

    /// Opens a stream for positioned reads.
    ///
    /// - Throws: `structureLimit` past `maxStreamBytes`; `corruptContainer` for a bad chain.
    func open(_ entry: Entry) throws -> StreamBytes {
        guard entry.size <= limits.maxStreamBytes else {
            throw XLSReadError(.structureLimit, "the \(entry.name) stream declares \(entry.size) bytes, more than the limit of \(limits.maxStreamBytes)", location: SourceLocation(file: path))
        }
        if entry.size < miniStreamCutoff {
            let root = entries[0]
            let container = try readChain(start: root.startSector, size: min(root.size, fileSectors * sectorSize), what: "mini stream")
            let sectors = try chain(start: entry.startSector, size: entry.size, mini: true, what: "\(entry.name) stream")
            var bytes: [UInt8] = []
            bytes.reserveCapacity(entry.size)
            for sector in sectors {
                let offset = Int(sector) * miniSectorSize
                let take = min(miniSectorSize, entry.size - bytes.count)
                guard offset + take <= container.count else {
                    throw XLSReadError(.corruptContainer, "the \(entry.name) stream's mini sector \(sector) lies past the mini stream", location: SourceLocation(file: path))
                }
                bytes.append(contentsOf: container[offset..<(offset + take)])
            }
            return StreamBytes(memory: bytes, path: path)
        }
        let sectors = try chain(start: entry.startSector, size: entry.size, mini: false, what: "\(entry.name) stream")
        return StreamBytes(file: file, sectors: sectors, sectorSize: sectorSize, size: entry.size, path: path)
    }
}

/// One stream of a compound file, read at any offset: from memory (a small stream) or from the file through its
/// sector list, coalescing consecutive sectors into one read.
final class StreamBytes {
    /// The stream's length in bytes.
    let size: Int
    private let file: FileBytes?
    private let memory: [UInt8]
    private let sectors: [UInt32]
    private let sectorSize: Int
    let path: String

    init(memory: [UInt8], path: String) {
        self.memory = memory
        size = memory.count
        file = nil
        sectors = []
        sectorSize = 512
        self.path = path
    }

    init(file: FileBytes, sectors: [UInt32], sectorSize: Int, size: Int, path: String) {
        self.file = file
        self.sectors = sectors
        self.sectorSize = sectorSize
        self.size = size
        memory = []
        self.path = path
    }

    /// Copies `count` bytes from stream offset `offset` into `buffer` at `start`; the range is within the stream.
    ///
    /// - Throws: `corruptContainer` when a sector lies past the end of the file.
    func read(at offset: Int, count: Int, into buffer: inout [UInt8], start: Int) throws {
        precondition(offset >= 0 && count >= 0 && offset + count <= size)
        guard let file else {
            for index in 0..<count { buffer[start + index] = memory[offset + index] }
            return
        }
        var position = offset
        var written = 0
        while written < count {
            let index = position / sectorSize
            let within = position % sectorSize
            // Extend the run while the next sectors follow one another in the file.
            var runEnd = index + 1
            let wanted = count - written
            while (runEnd - index) * sectorSize - within < wanted && runEnd < sectors.count
                    && sectors[runEnd] == sectors[runEnd - 1] + 1 {
                runEnd += 1
            }
            let take = min(wanted, (runEnd - index) * sectorSize - within)
            try file.read(at: (Int(sectors[index]) + 1) * sectorSize + within, count: take, into: &buffer, start: start + written)
            written += take
            position += take
        }
    }
}
