// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "genta",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "genta", targets: ["genta"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure psychometrics: no dependencies at all.
        .target(name: "IRT"),
        // Domain types, validation and services; knows nothing of HTTP or SQL drivers.
        .target(
            name: "GentaCore",
            dependencies: ["IRT"],
            resources: [.copy("Resources/DemoBank")]
        ),
        // SQL for both dialects: connections, migrations, queries.
        .target(
            name: "GentaStore",
            dependencies: [
                "GentaCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Outside services, one folder each: Auth (Clerk tokens and webhooks, local tokens), LLM
        // (the feedback providers) and Payments (Midtrans); HTTP holds the bounded exchange they share.
        .target(
            name: "GentaIntegrations",
            dependencies: [
                "GentaCore",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Hummingbird application: configuration, middleware, routes, and the students' web
        // pages (Mustache templates and assets in Resources/web).
        .target(
            name: "GentaServer",
            dependencies: [
                "GentaCore",
                "GentaStore",
                "GentaIntegrations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/web")]
        ),
        // The command-line entry point; thin.
        .executableTarget(
            name: "genta",
            dependencies: [
                "IRT",
                "GentaCore",
                "GentaStore",
                "GentaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Databases for tests (a temporary SQLite file or a fresh PostgreSQL database each), and
        // stand-in Clerk (RSA keys, a JWKS server, session tokens) and Midtrans (Snap, the status
        // API, signed notifications) shared by the test targets.
        .target(
            name: "GentaTestSupport",
            dependencies: [
                "GentaStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/GentaTestSupport"
        ),
        .testTarget(name: "IRTTests", dependencies: ["IRT"]),
        .testTarget(name: "GentaCoreTests", dependencies: ["GentaCore"]),
        .testTarget(
            name: "GentaIntegrationsTests",
            dependencies: [
                "GentaIntegrations",
                "GentaTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "GentaStoreTests",
            dependencies: ["GentaStore", "GentaCore", "GentaTestSupport"]
        ),
        .testTarget(
            name: "GentaServerTests",
            dependencies: [
                "GentaServer",
                "GentaStore",
                "GentaTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Runs the built `genta` binary as a user would (on fresh PostgreSQL databases from
        // GentaTestSupport where a command needs one).
        .testTarget(name: "GentaCLITests", dependencies: ["genta", "GentaStore", "GentaTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
