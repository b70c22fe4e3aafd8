import Foundation

/// A reading text several questions share (PBM, LBI and LBE are built on them): text, and
/// optionally a table of data or a reference to a figure.
public struct Passage: Sendable, Hashable {
    public var id: UUID
    public var title: String?
    public var text: String
    public var table: PassageTable?
    /// A description of a figure the text refers to ("Gambar 1: …"), shown as text.
    public var figureReference: String?

    public init(id: UUID, title: String?, text: String, table: PassageTable?, figureReference: String?) {
        self.id = id
        self.title = title
        self.text = text
        self.table = table
        self.figureReference = figureReference
    }
}

/// A small table of data inside a passage: column headings and rows of cells.
public struct PassageTable: Sendable, Hashable, Codable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// A passage as it arrives in a bank file, named by its `key` (`LBI-P01`).
public struct PassageDraft: Sendable, Hashable {
    public var key: String
    public var section: Section
    public var title: String?
    public var text: String
    public var table: PassageTable?
    public var figureReference: String?

    public init(key: String, section: Section, title: String?, text: String, table: PassageTable?, figureReference: String?) {
        self.key = key
        self.section = section
        self.title = title
        self.text = text
        self.table = table
        self.figureReference = figureReference
    }
}
