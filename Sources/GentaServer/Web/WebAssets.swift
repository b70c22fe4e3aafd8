import Crypto
import Foundation
import Hummingbird

/// The pages' stylesheets and scripts, shipped in the binary's resources and served under a
/// name carrying a hash of their content (`app.3f9a1c2e.css`): a browser may keep one forever,
/// and a new build changes the name.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
    }

    /// Served name → asset.
    let byServedName: [String: Asset]
    /// File name (`app.css`) → URL path (`/assets/app.3f9a1c2e.css`), for the templates.
    let paths: [String: String]

    static let contentTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]

    /// Reads every asset in the resource folder once.
    static func load() -> WebAssets {
        var served: [String: Asset] = [:]
        var paths: [String: String] = [:]
        guard let folder = Bundle.module.url(forResource: "web/assets", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)  // ok: no folder, no assets
        else { return WebAssets(byServedName: [:], paths: [:]) }
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            guard let type = contentTypes[url.pathExtension], let data = FileManager.default.contents(atPath: url.path) else { continue }
            let hash = SHA256.hash(data: data).prefix(4).map { String(format: "%02x", $0) }.joined()
            let servedName = url.deletingPathExtension().lastPathComponent + ".\(hash)." + url.pathExtension
            served[servedName] = Asset(bytes: Array(data), contentType: type)
            paths[name] = "/assets/" + servedName
        }
        return WebAssets(byServedName: served, paths: paths)
    }

    func addRoutes(to routes: Routes) {
        routes.get("assets/{name}") { _, context in
            guard let name = context.parameters.get("name"), let asset = byServedName[name] else {
                throw HTTPError(.notFound)
            }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        }
    }
}
