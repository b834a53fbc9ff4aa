/// The CRM pipeline's stages in order, the two closing stages, and how a user's stage names map
/// onto them.
public struct StageOrder: Sendable, Equatable {
    /// The open stages in pipeline order (contract: prospecting, qualification, proposal, negotiation).
    public var openStages: [String]
    /// The stage of a won deal.
    public var wonStage: String
    /// The stage of a lost deal.
    public var lostStage: String
    /// The user's stage names → one of the stages above (for exports that say `Discovery` or `赢单`).
    public var mapping: [String: String]

    /// The contract's stage order.
    public static let contract = StageOrder(
        openStages: ["prospecting", "qualification", "proposal", "negotiation"],
        wonStage: "closed_won", lostStage: "closed_lost")

    /// A stage order.
    /// - Parameters:
    ///   - openStages: Open stages in order.
    ///   - wonStage: The won stage's name.
    ///   - lostStage: The lost stage's name.
    ///   - mapping: Other names → stages of this order.
    public init(openStages: [String], wonStage: String, lostStage: String, mapping: [String: String] = [:]) {
        self.openStages = openStages
        self.wonStage = wonStage
        self.lostStage = lostStage
        self.mapping = mapping
    }

    /// Every stage this order knows, open stages first.
    public var knownStages: [String] { openStages + [wonStage, lostStage] }

    /// Where a stage name falls: an open stage's index, or won / lost.
    public enum Position: Sendable, Equatable {
        /// The open stage at this index of `openStages`.
        case open(Int)
        /// The won stage.
        case won
        /// The lost stage.
        case lost
    }

    /// The position of a stage name (after the mapping), or `nil` when unknown.
    /// - Parameter name: A stage name as written in the data.
    /// - Returns: The position.
    /// - Complexity: O(stages).
    public func position(of name: String) -> Position? {
        let stage = mapping[name] ?? name
        if stage == wonStage { return .won }
        if stage == lostStage { return .lost }
        return openStages.firstIndex(of: stage).map { .open($0) }
    }
}
