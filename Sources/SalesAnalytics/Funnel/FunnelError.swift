/// A typed error of the event funnel and the CRM stage funnel, each case with its context.
public enum FunnelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The funnel has no steps, or more than `FunnelDefinition.maximumSteps`.
    case invalidStepCount(count: Int, maximum: Int)
    /// The window (or a per-step window) is negative.
    case invalidWindow(seconds: Int64, step: Int?)
    /// `stepWindowSeconds` does not have one entry per step.
    case stepWindowCount(count: Int, steps: Int)
    /// The exclusion spans steps outside the funnel or in the wrong order.
    case invalidExclusion(event: String, fromStep: Int, toStep: Int, steps: Int)
    /// The events have more distinct users than an `Int32` code can hold, or parallel arrays differ in length.
    case inconsistentInput(reason: String)
    /// A breakdown property was not prepared when the event log was built.
    case unknownProperty(name: String, available: [String])
    /// A stage name that the stage order does not know; `known` lists the stages it does.
    case unknownStage(name: String, opportunityID: String, known: [String])

    /// A one-line message naming the offending value.
    public var description: String {
        switch self {
        case let .invalidStepCount(count, maximum):
            return "a funnel needs 1 to \(maximum) steps, got \(count)"
        case let .invalidWindow(seconds, step):
            if let step { return "the window of step \(step + 1) is negative (\(seconds) s)" }
            return "the conversion window is negative (\(seconds) s)"
        case let .stepWindowCount(count, steps):
            return "per-step windows: \(count) given for \(steps) steps"
        case let .invalidExclusion(event, fromStep, toStep, steps):
            return "exclusion \"\(event)\" spans steps \(fromStep + 1)…\(toStep == Int.max ? steps : toStep + 1), "
                + "outside the funnel's \(steps) steps"
        case let .inconsistentInput(reason):
            return "event log: \(reason)"
        case let .unknownProperty(name, available):
            return "breakdown property \"\(name)\" was not loaded; loaded: "
                + (available.isEmpty ? "none" : available.map { "\"\($0)\"" }.joined(separator: ", "))
        case let .unknownStage(name, opportunityID, known):
            return "opportunity \(opportunityID): unknown stage \"\(name)\"; known stages: "
                + known.joined(separator: ", ") + " (map other names with a stage mapping)"
        }
    }
}
