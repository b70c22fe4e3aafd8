import GentaCore
import Testing

@Suite("CSV (RFC 4180)")
struct CSVTableTests {
    @Test("quoted fields hold commas, quotes and line breaks; records keep the line they start on")
    func quoting() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\"\"\n"
        let records = try CSVTable.parse(text)
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(records[2].fields == ["last", "", ""])
    }

    @Test("a file without a final line break ends its last record")
    func lastRecord() throws {
        #expect(try CSVTable.parse("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test("broken quoting is an error on its line", arguments: [
        ("a,b\n\"open,2\n", 2, "never closed"),
        ("a,b\nx\"y,2\n", 2, "quote inside an unquoted field"),
        ("a,b\n\"x\"y,2\n", 2, "text after a closing quote"),
    ])
    func broken(text: String, line: Int, message: String) {
        #expect {
            try CSVTable.parse(text)
        } throws: { error in
            guard let error = error as? CSVTable.SyntaxError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test("writing quotes what needs it, and reads back the same")
    func writing() throws {
        let fields = ["plain", "a,b", "say \"x\"", "two\nlines", " padded", ""]
        let line = CSVTable.line(fields)
        #expect(line == "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\" padded\",\r\n")
        #expect(try CSVTable.parse(line).first?.fields == fields)
    }
}
