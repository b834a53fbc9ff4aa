import Foundation

/// The true parameters the synthetic data are drawn from; `truth.json` records them beside the
/// data so a fitted model can be checked against what generated the data.
///
/// The defaults are the values the committed `datasets/` were generated with. Changing any value
/// changes the output bytes.
public struct GeneratorParameters: Sendable, Equatable {
    /// BG/NBD purchase process (time unit: days). Each customer buys at signup (the first order),
    /// then repeat purchases arrive as a Poisson process with rate λ ~ Gamma(shape r, rate α);
    /// after each repeat purchase the customer drops out with probability p ~ Beta(a, b).
    public var bgnbdR = 0.75
    /// BG/NBD α (rate of the Gamma on λ, in days).
    public var bgnbdAlpha = 35.0
    /// BG/NBD a (Beta on the dropout probability).
    public var bgnbdA = 0.9
    /// BG/NBD b (Beta on the dropout probability).
    public var bgnbdB = 5.0
    /// Gamma-Gamma p: a transaction's deseasonalised value is Gamma(shape p, rate ν).
    public var gammaGammaP = 6.0
    /// Gamma-Gamma q: the customer's ν ~ Gamma(shape q, rate γ).
    public var gammaGammaQ = 4.0
    /// Gamma-Gamma γ (rate of the Gamma on ν).
    public var gammaGammaGamma = 50.0
    /// Multipliers on every order amount by calendar month (January first); mean exactly 1.
    public var monthlyAmountFactors: [Double] = [0.85, 0.85, 0.95, 0.98, 1.00, 0.95, 0.90, 0.92, 1.02, 1.05, 1.18, 1.35]
    /// Multipliers on new customers per calendar month (January first); mean 1.
    public var monthlyAcquisitionFactors: [Double] = [0.90, 0.92, 1.00, 1.02, 1.00, 0.95, 0.88, 0.90, 1.05, 1.08, 1.10, 1.20]
    /// Linear trend in new customers: month i of n (0-based) gets weight `1 + growth · i / (n − 1)`.
    public var acquisitionGrowth = 0.6
    /// Probability that an order is (fully) refunded later.
    public var refundRate = 0.02
    /// A refund is dated 1…`refundMaxDelayDays` days after its order (uniform).
    public var refundMaxDelayDays = 30
    /// Acquisition channels: name, share of new customers, cost per acquired customer (0: no spend rows).
    public var channels: [Channel] = [
        Channel(name: "organic", share: 0.25, costPerAcquisition: 0),
        Channel(name: "paid_search", share: 0.25, costPerAcquisition: 120),
        Channel(name: "social", share: 0.20, costPerAcquisition: 90),
        Channel(name: "display", share: 0.10, costPerAcquisition: 150),
        Channel(name: "email", share: 0.10, costPerAcquisition: 40),
        Channel(name: "referral", share: 0.10, costPerAcquisition: 60),
    ]
    /// Monthly spend of a channel = acquisitions × cost × exp(σ Z), Z standard normal.
    public var spendNoiseSigma = 0.1
    /// Regions of customers and opportunities with their probabilities.
    public var regions: [Level] = [
        Level(name: "north_america", probability: 0.45), Level(name: "emea", probability: 0.30),
        Level(name: "apac", probability: 0.15), Level(name: "latam", probability: 0.10),
    ]
    /// Opportunity sources with probabilities (the first is the logistic model's baseline).
    public var sources: [Level] = [
        Level(name: "inbound", probability: 0.35), Level(name: "outbound", probability: 0.30),
        Level(name: "referral", probability: 0.15), Level(name: "partner", probability: 0.12),
        Level(name: "event", probability: 0.08),
    ]
    /// Opportunity industries with probabilities (the first is the baseline).
    public var industries: [Level] = [
        Level(name: "software", probability: 0.25), Level(name: "finance", probability: 0.20),
        Level(name: "healthcare", probability: 0.15), Level(name: "retail", probability: 0.15),
        Level(name: "manufacturing", probability: 0.15), Level(name: "education", probability: 0.10),
    ]
    /// Opportunity amount: exp(μ + σ Z).
    public var opportunityLogAmountMean = 9.9
    /// σ of the opportunity log-amount.
    public var opportunityLogAmountSigma = 1.0
    /// num_activities ~ Poisson(this mean).
    public var activitiesMean = 8.0
    /// num_meetings ~ Poisson(base + perActivity · num_activities).
    public var meetingsBase = 1.0
    /// See `meetingsBase`.
    public var meetingsPerActivity = 0.2
    /// Win model: logit P(won) = intercept + Σ coefficient · feature, features defined in `winModelTerms`.
    public var winIntercept = 2.0
    /// Coefficient of ln(amount).
    public var winLogAmount = -0.35
    /// Coefficient of num_activities.
    public var winActivities = 0.06
    /// Coefficient of num_meetings.
    public var winMeetings = 0.35
    /// Coefficients of the source dummies, one per non-baseline source, in `sources` order.
    public var winSource: [Double] = [-0.6, 0.8, 0.3, -0.2]
    /// Coefficients of the industry dummies, one per non-baseline industry.
    public var winIndustry: [Double] = [0.2, -0.3, -0.1, 0.1, -0.4]
    /// Coefficients of the region dummies, one per non-baseline region.
    public var winRegion: [Double] = [0.1, -0.2, -0.3]
    /// Sales cycle in days ~ Gamma(shape) × scale × (amount / 20000)^exponent.
    public var cycleShape = 2.0
    /// See `cycleShape`.
    public var cycleScaleDays = 20.0
    /// See `cycleShape`.
    public var cycleAmountExponent = 0.4
    /// Funnel: P(signup | visit), P(trial | signup), P(purchase | trial).
    public var funnelConversion: [Double] = [0.4, 0.5, 0.3]
    /// Mean delay in seconds from the previous step to signup, trial, purchase.
    public var funnelMeanDelaySeconds: [Double] = [7_200, 86_400, 259_200]
    /// After each visit another visit follows with this probability (mean delay two days).
    public var repeatVisitProbability = 0.3
    /// Each event row is duplicated (same user, event, timestamp) with this probability.
    public var duplicateEventProbability = 0.05
    /// Each adjacent pair of a user's rows is swapped in the file with this probability.
    public var outOfOrderProbability = 0.03
    /// Share of customers who answer surveys; each answers 1 + Poisson(0.5) of them.
    public var surveyResponseRate = 0.3
    /// Share of survey answers that are NPS (0–10); the rest are CSAT (1–5).
    public var npsShare = 0.6

    /// A categorical level and its probability.
    public struct Level: Sendable, Equatable {
        /// The value written in the CSV.
        public var name: String
        /// Its probability (the levels' probabilities are normalised to sum to 1).
        public var probability: Double
        /// Creates a level.
        /// - Parameters:
        ///   - name: The value written in the CSV (no commas, quotes or newlines).
        ///   - probability: Its weight (> 0).
        public init(name: String, probability: Double) {
            self.name = name
            self.probability = probability
        }
    }

    /// An acquisition channel.
    public struct Channel: Sendable, Equatable {
        /// The `acquisition_channel` / `channel` value.
        public var name: String
        /// Share of new customers acquired through it.
        public var share: Double
        /// Marketing cost per acquired customer (0: the channel has no spend rows).
        public var costPerAcquisition: Double
        /// Creates a channel.
        /// - Parameters:
        ///   - name: The value written in the CSV.
        ///   - share: Share of new customers (> 0).
        ///   - costPerAcquisition: Cost per new customer (≥ 0).
        public init(name: String, share: Double, costPerAcquisition: Double) {
            self.name = name
            self.share = share
            self.costPerAcquisition = costPerAcquisition
        }
    }

    /// The default parameters.
    public init() {}

    /// Mean of a (deseasonalised) transaction value implied by Gamma-Gamma: p γ / (q − 1).
    public var impliedMeanTransactionValue: Double {
        gammaGammaP * gammaGammaGamma / (gammaGammaQ - 1)
    }

    /// The win model's terms in order: the intercept, then `ln_amount`, `num_activities`,
    /// `num_meetings`, then `source=…`, `industry=…`, `region=…` dummies (non-baseline levels).
    public var winModelTerms: [(term: String, coefficient: Double)] {
        var terms: [(String, Double)] = [("intercept", winIntercept), ("ln_amount", winLogAmount),
                                         ("num_activities", winActivities), ("num_meetings", winMeetings)]
        for (level, beta) in zip(sources.dropFirst(), winSource) { terms.append(("source=\(level.name)", beta)) }
        for (level, beta) in zip(industries.dropFirst(), winIndustry) { terms.append(("industry=\(level.name)", beta)) }
        for (level, beta) in zip(regions.dropFirst(), winRegion) { terms.append(("region=\(level.name)", beta)) }
        return terms
    }

    /// The linear predictor of the win model for one opportunity.
    /// - Parameters:
    ///   - amount: Opportunity amount (> 0).
    ///   - activities: num_activities.
    ///   - meetings: num_meetings.
    ///   - source: Index into `sources`.
    ///   - industry: Index into `industries`.
    ///   - region: Index into `regions`.
    /// - Returns: logit P(won).
    public func winLogit(amount: Double, activities: Int, meetings: Int, source: Int, industry: Int, region: Int) -> Double {
        var eta = winIntercept + winLogAmount * log(amount)
        eta += winActivities * Double(activities) + winMeetings * Double(meetings)
        if source > 0 { eta += winSource[source - 1] }
        if industry > 0 { eta += winIndustry[industry - 1] }
        if region > 0 { eta += winRegion[region - 1] }
        return eta
    }

    /// Checks every value's range.
    /// - Throws: `GeneratorError.invalidConfiguration` naming the first bad parameter.
    public func validate() throws {
        func require(_ ok: Bool, _ name: String, _ value: Any, _ reason: String) throws {
            if !ok { throw GeneratorError.invalidConfiguration(parameter: name, value: "\(value)", reason: reason) }
        }
        func positive(_ value: Double, _ name: String) throws {
            try require(value > 0 && value.isFinite, name, value, "must be positive and finite")
        }
        func probability(_ value: Double, _ name: String) throws {
            try require(value >= 0 && value <= 1, name, value, "must be a probability in [0, 1]")
        }
        try positive(bgnbdR, "bgnbdR"); try positive(bgnbdAlpha, "bgnbdAlpha")
        try positive(bgnbdA, "bgnbdA"); try positive(bgnbdB, "bgnbdB")
        try positive(gammaGammaP, "gammaGammaP"); try positive(gammaGammaGamma, "gammaGammaGamma")
        try require(gammaGammaQ > 1 && gammaGammaQ.isFinite, "gammaGammaQ", gammaGammaQ, "must exceed 1 (finite mean spend)")
        try require(monthlyAmountFactors.count == 12 && monthlyAmountFactors.allSatisfy { $0 > 0 },
                    "monthlyAmountFactors", monthlyAmountFactors, "needs 12 positive factors")
        try require(monthlyAcquisitionFactors.count == 12 && monthlyAcquisitionFactors.allSatisfy { $0 > 0 },
                    "monthlyAcquisitionFactors", monthlyAcquisitionFactors, "needs 12 positive factors")
        try require(acquisitionGrowth > -1 && acquisitionGrowth.isFinite, "acquisitionGrowth", acquisitionGrowth, "must exceed -1")
        try probability(refundRate, "refundRate")
        try require(refundMaxDelayDays >= 1, "refundMaxDelayDays", refundMaxDelayDays, "must be at least 1")
        try require(!channels.isEmpty && channels.allSatisfy { $0.share > 0 && $0.costPerAcquisition >= 0 && isPlainName($0.name) },
                    "channels", channels.map(\.name), "need positive shares, non-negative costs and plain names")
        try require(spendNoiseSigma >= 0, "spendNoiseSigma", spendNoiseSigma, "must be non-negative")
        for (name, levels) in [("regions", regions), ("sources", sources), ("industries", industries)] {
            try require(!levels.isEmpty && levels.allSatisfy { $0.probability > 0 && isPlainName($0.name) },
                        name, levels.map(\.name), "need positive probabilities and plain names")
        }
        try require(winSource.count == sources.count - 1, "winSource", winSource, "needs one coefficient per non-baseline source")
        try require(winIndustry.count == industries.count - 1, "winIndustry", winIndustry, "needs one coefficient per non-baseline industry")
        try require(winRegion.count == regions.count - 1, "winRegion", winRegion, "needs one coefficient per non-baseline region")
        try positive(opportunityLogAmountSigma, "opportunityLogAmountSigma")
        try require(opportunityLogAmountMean.isFinite && opportunityLogAmountMean < 20, "opportunityLogAmountMean",
                    opportunityLogAmountMean, "must be finite and below 20")
        try require(activitiesMean >= 0 && activitiesMean < 1000, "activitiesMean", activitiesMean, "must be in [0, 1000)")
        try require(meetingsBase >= 0 && meetingsPerActivity >= 0, "meetingsBase", meetingsBase, "meeting rates must be non-negative")
        try positive(cycleShape, "cycleShape"); try positive(cycleScaleDays, "cycleScaleDays")
        try require(funnelConversion.count == 3, "funnelConversion", funnelConversion, "needs three probabilities")
        for p in funnelConversion { try probability(p, "funnelConversion") }
        try require(funnelMeanDelaySeconds.count == 3 && funnelMeanDelaySeconds.allSatisfy { $0 > 0 },
                    "funnelMeanDelaySeconds", funnelMeanDelaySeconds, "needs three positive delays")
        try require(repeatVisitProbability >= 0 && repeatVisitProbability < 0.95, "repeatVisitProbability",
                    repeatVisitProbability, "must be in [0, 0.95)")
        try probability(duplicateEventProbability, "duplicateEventProbability")
        try probability(outOfOrderProbability, "outOfOrderProbability")
        try probability(surveyResponseRate, "surveyResponseRate")
        try probability(npsShare, "npsShare")
    }

    private func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 < 0x20 }
    }
}
