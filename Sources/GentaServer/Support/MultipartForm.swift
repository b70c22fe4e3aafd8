import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578): enough to take an uploaded file out
/// of a browser's or curl's `-F file=@bank.csv` form.
struct MultipartForm {
    struct Part {
        var name: String
        var fileName: String?
        var contentType: String?
        var data: Data
    }

    var parts: [Part]

    /// The boundary of a `multipart/form-data; boundary=…` content type; nil for another type.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    struct Malformed: Error {}

    init(_ body: Data, boundary: String) throws(Malformed) {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: bytes, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { throw Malformed() }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            // A part sits between "--boundary\r\n" and "\r\n--boundary".
            var from = start + delimiter.count
            guard from + 2 <= end, bytes[from] == 0x0D, bytes[from + 1] == 0x0A else { throw Malformed() }
            from += 2
            let to = end - 2
            guard to >= from, bytes[to] == 0x0D, bytes[to + 1] == 0x0A else { throw Malformed() }
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: from), headerEnd <= to else { throw Malformed() }
            let headers = String(decoding: bytes[from..<headerEnd], as: UTF8.self)
            parts.append(try Self.part(headers: headers, data: Data(bytes[(headerEnd + 4)..<to])))
        }
        self.parts = parts
    }

    private static func part(headers: String, data: Data) throws(Malformed) -> Part {
        var name: String?, fileName: String?, contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "content-disposition":
                for parameter in pair[1].split(separator: ";").dropFirst() {
                    let keyValue = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard keyValue.count == 2 else { continue }
                    let value = keyValue[1].hasPrefix("\"") && keyValue[1].hasSuffix("\"") && keyValue[1].count >= 2
                        ? String(keyValue[1].dropFirst().dropLast()) : keyValue[1]
                    switch keyValue[0].lowercased() {
                    case "name": name = value
                    case "filename": fileName = value
                    default: break
                    }
                }
            case "content-type": contentType = pair[1]
            default: break
            }
        }
        guard let name else { throw Malformed() }
        return Part(name: name, fileName: fileName, contentType: contentType, data: data)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
