import Foundation
import Hummingbird

/// `GET /openapi.yaml`: the API's OpenAPI 3.1 description, shipped as a resource.
struct OpenAPIController {
    /// Read once at start; a missing resource is a packaging bug reported as a 500 per request.
    static let document: Data? = Bundle.module.url(forResource: "openapi", withExtension: "yaml")
        .flatMap { try? Data(contentsOf: $0) }  // ok: nil is reported below

    func addRoutes(to router: Routes) {
        router.get("openapi.yaml") { _, _ in
            guard let document = Self.document else {
                throw HTTPError(.internalServerError, message: "The OpenAPI document is missing from this build.")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }
}
