import SalesNumerics
/// Renders `truth.json`: the configuration, the true parameters with the definitions of the
/// win model's features, and the rows written per file.
///
/// The JSON is built by hand with a fixed key order and Swift's shortest round-trip `Double`
/// text (the standard library's own algorithm, identical on every platform), so the file's
/// bytes are deterministic.
enum TruthFileWriter {
    indirect enum Value {
        case number(Double), integer(Int), string(String), array([Value]), object([(String, Value)])
    }

    static func render(_ value: Value, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case let .number(x): return x.description
        case let .integer(n): return String(n)
        case let .string(s): return quoted(s)
        case let .array(items):
            if items.isEmpty { return "[]" }
            let scalar = items.allSatisfy { if case .number = $0 { true } else if case .integer = $0 { true } else { false } }
            if scalar { return "[" + items.map { render($0) }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case let .object(pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + quoted($0.0) + ": " + render($0.1, indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func document(configuration c: GeneratorConfiguration, files: [GeneratedFile]) -> String {
        let p = c.parameters
        func levels(_ list: [GeneratorParameters.Level]) -> Value {
            .array(list.map { .object([("name", .string($0.name)), ("probability", .number($0.probability))]) })
        }
        let root: Value = .object([
            ("generator", .object([
                ("seed", .string(String(c.seed))),
                ("startDate", .string(CivilDate.isoString(fromDays: c.startDay))),
                ("asOfDate", .string(CivilDate.isoString(fromDays: c.endDay))),
                ("customers", .integer(c.customers)), ("opportunities", .integer(c.opportunities)),
                ("users", .integer(c.users)), ("reps", .integer(c.reps)), ("accounts", .integer(c.accounts)),
                ("quotaPeriod", .string(c.quotaPeriod.rawValue)),
            ])),
            ("files", .array(files.map { .object([("name", .string($0.name)), ("rows", .integer($0.rows)), ("bytes", .integer($0.bytes))]) })),
            ("bgnbd", .object([
                ("r", .number(p.bgnbdR)), ("alpha", .number(p.bgnbdAlpha)), ("a", .number(p.bgnbdA)), ("b", .number(p.bgnbdB)),
                ("timeUnit", .string("day")),
                ("definition", .string("first order on signup_date; repeat purchases Poisson(lambda) per day with lambda ~ Gamma(shape r, rate alpha); after each repeat purchase the customer drops out with probability p ~ Beta(a, b); observation window from the start of signup_date to the end of asOfDate; refunds (negative rows) are not purchases")),
            ])),
            ("gammaGamma", .object([
                ("p", .number(p.gammaGammaP)), ("q", .number(p.gammaGammaQ)), ("gamma", .number(p.gammaGammaGamma)),
                ("impliedMeanTransactionValue", .number(p.impliedMeanTransactionValue)),
                ("definition", .string("nu ~ Gamma(shape q, rate gamma) per customer; deseasonalised order value z ~ Gamma(shape p, rate nu); written amount = round(z * monthlyAmountFactors[month of order_date], cents), at least 0.01")),
            ])),
            ("revenue", .object([
                ("monthlyAmountFactors", .array(p.monthlyAmountFactors.map { .number($0) })),
                ("monthlyAcquisitionFactors", .array(p.monthlyAcquisitionFactors.map { .number($0) })),
                ("acquisitionGrowth", .number(p.acquisitionGrowth)),
                ("definition", .string("seasonality multiplies every order amount by the factor of its calendar month (January first); trend: new customers in month i of n get weight (1 + acquisitionGrowth * i / (n - 1)) * monthlyAcquisitionFactors[calendar month], shared out by largest remainder; signup day uniform within the month")),
                ("refundRate", .number(p.refundRate)), ("refundMaxDelayDays", .integer(p.refundMaxDelayDays)),
            ])),
            ("channels", .array(p.channels.map {
                .object([("name", .string($0.name)), ("share", .number($0.share)), ("costPerAcquisition", .number($0.costPerAcquisition))])
            })),
            ("spendNoiseSigma", .number(p.spendNoiseSigma)),
            ("winModel", .object([
                ("link", .string("logit")),
                ("coefficients", .array(p.winModelTerms.map { .object([("term", .string($0.term)), ("estimate", .number($0.coefficient))]) })),
                ("features", .object([
                    ("ln_amount", .string("natural log of the amount column (as written, in currency units)")),
                    ("num_activities", .string("num_activities column")),
                    ("num_meetings", .string("num_meetings column")),
                    ("source=X", .string("1 if source is X, else 0; baseline \(p.sources[0].name)")),
                    ("industry=X", .string("1 if industry is X, else 0; baseline \(p.industries[0].name)")),
                    ("region=X", .string("1 if region is X, else 0; baseline \(p.regions[0].name)")),
                    ("rep_id, account_id, created_date", .string("not in the model (coefficient 0)")),
                ])),
                ("definition", .string("is_won ~ Bernoulli(1 / (1 + exp(-eta))) for every opportunity; open opportunities (close moment after asOfDate) hide the outcome")),
            ])),
            ("opportunityFeatures", .object([
                ("logAmountMean", .number(p.opportunityLogAmountMean)), ("logAmountSigma", .number(p.opportunityLogAmountSigma)),
                ("sources", levels(p.sources)), ("industries", levels(p.industries)), ("regions", levels(p.regions)),
                ("activitiesMean", .number(p.activitiesMean)),
                ("meetingsBase", .number(p.meetingsBase)), ("meetingsPerActivity", .number(p.meetingsPerActivity)),
                ("cycleShape", .number(p.cycleShape)), ("cycleScaleDays", .number(p.cycleScaleDays)),
                ("cycleAmountExponent", .number(p.cycleAmountExponent)),
                ("cycleDefinition", .string("cycle days = Gamma(shape cycleShape) * cycleScaleDays * (amount / 20000)^cycleAmountExponent; stage k (0 prospecting .. 3 negotiation) entered at created + cycle * k / 4; won deals pass all stages, lost deals leave after a uniform stage 0..3")),
            ])),
            ("funnel", .object([
                ("steps", .array(["visit", "signup", "trial", "purchase"].map { .string($0) })),
                ("conversion", .array(p.funnelConversion.map { .number($0) })),
                ("meanDelaySeconds", .array(p.funnelMeanDelaySeconds.map { .number($0) })),
                ("repeatVisitProbability", .number(p.repeatVisitProbability)),
                ("duplicateEventProbability", .number(p.duplicateEventProbability)),
                ("outOfOrderProbability", .number(p.outOfOrderProbability)),
            ])),
            ("surveys", .object([
                ("responseRate", .number(p.surveyResponseRate)), ("npsShare", .number(p.npsShare)),
                ("definition", .string("answers per responding customer 1 + Poisson(0.5); with s = clamp(0.85 - 0.8 * dropout p, 0.05, 0.95): nps = Binomial(10, s), csat = 1 + Binomial(4, s)")),
            ])),
        ])
        return render(root) + "\n"
    }
}
