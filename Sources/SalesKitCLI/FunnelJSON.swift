import SalesKit

/// A duration summary: count, quantiles and mean in seconds (or days), `null` when empty.
struct DistributionJSON: Encodable {
    let distribution: DurationDistribution
    let scale: Double

    enum Key: String, CodingKey { case count, median, p25, p75, p90, mean, histogram, histogramEdgesSeconds }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(distribution.count, forKey: .count)
        try c.encode(distribution.median.map { $0 / scale }, forKey: .median)
        try c.encode(distribution.p25.map { $0 / scale }, forKey: .p25)
        try c.encode(distribution.p75.map { $0 / scale }, forKey: .p75)
        try c.encode(distribution.p90.map { $0 / scale }, forKey: .p90)
        try c.encode(distribution.mean.map { $0 / scale }, forKey: .mean)
        let edges: [Int64] = [60, 600, 3_600, 21_600, 86_400, 259_200, 604_800, 2_592_000]
        try c.encode(edges, forKey: .histogramEdgesSeconds)
        try c.encode(distribution.histogram(edges: edges), forKey: .histogram)
    }
}

/// One step: `{"name","users","conversionFromPrevious","conversionFromFirst","medianSecondsFromPrevious", …}`.
struct FunnelStepJSON: Encodable {
    let step: FunnelStepResult

    enum Key: String, CodingKey {
        case name, users, conversionFromPrevious, conversionFromFirst, medianSecondsFromPrevious
        case dropOff, dropOffRate, secondsFromPrevious, secondsFromFirst
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(step.name, forKey: .name)
        try c.encode(step.users, forKey: .users)
        try c.encode(step.conversionFromPrevious, forKey: .conversionFromPrevious)
        try c.encode(step.conversionFromFirst, forKey: .conversionFromFirst)
        try c.encode(step.secondsFromPrevious.median, forKey: .medianSecondsFromPrevious)
        try c.encode(step.dropOff, forKey: .dropOff)
        try c.encode(step.dropOffRate, forKey: .dropOffRate)
        try c.encode(DistributionJSON(distribution: step.secondsFromPrevious, scale: 1), forKey: .secondsFromPrevious)
        try c.encode(DistributionJSON(distribution: step.secondsFromFirst, scale: 1), forKey: .secondsFromFirst)
    }
}

/// `saleskit funnel --events` JSON.
struct EventFunnelJSON: Encodable {
    let result: FunnelResult
    let rejected: [RejectedRow]

    struct Group: Encodable {
        let value: String?
        let users: Int
        let steps: [FunnelStepJSON]
        enum Key: String, CodingKey { case value, users, steps }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(value, forKey: .value)
            try c.encode(users, forKey: .users)
            try c.encode(steps, forKey: .steps)
        }
    }

    enum Key: String, CodingKey {
        case steps, totalUsers, excludedUsers, mode, windowSeconds, breakdownProperty, breakdown, rejected, absentEvents
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(result.steps.map(FunnelStepJSON.init), forKey: .steps)
        try c.encode(result.totalUsers, forKey: .totalUsers)
        try c.encode(result.excludedUsers, forKey: .excludedUsers)
        try c.encode(result.definition.mode.description, forKey: .mode)
        try c.encode(result.definition.windowSeconds, forKey: .windowSeconds)
        try c.encode(result.breakdownProperty, forKey: .breakdownProperty)
        try c.encode(result.breakdown.map { Group(value: $0.value, users: $0.users, steps: $0.steps.map(FunnelStepJSON.init)) },
                     forKey: .breakdown)
        try c.encode(result.absentEvents, forKey: .absentEvents)
        try c.encode(rejected, forKey: .rejected)
    }
}

/// `saleskit funnel --stage-history` JSON: `{"stages":[{"name","entered","advanced","medianDays"}],"bottleneck"}`.
struct StageFunnelJSON: Encodable {
    let report: StageFunnel.Report
    let rejected: [RejectedRow]

    struct Stage: Encodable {
        let stage: StageFunnel.Stage
        enum Key: String, CodingKey { case name, entered, advanced, lost, stillOpen, conversion, closedConversion, medianDays, p90Days }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(stage.name, forKey: .name)
            try c.encode(stage.entered, forKey: .entered)
            try c.encode(stage.advanced, forKey: .advanced)
            try c.encode(stage.lost, forKey: .lost)
            try c.encode(stage.stillOpen, forKey: .stillOpen)
            try c.encode(stage.conversion, forKey: .conversion)
            try c.encode(stage.closedConversion, forKey: .closedConversion)
            try c.encode(stage.medianDays, forKey: .medianDays)
            try c.encode(stage.p90Days, forKey: .p90Days)
        }
    }

    struct Leak: Encodable {
        let row: StageFunnel.SegmentLeakage
        enum Key: String, CodingKey { case segment, value, deals, won, lost, lostAt, winRate, worstStage }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(row.column, forKey: .segment)
            try c.encode(row.value, forKey: .value)
            try c.encode(row.deals, forKey: .deals)
            try c.encode(row.won, forKey: .won)
            try c.encode(row.lost, forKey: .lost)
            try c.encode(row.lostAt, forKey: .lostAt)
            try c.encode(row.winRate, forKey: .winRate)
            try c.encode(row.worstStage, forKey: .worstStage)
        }
    }

    enum Key: String, CodingKey { case stages, bottleneck, slowestStage, leakage, conversion, deals, rejected }
    enum ConversionKey: String, CodingKey { case leads, opportunities, won, leadToOpportunity, opportunityToWon, leadToWon }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(report.stages.map(Stage.init), forKey: .stages)
        try c.encode(report.mostLossesStage, forKey: .bottleneck)
        try c.encode(report.slowestStage, forKey: .slowestStage)
        try c.encode(report.leakage.map(Leak.init), forKey: .leakage)
        var conversion = c.nestedContainer(keyedBy: ConversionKey.self, forKey: .conversion)
        try conversion.encode(report.conversion.leads, forKey: .leads)
        try conversion.encode(report.conversion.opportunities, forKey: .opportunities)
        try conversion.encode(report.conversion.won, forKey: .won)
        try conversion.encode(report.conversion.leadToOpportunity, forKey: .leadToOpportunity)
        try conversion.encode(report.conversion.opportunityToWon, forKey: .opportunityToWon)
        try conversion.encode(report.conversion.leadToWon, forKey: .leadToWon)
        try c.encode(report.deals, forKey: .deals)
        try c.encode(rejected, forKey: .rejected)
    }
}
