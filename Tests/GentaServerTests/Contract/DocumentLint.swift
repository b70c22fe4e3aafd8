import Crypto
import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

/// Static checks of the document that no single exchange would catch.
struct DocumentLint {
    let document: OpenAPIDocument
    var found: [String] = []

    init(_ document: OpenAPIDocument) {
        self.document = document
    }

    func problems() -> [String] {
        var lint = self
        lint.run()
        return lint.found
    }

    private mutating func run() {
        let root = document.root
        if root["openapi"] != .string("3.1.0") { found.append("openapi must be 3.1.0, is \(root["openapi"] ?? .null)") }
        for field in ["title", "version", "description"] where root["info"]?[field]?.string?.isEmpty != false {
            found.append("info.\(field) is missing")
        }

        // Every reference resolves, and every component schema is referenced.
        var references: Set<String> = []
        collectReferences(root, "#", &references)
        for schema in root["components"]?["schemas"]?.object?.keys.sorted() ?? []
        where !references.contains("#/components/schemas/\(schema)") {
            found.append("components.schemas.\(schema) is never used")
        }

        // Every schema anywhere uses only keywords the validator applies, sanely.
        var responseSchemas: [JSONNode] = []
        var allSchemas: [(JSONNode, String)] = (root["components"]?["schemas"]?.object ?? [:]).map { ($0.value, "#/components/schemas/\($0.key)") }
        var operationIDs: Set<String> = []

        for operation in document.operations {
            let node = operation.node
            if !operationIDs.insert(operation.id).inserted { found.append("\(operation): duplicate operationId \(operation.id)") }
            if node["operationId"] == nil { found.append("\(operation): no operationId") }
            for field in ["summary", "description"] where node[field]?.string?.isEmpty != false {
                found.append("\(operation): no \(field)")
            }
            // The plans are the one public part of the API: prices are shown before sign-in.
            let isAPI = operation.template.hasPrefix("/api/v1/") && operation.description != "GET /api/v1/plans"
            if isAPI && node["security"] != nil { found.append("\(operation): must inherit the global security") }
            if !isAPI && node["security"] != .array([]) { found.append("\(operation): must declare security: [] (public)") }

            let responses = node["responses"]?.object ?? [:]
            if !responses.keys.contains(where: { $0.hasPrefix("2") }) { found.append("\(operation): no 2xx response") }
            if isAPI && responses["401"] == nil { found.append("\(operation): 401 is not documented") }
            for (status, documented) in responses.sorted(by: { $0.key < $1.key }) {
                guard status.wholeMatch(of: /[1-5]\d\d/) != nil else {
                    found.append("\(operation): response key \(status) is not a status code")
                    continue
                }
                guard let response = try? document.dereferenced(documented) else { continue }
                let description = response["description"]?.string ?? ""
                if description.isEmpty { found.append("\(operation) \(status): no description") }
                for (name, header) in response["headers"]?.object ?? [:] {
                    guard let header = try? document.dereferenced(header) else { continue }
                    if header["description"]?.string?.isEmpty != false { found.append("\(operation) \(status) header \(name): no description") }
                    if let schema = header["schema"] {
                        allSchemas.append((schema, "\(operation) \(status) header \(name)"))
                    } else {
                        found.append("\(operation) \(status) header \(name): no schema")
                    }
                }
                for (_, media) in response["content"]?.object ?? [:] {
                    guard let schema = media["schema"] else { continue }
                    responseSchemas.append(schema)
                    allSchemas.append((schema, "\(operation) \(status)"))
                    if status.hasPrefix("4") || status.hasPrefix("5") {
                        if schema != .object(["$ref": .string("#/components/schemas/Error")]) {
                            found.append("\(operation) \(status): errors must use the Error schema")
                        }
                        if !description.contains("`") { found.append("\(operation) \(status): the description lists no error code") }
                    }
                }
            }

            let parameters = (try? document.parameters(of: operation)) ?? []
            for parameter in parameters {
                if let schema = parameter["schema"] { allSchemas.append((schema, "\(operation) parameter")) }
            }
            for match in operation.template.matches(of: /\{([^}]+)\}/) {
                let name = String(match.1)
                if !parameters.contains(where: { $0["name"]?.string == name && $0["in"] == .string("path") && $0["required"] == .bool(true) }) {
                    found.append("\(operation): path parameter \(name) is not declared as required")
                }
            }
            if let body = try? node["requestBody"].map(document.dereferenced), let schema = body["content"]?["application/json"]?["schema"] {
                allSchemas.append((schema, "\(operation) request body"))
            }
        }

        for (schema, origin) in allSchemas { lintSchema(schema, origin) }
        var visited: Set<String> = []
        for schema in responseSchemas { lintResponseObjects(schema, &visited) }
    }

    private mutating func collectReferences(_ node: JSONNode, _ path: String, _ references: inout Set<String>) {
        switch node {
        case .object(let members):
            if let reference = members["$ref"]?.string {
                references.insert(reference)
                if document.resolve(reference) == nil { found.append("\(path): unresolvable $ref \(reference)") }
            }
            for (key, member) in members { collectReferences(member, "\(path)/\(key)", &references) }
        case .array(let items):
            for (index, item) in items.enumerated() { collectReferences(item, "\(path)/\(index)", &references) }
        default: break
        }
    }

    /// Keywords, formats, types and `required` of one schema and its inline sub-schemas.
    private mutating func lintSchema(_ schema: JSONNode, _ origin: String) {
        guard let keywords = schema.object else { return }
        for keyword in keywords.keys.sorted() where !SchemaValidator.keywords.contains(keyword) {
            found.append("\(origin): unsupported keyword \(keyword)")
        }
        if let format = keywords["format"]?.string, SchemaValidator.formatCheck[format] == nil {
            found.append("\(origin): unsupported format \(format)")
        }
        if let pattern = keywords["pattern"]?.string, SchemaValidator.regex(pattern) == nil {
            found.append("\(origin): pattern \(pattern) does not compile")
        }
        let types = keywords["type"]?.array?.compactMap(\.string) ?? keywords["type"]?.string.map { [$0] } ?? []
        for type in types where !SchemaValidator.types.contains(type) { found.append("\(origin): unknown type \(type)") }
        let properties = keywords["properties"]?.object ?? [:]
        for name in keywords["required"]?.array?.compactMap(\.string) ?? [] where properties[name] == nil {
            found.append("\(origin): required property \(name) is not declared")
        }
        for (name, property) in properties { lintSchema(property, "\(origin).\(name)") }
        if let items = keywords["items"] { lintSchema(items, "\(origin)[]") }
        if let extra = keywords["additionalProperties"], extra.object != nil { lintSchema(extra, "\(origin).*") }
        for combinator in ["allOf", "oneOf", "anyOf"] {
            for part in keywords[combinator]?.array ?? [] { lintSchema(part, "\(origin).\(combinator)") }
        }
        if let negated = keywords["not"] { lintSchema(negated, "\(origin).not") }
    }

    /// Every object a response can contain closes itself with `additionalProperties: false`.
    private mutating func lintResponseObjects(_ schema: JSONNode, _ visited: inout Set<String>) {
        guard let keywords = schema.object else { return }
        if let reference = keywords["$ref"]?.string {
            guard visited.insert(reference).inserted, let target = document.resolve(reference) else { return }
            lintResponseObjects(target, &visited)
        }
        if keywords["properties"] != nil && keywords["additionalProperties"] != .bool(false) {
            found.append("\(keywords["description"]?.string ?? "a response object") with properties \(keywords["properties"]?.object?.keys.sorted() ?? []) lacks additionalProperties: false")
        }
        for (_, property) in keywords["properties"]?.object ?? [:] { lintResponseObjects(property, &visited) }
        if let items = keywords["items"] { lintResponseObjects(items, &visited) }
        if let extra = keywords["additionalProperties"], extra.object != nil { lintResponseObjects(extra, &visited) }
        for combinator in ["allOf", "oneOf", "anyOf"] {
            for part in keywords[combinator]?.array ?? [] { lintResponseObjects(part, &visited) }
        }
    }
}
