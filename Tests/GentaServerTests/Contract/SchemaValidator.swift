import Foundation

/// A JSON value, as parsed from a response body or built from the YAML document.
indirect enum JSONNode: Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    /// Parses JSON text; numbers become doubles, which is exact for every value the API sends.
    init(data: Data) throws {
        self = try JSONDecoder().decode(Decoded.self, from: data).node
    }

    private struct Decoded: Decodable {
        let node: JSONNode

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [JSONNode] = []
                while !array.isAtEnd { items.append(try array.decode(Decoded.self).node) }
                node = .array(items)
                return
            }
            if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [String: JSONNode] = [:]
                for key in object.allKeys { members[key.stringValue] = try object.decode(Decoded.self, forKey: key).node }
                node = .object(members)
                return
            }
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                node = .null
            } else if let bool = try? value.decode(Bool.self) {
                node = .bool(bool)
            } else if let number = try? value.decode(Double.self) {
                node = .number(number)
            } else {
                node = .string(try value.decode(String.self))
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    subscript(key: String) -> JSONNode? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var array: [JSONNode]? { if case .array(let items) = self { items } else { nil } }
    var object: [String: JSONNode]? { if case .object(let members) = self { members } else { nil } }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? "\(Int64(value))" : "\(value)"
        case .string(let text): "\"\(text)\""
        case .array(let items): "[\(items.map(\.description).joined(separator: ","))]"
        case .object(let members):
            "{\(members.keys.sorted().map { "\"\($0)\":\(members[$0]!)" }.joined(separator: ","))}"
        }
    }

    /// The JSON Schema type name of this value (`integer` for whole numbers).
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let value): value.rounded() == value ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A small JSON Schema (2020-12 / OpenAPI 3.1) validator for the keywords Genta's document uses.
///
/// Any keyword it does not know is itself reported as a violation, so a schema can never pass
/// because part of it was silently ignored.
struct SchemaValidator {
    /// Follows a `$ref` (local references only); nil when it does not resolve.
    let resolve: @Sendable (String) -> JSONNode?

    /// Keywords that describe and never constrain.
    static let annotations: Set<String> = [
        "description", "title", "summary", "example", "examples", "default", "deprecated", "readOnly", "writeOnly",
        "$comment",
    ]

    /// Every keyword `check` applies; anything else in a schema is reported.
    static let keywords: Set<String> = annotations.union([
        "$ref", "type", "enum", "const", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
        "minLength", "maxLength", "minimum", "maximum", "format", "pattern", "allOf", "oneOf", "anyOf", "not",
    ])

    /// Every violation of `schema` by `value`, each as `path: problem`; empty when it is valid.
    func violations(of value: JSONNode, against schema: JSONNode, at path: String = "$") -> [String] {
        var found: [String] = []
        check(value, schema, path, &found, depth: 0)
        return found
    }

    private func check(_ value: JSONNode, _ schema: JSONNode, _ path: String, _ found: inout [String], depth: Int) {
        guard depth < 64 else { return found.append("\(path): schema nesting too deep (a $ref cycle?)") }
        if case .bool(let accepts) = schema {
            if !accepts { found.append("\(path): no value is allowed here") }
            return
        }
        guard let keywords = schema.object else { return found.append("\(path): schema is not an object: \(schema)") }

        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "$ref":
                guard let reference = argument.string, let target = resolve(reference) else {
                    found.append("\(path): unresolvable $ref \(argument)")
                    continue
                }
                check(value, target, path, &found, depth: depth + 1)
            case "type":
                let allowed = argument.array?.compactMap(\.string) ?? argument.string.map { [$0] } ?? []
                if allowed.isEmpty { found.append("\(path): bad type keyword \(argument)") }
                if let unknown = allowed.first(where: { !Self.types.contains($0) }) {
                    found.append("\(path): unknown type \"\(unknown)\" in schema")
                }
                if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                    found.append("\(path): expected \(allowed.joined(separator: " or ")), got \(value.typeName) \(Self.brief(value))")
                }
            case "enum":
                guard let options = argument.array else { found.append("\(path): bad enum keyword"); continue }
                if !options.contains(value) {
                    found.append("\(path): \(Self.brief(value)) is not one of \(options.map(\.description).joined(separator: ", "))")
                }
            case "const":
                if value != argument { found.append("\(path): expected \(argument), got \(Self.brief(value))") }
            case "required":
                guard let members = value.object else { continue }
                for name in argument.array?.compactMap(\.string) ?? [] where members[name] == nil {
                    found.append("\(path): missing required property \"\(name)\"")
                }
            case "properties":
                guard let members = value.object, let properties = argument.object else { continue }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    if let propertySchema = properties[name] {
                        check(member, propertySchema, "\(path).\(name)", &found, depth: depth + 1)
                    }
                }
            case "additionalProperties":
                guard let members = value.object else { continue }
                let declared = Set(keywords["properties"]?.object?.keys.map { $0 } ?? [])
                for (name, member) in members.sorted(by: { $0.key < $1.key }) where !declared.contains(name) {
                    if argument == .bool(false) {
                        found.append("\(path): unexpected property \"\(name)\"")
                    } else {
                        check(member, argument, "\(path).\(name)", &found, depth: depth + 1)
                    }
                }
            case "items":
                guard let items = value.array else { continue }
                for (index, item) in items.enumerated() {
                    check(item, argument, "\(path)[\(index)]", &found, depth: depth + 1)
                }
            case "minItems", "maxItems":
                guard let items = value.array, let bound = argument.number else { continue }
                if keyword == "minItems" ? Double(items.count) < bound : Double(items.count) > bound {
                    found.append("\(path): \(items.count) items, \(keyword) is \(Int(bound))")
                }
            case "minLength", "maxLength":
                guard let text = value.string, let bound = argument.number else { continue }
                if keyword == "minLength" ? Double(text.count) < bound : Double(text.count) > bound {
                    found.append("\(path): length \(text.count), \(keyword) is \(Int(bound))")
                }
            case "minimum", "maximum":
                guard let number = value.number, let bound = argument.number else { continue }
                if keyword == "minimum" ? number < bound : number > bound {
                    found.append("\(path): \(Self.brief(value)) is \(keyword == "minimum" ? "below the minimum" : "above the maximum") \(argument)")
                }
            case "pattern":
                guard let text = value.string, let pattern = argument.string else { continue }
                guard let regex = Self.regex(pattern) else {
                    found.append("\(path): pattern \(pattern) is not a regular expression this validator reads")
                    continue
                }
                if text.firstMatch(of: regex) == nil {
                    found.append("\(path): \(Self.brief(value)) does not match the pattern \(pattern)")
                }
            case "not":
                if violations(of: value, against: argument, at: path).isEmpty {
                    found.append("\(path): \(Self.brief(value)) matches the schema it must not match")
                }
            case "format":
                guard let text = value.string, let format = argument.string else { continue }
                switch Self.formatCheck[format] {
                case let isValid?:
                    if !isValid(text) { found.append("\(path): \(Self.brief(value)) is not a valid \(format)") }
                case nil:
                    found.append("\(path): unsupported format \"\(format)\" in schema")
                }
            case "allOf":
                for (index, part) in (argument.array ?? []).enumerated() {
                    for problem in violations(of: value, against: part, at: path) {
                        found.append("\(problem) (allOf[\(index)])")
                    }
                }
            case "oneOf", "anyOf":
                let parts = argument.array ?? []
                let results = parts.map { violations(of: value, against: $0, at: path) }
                let passing = results.filter(\.isEmpty).count
                if keyword == "oneOf" ? passing != 1 : passing == 0 {
                    let reasons = results.enumerated().map { "[\($0.offset)] \($0.element.first ?? "matches")" }
                    found.append("\(path): \(passing) of \(parts.count) \(keyword) alternatives match: \(reasons.joined(separator: "; "))")
                }
            default:
                if !Self.annotations.contains(keyword) {
                    found.append("\(path): unsupported schema keyword \"\(keyword)\"")
                }
            }
        }
    }

    static let types: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    static func matches(_ value: JSONNode, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    static func brief(_ value: JSONNode) -> String {
        let text = value.description
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// A JSON Schema `pattern` (ECMA-262; the document uses only the syntax Swift shares with
    /// it) matched code point by code point, unanchored as JSON Schema requires.
    static func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        (try? Regex(pattern))?.matchingSemantics(.unicodeScalar)
    }

    static let formatCheck: [String: @Sendable (String) -> Bool] = [
        "uuid": { $0.count == 36 && UUID(uuidString: $0) != nil },
        "date": { isDate($0) },
        "date-time": { isDateTime($0) },
    ]

    /// `YYYY-MM-DD`, a real day of the Gregorian calendar.
    static func isDate(_ text: String) -> Bool {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
            let year = Int(match.1), let month = Int(match.2), let day = Int(match.3)
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        return components.isValidDate(in: calendar)
    }

    /// RFC 3339 `date-time`: a date, `T`, a time with optional fraction, and `Z` or an offset.
    static func isDateTime(_ text: String) -> Bool {
        guard let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})/),
            isDate(String(match.1)), let hour = Int(match.2), let minute = Int(match.3), let second = Int(match.4)
        else { return false }
        return hour < 24 && minute < 60 && second <= 60
    }
}
