import Foundation
import GentaCore
import GentaStore

struct ItemAnalysisResponse: Encodable {
    struct Option: Encodable {
        let letter: String
        let is_key: Bool
        let rate: Double
        let mean_ability: Double?
        let upper_group_rate: Double
    }

    let question_id: String
    let section: String
    let sub_type: String?
    let format: String
    let text: String
    let difficulty_irt: Double
    let discrimination: Double
    let guessing_param: Double
    let students: Int
    let correct_rate: Double?
    let expected_rate: Double?
    let point_biserial: Double?
    let avg_time_seconds: Double?
    let options: [Option]
    let assessment: String
    let flags: [String]
    let helpful_ratings: Int
    let unhelpful_ratings: Int
    let wrong_key_reports: Int
    let computed_at: Date

    init(_ entry: ItemAnalysisQueries.Entry) {
        let analysis = entry.analysis
        question_id = entry.questionID.uuidString.lowercased()
        section = entry.section.rawValue
        sub_type = entry.subType
        format = entry.format.rawValue
        text = String(entry.text.unicodeScalars.prefix(200))
        difficulty_irt = entry.parameters.b
        discrimination = entry.parameters.a
        guessing_param = entry.parameters.c
        students = analysis.students
        correct_rate = analysis.correctRate.map { Self.round($0) }
        expected_rate = analysis.expectedRate.map { Self.round($0) }
        point_biserial = analysis.pointBiserial.map { Self.round($0) }
        avg_time_seconds = analysis.averageSeconds.map { ($0 * 10).rounded() / 10 }
        options = analysis.options.map {
            Option(letter: $0.letter, is_key: $0.isKey, rate: Self.round($0.rate), mean_ability: $0.meanAbility.map { Self.round($0) },
                upper_group_rate: Self.round($0.upperGroupRate))
        }
        assessment = analysis.assessment.rawValue
        flags = analysis.flags.map(\.rawValue)
        helpful_ratings = analysis.helpfulRatings
        unhelpful_ratings = analysis.unhelpfulRatings
        wrong_key_reports = analysis.wrongKeyReports
        computed_at = entry.computedAt
    }

    static func round(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}

struct ItemAnalysisListResponse: Encodable {
    let questions: [ItemAnalysisResponse]
    let limit: Int
    let offset: Int
}
