import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The content team's question banks: create, list, read, rename, delete, import and export.
struct BankController {
    let banks: BankQueries
    let importer: ContentImport
    let export: BankExport
    /// Largest import file accepted (GENTA_IMPORT_MAX_BYTES): 20,000 questions fit in far less.
    let maximumImportBytes: Int

    func addRoutes(to group: Routes) {
        group.get("admin/question-banks") { request, context in
            _ = try context.requireStaff()
            let query = request.uri.queryParameters
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200)
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...1_000_000)
            return Response.json(BankListResponse(
                banks: try await banks.list(limit: limit, offset: offset).map(BankResponse.init), limit: limit, offset: offset))
        }
        group.post("admin/question-banks") { request, context in
            _ = try context.requireStaff()
            let body = try await request.decodeJSON(as: BankRequest.self, context: context)
            let metadata = try Self.metadata(body, current: nil)
            return Response.json(BankResponse(try await banks.create(metadata)), status: .created)
        }
        group.get("admin/question-banks/{id}") { _, context in
            _ = try context.requireStaff()
            return Response.json(BankResponse(try await banks.bank(try Input.uuid(context.parameters.get("id"), field: "id"))))
        }
        group.patch("admin/question-banks/{id}") { request, context in
            _ = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let body = try await request.decodeJSON(as: BankRequest.self, context: context)
            let metadata = try Self.metadata(body, current: try await banks.bank(id).metadata)
            return Response.json(BankResponse(try await banks.update(id, metadata)))
        }
        group.delete("admin/question-banks/{id}") { _, context in
            let admin = try context.requireAdmin("delete a question bank")
            try await banks.delete(try Input.uuid(context.parameters.get("id"), field: "id"), by: admin.id)
            return Response(status: .noContent)
        }
        group.post("admin/question-banks/{id}/import") { request, context in
            let staff = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let dryRun = try Input.bool(request.uri.queryParameters["dry_run"].map(String.init), field: "dry_run") ?? false
            let (data, format, name) = try await Self.uploadedFile(request, limit: maximumImportBytes)
            do {
                let bank = try QuestionBankParser.parseFile(data, format: format, fileName: name)
                return Response.json(ImportReportResponse(try await importer.apply(bank, to: id, by: staff.id, dryRun: dryRun)),
                    status: dryRun ? .ok : .created)
            } catch let rejected as BankValidationError {
                return Response.json(RejectionResponse(code: "import_rejected",
                    message: "The file has \(rejected.problems.count) problem(s); nothing was imported. Each is listed with its line.",
                    rejected.problems), status: .unprocessableContent)
            }
        }
        group.get("admin/question-banks/{id}/export") { request, context in
            _ = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let raw = request.uri.queryParameters["format"].map(String.init) ?? "csv"
            guard let format = QuestionFileFormat(rawValue: raw) else {
                throw AppError(.badRequest, code: "invalid_format", message: "format must be csv or jsonl.", details: ["field": "format"])
            }
            let data = try await export.file(bankID: id, format: format)
            return Response(status: .ok, headers: [
                .contentType: format.contentType,
                .contentDisposition: "attachment; filename=\"bank-\(id.uuidString.lowercased()).\(format.rawValue)\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The bank fields of a request, over `current` for a partial update.
    static func metadata(_ body: BankRequest, current: BankMetadata?) throws -> BankMetadata {
        guard let name = try Input.text(body.name, field: "name", maximum: 255) ?? current?.name else {
            throw AppError(.badRequest, code: "missing_field", message: "The field name is required.", details: ["field": "name"])
        }
        return BankMetadata(
            name: name, description: try Input.text(body.description, field: "description", maximum: 5_000) ?? current?.description,
            source: try Input.text(body.source, field: "source", maximum: 100) ?? current?.source ?? "content_team")
    }

    /// The file of an import: the raw body (`text/csv` or `application/x-ndjson`), or the
    /// `file` part of a `multipart/form-data` form, its format from its content type or name.
    static func uploadedFile(_ request: Request, limit: Int) async throws -> (Data, QuestionFileFormat, String) {
        let contentType = request.headers[.contentType]
        let body = Data(buffer: try await request.collectBody(upTo: limit))
        guard !body.isEmpty else { throw AppError(.badRequest, code: "body_required", message: "Send the file as the body or as a form's file part.") }
        guard let boundary = MultipartForm.boundary(of: contentType) else {
            guard let format = QuestionFileFormat.of(fileName: nil, contentType: contentType) else {
                throw AppError(.unsupportedMediaType, code: "unsupported_file_type",
                    message: "Send a CSV (text/csv, .csv) or JSON Lines (application/x-ndjson, .jsonl) file.")
            }
            return (body, format, "upload.\(format.rawValue)")
        }
        let form: MultipartForm
        do { form = try MultipartForm(body, boundary: boundary) } catch {
            throw AppError(.badRequest, code: "invalid_multipart", message: "The form could not be read (multipart/form-data).")
        }
        guard let part = form.parts.first(where: { $0.name == "file" }) else {
            throw AppError(.badRequest, code: "missing_field", message: "The form needs a part named file.", details: ["field": "file"])
        }
        // A form part often comes as application/octet-stream: its name or type decides, else its
        // first character does (a JSON Lines file starts with "{").
        let format = QuestionFileFormat.of(fileName: part.fileName, contentType: part.contentType)
            ?? (part.data.first(where: { !Character(UnicodeScalar($0)).isWhitespace }) == UInt8(ascii: "{") ? .jsonl : .csv)
        return (part.data, format, part.fileName.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "upload.\(format.rawValue)")
    }
}
