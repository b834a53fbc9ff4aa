/// One step of a funnel's result.
public struct FunnelStepResult: Sendable, Equatable {
    /// The step's event name.
    public let name: String
    /// Users whose funnel level reached this step (ClickHouse: `windowFunnel(...) ≥ k`).
    public let users: Int
    /// `users / users of the previous step` (1 for the first step); `nil` when the denominator is 0.
    public let conversionFromPrevious: Double?
    /// `users / users of the first step`; `nil` when no user reached the first step.
    public let conversionFromFirst: Double?
    /// Users of the previous step who did not reach this one (0 for the first step).
    public let dropOff: Int
    /// `dropOff / users of the previous step`; `nil` for the first step or a zero denominator.
    public let dropOffRate: Double?
    /// Seconds from the previous step to this one along each converting user's credited chain
    /// (empty for the first step).
    public let secondsFromPrevious: DurationDistribution
    /// Seconds from the first step to this one along each converting user's credited chain.
    public let secondsFromFirst: DurationDistribution

    /// Builds a step from its counts and durations (conversion rates are derived).
    /// - Parameters:
    ///   - name: The step's event name.
    ///   - users: Users reaching the step.
    ///   - previousUsers: Users reaching the previous step (`nil` for the first step).
    ///   - firstUsers: Users reaching the first step.
    ///   - secondsFromPrevious: Durations from the previous step.
    ///   - secondsFromFirst: Durations from the first step.
    public init(name: String, users: Int, previousUsers: Int?, firstUsers: Int,
                secondsFromPrevious: DurationDistribution, secondsFromFirst: DurationDistribution) {
        self.name = name
        self.users = users
        if let previousUsers {
            conversionFromPrevious = previousUsers > 0 ? Double(users) / Double(previousUsers) : nil
            dropOff = previousUsers - users
            dropOffRate = previousUsers > 0 ? Double(previousUsers - users) / Double(previousUsers) : nil
        } else {
            conversionFromPrevious = users > 0 ? 1 : nil
            dropOff = 0
            dropOffRate = nil
        }
        conversionFromFirst = firstUsers > 0 ? Double(users) / Double(firstUsers) : nil
        self.secondsFromPrevious = secondsFromPrevious
        self.secondsFromFirst = secondsFromFirst
    }
}

/// A funnel's steps for one value of the breakdown property.
public struct FunnelGroupResult: Sendable, Equatable {
    /// The property value (`nil`: users without a value).
    public let value: String?
    /// Users in the group (with at least one event, not excluded).
    public let users: Int
    /// The steps, in funnel order.
    public let steps: [FunnelStepResult]
}

/// The result of `EventFunnel.run`.
public struct FunnelResult: Sendable, Equatable {
    /// The funnel that was run.
    public let definition: FunnelDefinition
    /// Users with at least one event, after exclusions.
    public let totalUsers: Int
    /// Users removed by the exclusion step.
    public let excludedUsers: Int
    /// `levelCounts[k]` users ended at exactly level k (0…steps).
    public let levelCounts: [Int]
    /// The steps, in funnel order.
    public let steps: [FunnelStepResult]
    /// The breakdown property's name, when the funnel was broken down.
    public let breakdownProperty: String?
    /// One entry per property value that has users (in level order, the no-value group last).
    public let breakdown: [FunnelGroupResult]
    /// Step or exclusion names that no event in the data has (nobody reaches such a step).
    public let absentEvents: [String]
    /// Every event name in the data, for messages about `absentEvents`.
    public let knownEvents: [String]
}
