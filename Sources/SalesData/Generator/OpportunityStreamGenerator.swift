import Foundation

/// Writes opportunities.csv, stage_history.csv and targets.csv.
///
/// Each opportunity is created at a uniform moment of the covered span with lognormal amount,
/// categorical source/industry/region, Poisson activities and meetings; `is_won` is drawn from
/// the logistic model of `GeneratorParameters.winLogit`. The sales cycle (Gamma, longer for larger
/// amounts) places the close moment; stage k (0 prospecting … 3 negotiation) is entered at
/// created + cycle·k/4, won deals pass all four stages, lost deals leave after a uniformly drawn
/// stage. A deal whose close moment falls after the end of the as-of date is open: it shows the
/// last stage it entered by then, an empty `is_won`, and its expected close date (in the future).
/// Rows are in opportunity order; stage_history lists each opportunity's stages in time order.
struct OpportunityStreamGenerator {
    let configuration: GeneratorConfiguration
    var sampler: RandomSampler

    static let stageNames: [StaticString] = ["prospecting", "qualification", "proposal", "negotiation"]

    struct Output {
        var opportunities = 0, stageRows = 0, targets = 0
    }

    mutating func run(in directory: String, progress: (Int) -> Void) throws -> Output {
        let parameters = configuration.parameters
        let opportunitiesFile = try CSVByteWriter(
            path: directory + "/opportunities.csv",
            header: "opportunity_id,account_id,rep_id,source,industry,region,amount,created_date,close_date,stage,is_won,num_activities,num_meetings")
        let stagesFile = try CSVByteWriter(path: directory + "/stage_history.csv", header: "opportunity_id,stage,entered_at")
        let targetsFile = try CSVByteWriter(path: directory + "/targets.csv", header: "rep_id,period,quota")

        let sourceCumulative = cumulativeProbabilities(parameters.sources.map(\.probability))
        let industryCumulative = cumulativeProbabilities(parameters.industries.map(\.probability))
        let regionCumulative = cumulativeProbabilities(parameters.regions.map(\.probability))
        let asOfSecond = (configuration.endDay + 1) * 86_400 - 1
        let spanDays = configuration.endDay + 1 - configuration.startDay

        for id in 1...max(1, configuration.opportunities) where configuration.opportunities > 0 {
            let createdDay = configuration.startDay + sampler.index(below: spanDays)
            let created = createdDay * 86_400 + 8 * 3600 + sampler.index(below: 10 * 3600)
            let amountValue = exp(parameters.opportunityLogAmountMean + parameters.opportunityLogAmountSigma * sampler.normal())
            let cents = max(100, Int64((amountValue * 100).rounded()))
            let amount = Double(cents) / 100
            let source = sampler.categorical(cumulative: sourceCumulative)
            let industry = sampler.categorical(cumulative: industryCumulative)
            let region = sampler.categorical(cumulative: regionCumulative)
            let activities = sampler.poisson(mean: parameters.activitiesMean)
            let meetings = sampler.poisson(mean: parameters.meetingsBase + parameters.meetingsPerActivity * Double(activities))
            let rep = 1 + sampler.index(below: configuration.reps)
            let account = 1 + sampler.index(below: configuration.accounts)
            // The written (cent-rounded) amount enters the model, so the file's features reproduce it exactly.
            let eta = parameters.winLogit(amount: amount, activities: activities, meetings: meetings,
                                          source: source, industry: industry, region: region)
            let won = sampler.uniform() < 1 / (1 + exp(-eta))
            let lostAfterStage = sampler.index(below: 4)
            let cycleDays = sampler.gamma(shape: parameters.cycleShape) * parameters.cycleScaleDays
                * pow(amount / 20_000, parameters.cycleAmountExponent)
            let cycle = max(4, Int(min(cycleDays, 3650) * 86_400))
            let close = created + cycle
            let lastStage = won ? 3 : lostAfterStage
            let isOpen = close > asOfSecond
            var reached = lastStage
            if isOpen {
                while reached > 0 && created + cycle * reached / 4 > asOfSecond { reached -= 1 }
            }
            for k in 0...reached {
                stagesFile.identifier("OPP", id); stagesFile.comma()
                stagesFile.staticText(Self.stageNames[k]); stagesFile.comma()
                stagesFile.timestamp(seconds: created + cycle * k / 4); stagesFile.endRow()
            }
            if !isOpen {
                stagesFile.identifier("OPP", id); stagesFile.comma()
                stagesFile.staticText(won ? "closed_won" : "closed_lost"); stagesFile.comma()
                stagesFile.timestamp(seconds: close); stagesFile.endRow()
            }

            let f = opportunitiesFile
            f.identifier("OPP", id); f.comma()
            f.identifier("A", account); f.comma()
            f.identifier("R", rep); f.comma()
            f.text(parameters.sources[source].name); f.comma()
            f.text(parameters.industries[industry].name); f.comma()
            f.text(parameters.regions[region].name); f.comma()
            f.cents(cents); f.comma()
            f.date(days: createdDay); f.comma()
            f.date(days: close / 86_400); f.comma()
            if isOpen {
                f.staticText(Self.stageNames[reached]); f.comma(); f.comma()
            } else {
                f.staticText(won ? "closed_won,1" : "closed_lost,0"); f.comma()
            }
            f.integer(activities); f.comma()
            f.integer(meetings); f.endRow()
            if id % 4096 == 0 {
                try opportunitiesFile.checkError()
                progress(id)
            }
        }

        // Quotas: the expected won amount per rep and month (mean amount × 45 % × deals per rep and
        // month), times 1.1 and a rep factor exp(0.15 Z), rounded to hundreds; quarterly = 3 months.
        let meanAmount = exp(parameters.opportunityLogAmountMean + parameters.opportunityLogAmountSigma
                             * parameters.opportunityLogAmountSigma / 2)
        let monthlyPerRep = meanAmount * 0.45 * Double(configuration.opportunities)
            / Double(configuration.reps) / Double(configuration.months)
        for rep in 1...configuration.reps {
            let base = monthlyPerRep * 1.1 * exp(0.15 * sampler.normal())
            switch configuration.quotaPeriod {
            case .month:
                for monthIndex in 0..<configuration.months {
                    targetsFile.identifier("R", rep); targetsFile.comma()
                    targetsFile.month(year: configuration.startYear + monthIndex / 12, month: monthIndex % 12 + 1)
                    targetsFile.comma()
                    targetsFile.cents(Int64((base / 100).rounded()) * 10_000); targetsFile.endRow()
                }
            case .quarter:
                for quarterIndex in 0..<(configuration.years * 4) {
                    targetsFile.identifier("R", rep); targetsFile.comma()
                    targetsFile.integer(configuration.startYear + quarterIndex / 4)
                    targetsFile.staticText("-Q"); targetsFile.integer(quarterIndex % 4 + 1); targetsFile.comma()
                    targetsFile.cents(Int64((3 * base / 100).rounded()) * 10_000); targetsFile.endRow()
                }
            }
        }
        progress(configuration.opportunities)
        let output = Output(opportunities: opportunitiesFile.rows, stageRows: stagesFile.rows, targets: targetsFile.rows)
        try opportunitiesFile.close(); try stagesFile.close(); try targetsFile.close()
        return output
    }
}
