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

/// Sends requests through the application and checks every exchange against the served document.
struct ContractClient: Sendable {
    let client: any TestClientProtocol
    let document: OpenAPIDocument
    let log: ContractLog

    /// Sends a request, expects `expected`, and checks that the status is documented for the
    /// operation and the body fits its schema; successful requests must also fit the documented
    /// parameters and request body. Returns the body (JSON, or a string for other media types).
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, cookie: String? = nil, body: String? = nil,
        headers extra: [HTTPField.Name: String] = [:], expect expected: HTTPResponse.Status,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONNode {
        try await send(method, uri, token: token, cookie: cookie, body: body, headers: extra, expect: expected,
            sourceLocation: sourceLocation).body
    }

    /// `call`, also returning the response headers; documented response headers are checked too.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, cookie: String? = nil, body: String? = nil,
        headers extra: [HTTPField.Name: String] = [:], expect expected: HTTPResponse.Status,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (body: JSONNode, headers: HTTPFields) {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        if body != nil { headers[.contentType] = "application/json" }
        for (name, value) in extra { headers[name] = value }
        let (status, responseHeaders, data) = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            (response.status, response.headers, Data(buffer: response.body))
        }
        let contentType = responseHeaders[.contentType]
        let text = String(decoding: data, as: UTF8.self)
        let name = method.rawValue.lowercased()
        let path = OpenAPIDocument.split(uri).path
        #expect(status == expected, "\(method) \(uri) answered \(status.code): \(text.prefix(400))", sourceLocation: sourceLocation)

        let responseProblems = document.responseViolations(
            method: name, path: path, status: status.code, contentType: contentType, body: data)
            + document.responseHeaderViolations(method: name, path: path, status: status.code, headers: responseHeaders)
        #expect(responseProblems.isEmpty, "\(responseProblems.joined(separator: "\n"))\nbody: \(text.prefix(400))",
            sourceLocation: sourceLocation)
        if (200..<300).contains(status.code) {
            let requestProblems = document.requestViolations(method: name, uri: uri, headers: headers, body: body)
            #expect(requestProblems.isEmpty, "\(requestProblems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
        if let found = document.operation(method: name, path: path) {
            log.record(found.operation, status: status.code)
        }
        guard contentType?.hasPrefix("application/json") == true else { return (.string(text), responseHeaders) }
        return ((try? JSONNode(data: data)) ?? .null, responseHeaders)
    }
}

extension OpenAPIDocument {
    /// Every documented response header of this exchange that is missing (when required) or
    /// does not fit its schema.
    func responseHeaderViolations(method: String, path: String, status: Int, headers: HTTPFields) -> [String] {
        guard let operation = operation(method: method, path: path)?.operation,
            let documented = operation.node["responses"]?[String(status)]
        else { return [] }
        do {
            var found: [String] = []
            let response = try dereferenced(documented)
            for (name, documentedHeader) in (response["headers"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
                let header = try dereferenced(documentedHeader)
                guard let field = HTTPField.Name(name), let text = headers[field] else {
                    if header["required"] == .bool(true) { found.append("\(operation) \(status): required header \(name) was not sent") }
                    continue
                }
                guard let schema = header["schema"] else { continue }
                let value: JSONNode =
                    switch try dereferenced(schema)["type"]?.string {
                    case "integer": Int(text).map { .number(Double($0)) } ?? .string(text)
                    case "number": Double(text).map(JSONNode.number) ?? .string(text)
                    default: .string(text)
                    }
                found += validator.violations(of: value, against: schema, at: "header \(name)").map { "\(operation) \(status): \($0)" }
            }
            return found
        } catch {
            return ["\(operation) \(status): \(error)"]
        }
    }
}
