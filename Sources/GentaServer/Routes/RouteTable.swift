import Hummingbird
import Synchronization

/// Every path template the application serves and the methods it serves there, recorded as the
/// routes are added, so that a request with another method on a known path answers 405 with an
/// `Allow` header instead of 404.
final class RouteTable: Sendable {
    private let methods = Mutex<[String: [HTTPRequest.Method]]>([:])

    func record(_ path: String, _ method: HTTPRequest.Method) {
        methods.withLock { $0[path, default: []].append(method) }
    }

    /// The methods served on the template that `path` matches, if any does. As in the router, a
    /// literal segment wins over a parameter: `/admin/questions/analysis` is not
    /// `/admin/questions/{id}`.
    func allowedMethods(for path: String) -> [HTTPRequest.Method]? {
        let segments = Self.segments(path)
        return methods.withLock { table in
            table.filter { template, _ in Self.matches(Self.segments(template), segments) }
                .min { Self.parameters(in: $0.key) < Self.parameters(in: $1.key) }?.value
        }
    }

    private static func parameters(in template: String) -> Int {
        segments(template).filter { $0.hasPrefix("{") }.count
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// `{name}` in a template matches any one segment; everything else matches itself.
    private static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        template.count == path.count
            && zip(template, path).allSatisfy { pattern, segment in
                (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
            }
    }
}

/// A router or group that records each route it adds in a `RouteTable`; controllers add their
/// routes through it.
struct Routes: Sendable {
    let group: RouterGroup<GentaRequestContext>
    let prefix: String
    let table: RouteTable

    init(_ router: Router<GentaRequestContext>, table: RouteTable) {
        self.group = router.group()
        self.prefix = ""
        self.table = table
    }

    private init(group: RouterGroup<GentaRequestContext>, prefix: String, table: RouteTable) {
        self.group = group
        self.prefix = prefix
        self.table = table
    }

    /// Routes under `path`, with `middleware` in front of them.
    func group(_ path: String, middleware: some RouterMiddleware<GentaRequestContext>) -> Routes {
        Routes(group: group.group(RouterPath(path)).add(middleware: middleware), prefix: join(path), table: table)
    }

    typealias Handler = @Sendable (Request, GentaRequestContext) async throws -> Response

    func get(_ path: String, use handler: @escaping Handler) { on(path, .get, handler) }
    func post(_ path: String, use handler: @escaping Handler) { on(path, .post, handler) }
    func patch(_ path: String, use handler: @escaping Handler) { on(path, .patch, handler) }
    func put(_ path: String, use handler: @escaping Handler) { on(path, .put, handler) }
    func delete(_ path: String, use handler: @escaping Handler) { on(path, .delete, handler) }

    private func on(_ path: String, _ method: HTTPRequest.Method, _ handler: @escaping Handler) {
        table.record(join(path), method)
        group.on(RouterPath(path), method: method, use: handler)
    }

    private func join(_ path: String) -> String {
        "/" + [prefix, path].flatMap { $0.split(separator: "/") }.joined(separator: "/")
    }
}
