// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "TrackSheet",
    // Linux is where CI runs; macOS 15 is the first with Synchronization.Mutex and AsyncSequence's typed throws.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tracksheet", targets: ["tracksheet"]),
        .library(name: "TabularCore", targets: ["TabularCore"]),
        .library(name: "OutputSupport", targets: ["OutputSupport"]),
        .library(name: "TabularCSV", targets: ["TabularCSV"]),
        .library(name: "TabularXLSX", targets: ["TabularXLSX"]),
        .library(name: "TabularXLS", targets: ["TabularXLS"]),
        .library(name: "TabularODS", targets: ["TabularODS"]),
        .library(name: "TabularFiles", targets: ["TabularFiles"]),
        .library(name: "XLSXWriter", targets: ["XLSXWriter"]),
        .library(name: "Rectification", targets: ["Rectification"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Batch", targets: ["Batch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // System libraries, each entering through exactly one Swift target.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        .systemLibrary(
            name: "CZlibChecksum",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // Tabular layer: format-neutral rows and cells, readers and writers. Knows nothing of rectification.
        // TabularCore is the shared vocabulary (cells, rows, tables, locations, dates, type inference, display
        // width) and imports no platform module.
        .target(name: "TabularCore"),
        .target(name: "TabularCSV", dependencies: ["TabularCore", "CUchardet"]),
        .target(
            name: "TabularXLSX",
            dependencies: ["TabularCore", "CZlibChecksum", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Legacy .xls (BIFF8, BIFF5): an OLE compound-file layer and a BIFF record scanner; iconv for BIFF5 code pages.
        .target(name: "TabularXLS", dependencies: ["TabularCore"]),
        // OpenDocument spreadsheets (.ods): content.xml streamed with the XLSX reader's ZIP and XML layers.
        .target(name: "TabularODS", dependencies: ["TabularCore", "TabularXLSX"]),
        // Reading any table file whole (CSV or a workbook: .xlsx, .xls, .ods, told by its content), with sheet
        // selection, for the commands that check tables; no writer is involved.
        .target(name: "TabularFiles", dependencies: ["TabularCore", "TabularCSV", "TabularODS", "TabularXLS", "TabularXLSX"]),

        // Output support: atomic file output (a temporary file renamed into place), the output-is-an-input check,
        // JSON/XML text escaping. Shared by the writers, Reports, Batch and the CLI; knows no table format.
        .target(name: "OutputSupport", dependencies: ["TabularCore"]),

        // The safe Swift API over libxlsxwriter; the only importer of CXlsxWriter.
        .target(name: "XLSXWriter", dependencies: ["CXlsxWriter", "OutputSupport", "TabularCore"]),

        // Tables to workbooks: typing, styling and Excel's limits for `tracksheet convert`.
        .target(
            name: "Conversion",
            dependencies: ["OutputSupport", "TabularCore", "TabularCSV", "TabularFiles", "TabularXLSX", "XLSXWriter"]
        ),

        // The domain: issue definitions, measures, deadlines, reconciliation. Pure; the caller passes the date.
        .target(name: "Rectification", dependencies: ["TabularCore"]),

        // The ledger workbook and findings in text, JSON, JUnit and GitHub formats; every message (findings, errors,
        // conversion warnings) in Chinese or English.
        .target(name: "Reports", dependencies: ["Conversion", "OutputSupport", "Rectification", "TabularCore", "TabularCSV", "XLSXWriter"]),

        // Batch runs: job plans from folders or manifests (TOMLKit, JSONDecoder), shards, jobs run in-process through
        // a job executor the caller supplies (a task group on the batch's own threads), the run manifest (SHA-256
        // from swift-crypto). Knows nothing of the command line.
        .target(
            name: "Batch",
            dependencies: [
                "OutputSupport",
                "TabularCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),

        // The command line: parses options, calls the libraries, maps errors to exit codes; runs batch jobs through
        // the subcommands' own `perform`.
        .executableTarget(
            name: "tracksheet",
            dependencies: [
                "Batch", "Conversion", "OutputSupport", "Rectification", "Reports", "TabularCore", "TabularCSV",
                "TabularFiles", "TabularXLSX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test helpers: temp folders, the built binary, the openpyxl bridge.
        .target(name: "TestSupport", dependencies: ["TabularCore"]),

        // Fuzz targets: corpus replayers in a normal build, libFuzzer entry points with -DFUZZING (make fuzz).
        .target(name: "FuzzSupport", path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "TabularCSV", "TabularCore"], path: "Tests/Fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzSupport", "TabularXLSX", "TabularCore"], path: "Tests/Fuzz/FuzzXLSX"),
        .executableTarget(name: "FuzzXLS", dependencies: ["FuzzSupport", "TabularXLS", "TabularCore"], path: "Tests/Fuzz/FuzzXLS"),
        .executableTarget(name: "FuzzODS", dependencies: ["FuzzSupport", "TabularODS", "TabularXLSX", "TabularCore"], path: "Tests/Fuzz/FuzzODS"),
        .executableTarget(name: "FuzzDeadline", dependencies: ["FuzzSupport", "Rectification", "TabularCore"], path: "Tests/Fuzz/FuzzDeadline"),
        .executableTarget(name: "FuzzHeader", dependencies: ["FuzzSupport", "Rectification", "TabularCore"], path: "Tests/Fuzz/FuzzHeader"),

        .testTarget(name: "TabularCoreTests", dependencies: ["TabularCore"]),
        .testTarget(name: "OutputSupportTests", dependencies: ["OutputSupport", "TabularCore", "TestSupport"]),
        .testTarget(name: "TabularCSVTests", dependencies: ["TabularCSV", "TabularCore", "TestSupport"]),
        .testTarget(name: "TabularXLSXTests", dependencies: ["TabularXLSX", "TabularCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TabularXLSTests", dependencies: ["TabularXLS", "TabularCore", "TestSupport"]),
        .testTarget(
            name: "TabularODSTests",
            dependencies: [
                "TabularODS", "TabularXLSX", "TabularCore", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "TabularFilesTests", dependencies: ["TabularFiles", "TabularCore", "TabularCSV", "TabularXLSX", "TestSupport"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "TestSupport"]),
        .testTarget(name: "ConversionTests", dependencies: ["Conversion", "TabularCore", "TestSupport"]),
        .testTarget(name: "RectificationTests", dependencies: ["Rectification", "TabularCore", "TabularCSV", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["OutputSupport", "Reports", "Rectification", "TabularCore", "TabularCSV", "TabularFiles", "TestSupport"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "TabularCore", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], exclude: ["Golden"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
