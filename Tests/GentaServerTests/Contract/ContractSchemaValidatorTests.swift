import Foundation
import Testing

/// The validator must fail on what it claims to check; otherwise the contract tests pass vacuously.
@Suite("Contract: the schema validator itself")
struct ContractSchemaValidatorTests {
    static let definitions = JSONNode.object([
        "Letter": .object(["type": .string("string"), "enum": .array(["A", "B"].map(JSONNode.string))]),
        "Item": .object([
            "type": .string("object"),
            "required": .array([.string("id"), .string("letter")]),
            "properties": .object([
                "id": .object(["type": .string("string"), "format": .string("uuid")]),
                "letter": .object(["$ref": .string("#/Letter")]),
                "note": .object(["type": .array([.string("string"), .string("null")]), "maxLength": .number(5)]),
                "count": .object(["type": .string("integer"), "minimum": .number(1), "maximum": .number(100)]),
                "day": .object(["type": .string("string"), "format": .string("date")]),
                "at": .object(["type": .string("string"), "format": .string("date-time")]),
            ]),
            "additionalProperties": .bool(false),
        ]),
        "List": .object([
            "type": .string("object"),
            "required": .array([.string("items")]),
            "properties": .object(["items": .object(["type": .string("array"), "items": .object(["$ref": .string("#/Item")])])]),
            "additionalProperties": .bool(false),
        ]),
    ])

    let validator = SchemaValidator { OpenAPIDocument.resolve($0, in: ContractSchemaValidatorTests.definitions) }

    func problems(_ json: String, _ schema: String = "#/List") throws -> [String] {
        try validator.violations(of: JSONNode(data: Data(json.utf8)), against: .object(["$ref": .string(schema)]))
    }

    static let id = "6f1c7a52-2f0a-4c53-9d0e-0b7f3f1b9a10"

    @Test("valid values pass")
    func valid() throws {
        #expect(try problems(#"{"items":[]}"#) == [])
        #expect(try problems(#"""
            {"items":[{"id":"\#(Self.id)","letter":"A","note":null,"count":100,"day":"2028-02-29","at":"2026-11-30T02:00:00Z"},
                      {"id":"\#(Self.id)","letter":"B","note":"short","count":1.0,"at":"2026-11-30T09:00:00.125+07:00"}]}
            """#) == [])
    }

    @Test("each broken rule is reported with the JSON path of the value")
    func invalid() throws {
        let cases: [(String, String)] = [
            (#"{}"#, #"$: missing required property "items""#),
            (#"{"items":{}}"#, "$.items: expected array, got object"),
            (#"{"items":[{"letter":"A"}]}"#, #"$.items[0]: missing required property "id""#),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","correct_answer":"B"}]}"#, #"$.items[0]: unexpected property "correct_answer""#),
            (#"{"items":[{"id":"\#(Self.id)","letter":"F"}]}"#, #"$.items[0].letter: "F" is not one of "A", "B""#),
            (#"{"items":[{"id":"not-a-uuid","letter":"A"}]}"#, #"$.items[0].id: "not-a-uuid" is not a valid uuid"#),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","note":3}]}"#, "$.items[0].note: expected string or null, got integer 3"),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","note":"too long"}]}"#, "$.items[0].note: length 8, maxLength is 5"),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","count":1.5}]}"#, "$.items[0].count: expected integer, got number 1.5"),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","count":0}]}"#, "$.items[0].count: 0 is below the minimum 1"),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","count":101}]}"#, "$.items[0].count: 101 is above the maximum 100"),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","day":"2026-02-30"}]}"#, #"$.items[0].day: "2026-02-30" is not a valid date"#),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A","at":"2026-11-30 02:00"}]}"#, #"$.items[0].at: "2026-11-30 02:00" is not a valid date-time"#),
            (#"{"items":[{"id":"\#(Self.id)","letter":"A"},{"id":"\#(Self.id)","letter":true}]}"#, "$.items[1].letter: expected string, got boolean true"),
        ]
        for (json, expected) in cases {
            let found = try problems(json)
            #expect(found.contains { $0.hasPrefix(expected) }, "\(json) gave \(found)")
        }
    }

    @Test("a schema it cannot fully apply is a failure, never a pass")
    func strictAboutSchemas() throws {
        #expect(try problems(#"{"items":[]}"#, "#/Missing") == [##"$: unresolvable $ref "#/Missing""##])
        let unique = JSONNode.object(["type": .string("array"), "uniqueItems": .bool(true)])
        #expect(validator.violations(of: .array([.number(1), .number(1)]), against: unique)
            == [#"$: unsupported schema keyword "uniqueItems""#])
        let format = JSONNode.object(["type": .string("string"), "format": .string("email")])
        #expect(validator.violations(of: .string("x"), against: format) == [#"$: unsupported format "email" in schema"#])
    }

    @Test("pattern matches code points anywhere in the text; not inverts a schema")
    func patternAndNot() {
        let text = JSONNode.object(["type": .string("string"), "pattern": .string(#"^[^\x00-\x1f]*[^\s\x00-\x1f][^\x00-\x1f]*$"#)])
        #expect(validator.violations(of: .string("Siti 👍🏽"), against: text).isEmpty)
        #expect(validator.violations(of: .string("  "), against: text).count == 1, "only white space")
        #expect(validator.violations(of: .string("a\u{0}b"), against: text).count == 1, "a control character")
        let unanchored = JSONNode.object(["pattern": .string("b")])
        #expect(validator.violations(of: .string("abc"), against: unanchored).isEmpty)
        #expect(validator.violations(of: .number(1), against: unanchored).isEmpty, "pattern applies to strings only")
        let notReserved = JSONNode.object(["not": .object(["enum": .array([.string("user.deleted")])])])
        #expect(validator.violations(of: .string("session.created"), against: notReserved).isEmpty)
        #expect(validator.violations(of: .string("user.deleted"), against: notReserved).count == 1)
    }

    @Test("oneOf needs exactly one match, allOf every one")
    func combinators() {
        let integer = JSONNode.object(["type": .string("integer")])
        let number = JSONNode.object(["type": .string("number")])
        let oneOf = JSONNode.object(["oneOf": .array([integer, number])])
        #expect(validator.violations(of: .number(1.5), against: oneOf).isEmpty)
        #expect(validator.violations(of: .number(2), against: oneOf).count == 1, "2 is an integer and a number")
        let allOf = JSONNode.object(["allOf": .array([integer, .object(["minimum": .number(3)])])])
        #expect(validator.violations(of: .number(4), against: allOf).isEmpty)
        #expect(validator.violations(of: .number(2), against: allOf).count == 1)
    }
}
