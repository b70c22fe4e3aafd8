import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// Item analysis for the content team: the list (as the hourly job last computed it, flagged
/// questions first) and one question computed on request.
struct ItemAnalysisController {
    let analyses: ItemAnalysisQueries

    func addRoutes(to group: Routes) {
        group.get("admin/questions/analysis") { request, context in
            _ = try context.requireStaff()
            let query = request.uri.queryParameters
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200)
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...1_000_000)
            let entries = try await analyses.list(ItemAnalysisQueries.Filter(
                section: try Input.section(query["section"].map(String.init)),
                subType: try Input.subType(query["sub_type"].map(String.init)),
                assessment: try Self.choice(query["assessment"].map(String.init), field: "assessment", as: ItemAnalysis.Assessment.self),
                flag: try Self.choice(query["flag"].map(String.init), field: "flag", as: ItemAnalysis.Flag.self),
                limit: limit, offset: offset))
            return Response.json(ItemAnalysisListResponse(questions: entries.map(ItemAnalysisResponse.init), limit: limit, offset: offset))
        }
        group.get("admin/questions/{id}/analysis") { request, context in
            _ = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let minimum = try Input.integer(request.uri.queryParameters["min_sample"].map(String.init), field: "min_sample",
                default: ItemAnalysis.Thresholds().minimumSample, in: 1...100_000)
            return Response.json(ItemAnalysisResponse(try await analyses.analysis(of: id, thresholds: .init(minimumSample: minimum))))
        }
    }

    /// An optional query value that must be one of `T`'s raw values; empty is absent.
    static func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, field: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let raw, !raw.isEmpty else { return nil }
        guard let value = T(rawValue: raw) else {
            throw AppError(.badRequest, code: "invalid_parameter",
                message: "\(field) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).", details: ["field": field])
        }
        return value
    }
}
