// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tiergate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tiergate", targets: ["tiergate"]),
        .executable(name: "tiergate-mockblob", targets: ["tiergate-mockblob"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // System libraries: OpenSSL's libcrypto for hashes, HMAC and (later) AES-GCM.
        .systemLibrary(
            name: "CLibcrypto",
            path: "Sources/CLibcrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            path: "Sources/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // Pure code: the repository format — envelope, keys, compression, chunker, packs.
        .target(name: "RepositoryFormat", dependencies: ["AzureAuth", "CLibcrypto", "CZstd"]),
        // The cloud repository: keys, config, sealed objects, packs, index, manifests.
        .target(name: "Repository", dependencies: ["AzureAuth", "BlobStore", "RepositoryFormat"]),
        // The local catalog in SQLite: a cache of the cloud index and points, and job history.
        .target(
            name: "Catalog",
            dependencies: ["Repository", "RepositoryFormat", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The jobs: backup of local recovery points (and, later, restore).
        .target(name: "Engine", dependencies: ["AzureAuth", "BlobStore", "Catalog", "Repository", "RepositoryFormat", "CWriteback"]),
        // Early writeback of restored files (Linux sync_file_range), which needs _GNU_SOURCE.
        .target(name: "CWriteback"),
        // Pure code: the protection policy — configuration, schedules, retention, throttle windows.
        .target(name: "Policy", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The daemon: schedules, retention runs, status — policy applied to the repository.
        .target(
            name: "Daemon",
            dependencies: [
                "Policy", "Engine", "Repository", "Catalog", "BlobStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Deterministic sample data (BMR-like images) for the demo, tests and benchmarks.
        .target(name: "SampleData"),
        // Measurements that choose parameters (chunk sizes); run by bench/ scripts.
        .executableTarget(name: "tiergate-bench", dependencies: ["RepositoryFormat", "SampleData"]),
        // Pure code: Azure SharedKey / SAS signing, connection strings, CRC-64, digests.
        .target(name: "AzureAuth", dependencies: ["CLibcrypto", "CCRC64"]),
        // CRC-64 folding with carry-less multiplication (x86-64 PCLMULQDQ), checked at run time.
        .target(name: "CCRC64"),
        // The blob-store protocol, its strict in-memory implementation, decorators, block uploads.
        .target(
            name: "BlobStore",
            dependencies: [
                "AzureAuth",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Azure Blob REST implementation of BlobStore on AsyncHTTPClient.
        .target(
            name: "AzureBlobStore",
            dependencies: [
                "AzureAuth", "BlobStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The mock Azure Blob server (library, so tests can run it in-process).
        .target(
            name: "MockBlob",
            dependencies: [
                "AzureAuth",
                "CWriteback",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Mocks/MockBlob"
        ),
        .executableTarget(
            name: "tiergate-mockblob",
            dependencies: [
                "MockBlob",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Mocks/tiergate-mockblob"
        ),
        // Command-line commands: parse arguments and call the libraries.
        .target(
            name: "TiergateCLI",
            dependencies: [
                "AzureAuth", "BlobStore", "AzureBlobStore", "MockBlob", "Repository", "Engine", "SampleData", "Catalog",
                "Policy", "Daemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "tiergate", dependencies: ["TiergateCLI"]),
        .testTarget(name: "AzureAuthTests", dependencies: ["AzureAuth"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Repository", "RepositoryFormat", "BlobStore", "SampleData", "PageCacheProbe"]),
        // Test support: what the page cache holds of a file (drop-behind tests).
        .target(name: "PageCacheProbe", path: "Tests/PageCacheProbe"),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Repository", "RepositoryFormat", "BlobStore"]),
        .testTarget(name: "RepositoryTests", dependencies: ["Repository", "RepositoryFormat", "BlobStore"]),
        .testTarget(name: "RepositoryFormatTests", dependencies: ["RepositoryFormat", "AzureAuth"]),
        .testTarget(name: "TiergateCLITests", dependencies: ["TiergateCLI", "BlobStore", "Engine"]),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", "Policy", "Engine", "Repository", "BlobStore", "Catalog", "RepositoryFormat", "SampleData"]),
        .testTarget(
            name: "BlobStoreTests",
            dependencies: [
                "AzureAuth", "BlobStore", "AzureBlobStore", "MockBlob",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MockBlobTests",
            dependencies: [
                "AzureAuth", "MockBlob", "PageCacheProbe",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
