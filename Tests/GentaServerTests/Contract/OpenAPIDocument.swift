import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Yams

/// The API's OpenAPI document as the server serves it, with lookups for the contract tests.
struct OpenAPIDocument: Sendable {
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// One operation: a method on a path template.
    struct Operation: Sendable, CustomStringConvertible {
        let method: String
        let template: String
        let node: JSONNode
        /// Path-level parameters, which every operation of the path shares.
        let pathParameters: [JSONNode]

        var id: String { node["operationId"]?.string ?? description }
        var description: String { "\(method.uppercased()) \(template)" }
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    let root: JSONNode

    /// Fetches `GET /openapi.yaml` through the application, which also proves it is served.
    static func fetch(from client: any TestClientProtocol) async throws -> OpenAPIDocument {
        let (status, contentType, text) = try await client.execute(uri: "/openapi.yaml", method: .get) { response in
            (response.status, response.headers[.contentType], String(buffer: response.body))
        }
        guard status == .ok else { throw Problem("GET /openapi.yaml answered \(status): \(text)") }
        guard contentType?.hasPrefix("application/yaml") == true else {
            throw Problem("GET /openapi.yaml has Content-Type \(contentType ?? "none")")
        }
        return try OpenAPIDocument(yaml: text)
    }

    init(yaml: String) throws {
        guard let loaded = try Yams.load(yaml: yaml) else { throw Problem("the document is empty") }
        root = try Self.node(from: loaded, at: "#")
    }

    init(root: JSONNode) {
        self.root = root
    }

    /// Turns what Yams loaded into JSON; anything JSON cannot hold (an unquoted date) is an error.
    static func node(from value: Any, at path: String) throws -> JSONNode {
        switch value {
        case is NSNull: return .null
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .number(Double(int))
        case let double as Double: return .number(double)
        case let string as String: return .string(string)
        case let array as [Any]:
            return .array(try array.enumerated().map { try node(from: $0.element, at: "\(path)/\($0.offset)") })
        case let mapping as [AnyHashable: Any]:
            var members: [String: JSONNode] = [:]
            for (key, member) in mapping {
                let name = "\(key.base)"
                members[name] = try node(from: member, at: "\(path)/\(name)")
            }
            return .object(members)
        default:
            throw Problem("\(path): a \(type(of: value)) is not JSON; quote it in the YAML")
        }
    }

    // MARK: References

    /// The node a local reference (`#/components/schemas/Profile`) points to.
    static func resolve(_ reference: String, in root: JSONNode) -> JSONNode? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let name = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[name] else { return nil }
            node = next
        }
        return node
    }

    func resolve(_ reference: String) -> JSONNode? {
        Self.resolve(reference, in: root)
    }

    /// Follows `$ref` until a node without one (responses, parameters, request bodies).
    func dereferenced(_ node: JSONNode) throws -> JSONNode {
        var node = node
        var seen: Set<String> = []
        while let reference = node["$ref"]?.string {
            guard seen.insert(reference).inserted else { throw Problem("$ref cycle at \(reference)") }
            guard let target = resolve(reference) else { throw Problem("unresolvable $ref \(reference)") }
            node = target
        }
        return node
    }

    var validator: SchemaValidator {
        let root = root
        return SchemaValidator(resolve: { Self.resolve($0, in: root) })
    }

    // MARK: Operations

    var operations: [Operation] {
        guard let paths = root["paths"]?.object else { return [] }
        return paths.keys.sorted().flatMap { template -> [Operation] in
            let item = paths[template]!
            return Self.methods.compactMap { method in
                item[method].map {
                    Operation(method: method, template: template, node: $0, pathParameters: item["parameters"]?.array ?? [])
                }
            }
        }
    }

    /// The operation serving `method` on `path` (no query), preferring the most literal template.
    func operation(method: String, path: String) -> (operation: Operation, pathValues: [String: String])? {
        let candidates = operations.filter { $0.method == method.lowercased() }.compactMap { operation in
            Self.match(template: operation.template, path: path).map { (operation, $0) }
        }
        return candidates.min { $0.1.count < $1.1.count }
    }

    /// The values of a template's `{parameters}` when `path` fits it.
    static func match(template: String, path: String) -> [String: String]? {
        let templateParts = template.split(separator: "/", omittingEmptySubsequences: false)
        let pathParts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard templateParts.count == pathParts.count else { return nil }
        var values: [String: String] = [:]
        for (expected, actual) in zip(templateParts, pathParts) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                guard !actual.isEmpty else { return nil }
                values[String(expected.dropFirst().dropLast())] = String(actual).removingPercentEncoding ?? String(actual)
            } else if expected != actual {
                return nil
            }
        }
        return values
    }

    /// Path-level and operation-level parameters, dereferenced.
    func parameters(of operation: Operation) throws -> [JSONNode] {
        try (operation.pathParameters + (operation.node["parameters"]?.array ?? [])).map(dereferenced)
    }

    // MARK: Checking exchanges

    /// Everything wrong with a response: an undocumented status, an undocumented media type, or a
    /// body that does not fit the documented schema.
    func responseViolations(method: String, path: String, status: Int, contentType: String?, body: Data) -> [String] {
        guard let operation = self.operation(method: method, path: path)?.operation else {
            return ["\(method.uppercased()) \(path) is not in the document"]
        }
        guard let documented = operation.node["responses"]?[String(status)] else {
            let listed = operation.node["responses"]?.object?.keys.sorted().joined(separator: ", ") ?? "none"
            return ["\(operation): status \(status) is not documented (documented: \(listed))"]
        }
        do {
            let response = try dereferenced(documented)
            guard let content = response["content"]?.object else {
                return body.isEmpty ? [] : ["\(operation) \(status): a body is sent but none is documented"]
            }
            let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard let media = content[mediaType] else {
                return ["\(operation) \(status): Content-Type \(contentType ?? "none") is not among \(content.keys.sorted())"]
            }
            guard let schema = media["schema"] else { return [] }
            let value: JSONNode
            if mediaType == "application/json" {
                do { value = try JSONNode(data: body) } catch {
                    return ["\(operation) \(status): the body is not JSON: \(String(decoding: body, as: UTF8.self))"]
                }
            } else if mediaType == "application/yaml" {
                do { value = try OpenAPIDocument(yaml: String(decoding: body, as: UTF8.self)).root } catch {
                    return ["\(operation) \(status): the body is not YAML that JSON can hold: \(error)"]
                }
            } else {
                value = .string(String(decoding: body, as: UTF8.self))
            }
            return validator.violations(of: value, against: schema).map { "\(operation) \(status): \($0)" }
        } catch {
            return ["\(operation) \(status): \(error)"]
        }
    }

    /// Everything a successful request did that its operation does not document: unknown query
    /// parameters, parameter values outside their schema, a missing required header or body, a
    /// body that does not fit the request schema.
    func requestViolations(method: String, uri: String, headers: HTTPFields, body: String?) -> [String] {
        let (path, query) = Self.split(uri)
        guard let match = self.operation(method: method, path: path) else {
            return ["\(method.uppercased()) \(path) is not in the document"]
        }
        let operation = match.operation, pathValues = match.pathValues
        var found: [String] = []
        do {
            let parameters = try self.parameters(of: operation)
            func declared(_ location: String) -> [String: JSONNode] {
                Dictionary(parameters.filter { $0["in"]?.string == location }.compactMap { parameter in
                    parameter["name"]?.string.map { ($0, parameter) }
                }, uniquingKeysWith: { first, _ in first })
            }
            let sent: [String: [String: String]] = [
                "path": pathValues,
                "query": query,
                "header": Dictionary(headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first }),
            ]
            for location in ["path", "query", "header"] {
                let documented = declared(location)
                let values = sent[location] ?? [:]
                if location != "header" {
                    for name in values.keys.sorted() where documented[name] == nil {
                        found.append("\(operation): \(location) parameter \"\(name)\" is not documented")
                    }
                }
                for (name, parameter) in documented.sorted(by: { $0.key < $1.key }) {
                    let key = location == "header" ? name.lowercased() : name
                    guard let text = values[key] else {
                        if parameter["required"] == .bool(true) {
                            found.append("\(operation): required \(location) parameter \"\(name)\" was not sent")
                        }
                        continue
                    }
                    guard let schema = parameter["schema"] else { continue }
                    let value = try typed(text, as: schema)
                    found += validator.violations(of: value, against: schema, at: "\(location).\(name)").map { "\(operation): \($0)" }
                }
            }
            let requestBody = try operation.node["requestBody"].map(dereferenced)
            switch (requestBody, body) {
            case (nil, nil): break
            case (nil, _?): found.append("\(operation): a body was sent but none is documented")
            case (let documented?, nil):
                if documented["required"] == .bool(true) { found.append("\(operation): the required body was not sent") }
            case (let documented?, let text?):
                // A file upload (CSV, JSON Lines, a form) is checked for its documented media type only.
                let mediaType = headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    ?? "application/json"
                if mediaType != "application/json" {
                    if documented["content"]?[mediaType] == nil { found.append("\(operation): no \(mediaType) request body is documented") }
                    break
                }
                guard let schema = documented["content"]?["application/json"]?["schema"] else {
                    found.append("\(operation): no application/json request body is documented")
                    break
                }
                let value = try JSONNode(data: Data(text.utf8))
                found += validator.violations(of: value, against: schema, at: "body").map { "\(operation): \($0)" }
            }
        } catch {
            found.append("\(operation): \(error)")
        }
        return found
    }

    /// A parameter's text as the JSON value its schema describes (`"20"` → 20 for an integer),
    /// trying each alternative of an `anyOf` (`20` or `""`) in turn.
    private func typed(_ text: String, as schema: JSONNode) throws -> JSONNode {
        let resolved = try dereferenced(schema)
        if let alternatives = resolved["anyOf"]?.array {
            for alternative in alternatives {
                let value = try typed(text, as: alternative)
                if validator.violations(of: value, against: alternative).isEmpty { return value }
            }
            return .string(text)
        }
        switch resolved["type"]?.string {
        case "integer", "number": return Double(text).map(JSONNode.number) ?? .string(text)
        case "boolean": return ["true": JSONNode.bool(true), "false": .bool(false)][text] ?? .string(text)
        default: return .string(text)
        }
    }

    /// The path and the decoded query parameters of a request URI.
    static func split(_ uri: String) -> (path: String, query: [String: String]) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, [:]) }
        var query: [String: String] = [:]
        for pair in uri[uri.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            query[name] = value
        }
        return (String(uri[..<mark]), query)
    }
}
