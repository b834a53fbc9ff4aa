import Foundation
import Testing
@testable import SalesAnalytics
import SalesTestSupport

/// The pipeline forecast with the generator's true win probabilities and expected-date timing equals
/// Σ amount·p per close month computed by pandas (Fixtures/pipeline_truth.py → .json).
@Suite struct PipelineTruthTests {
    struct Reference: Decodable {
        var probabilities: [String: Double]
        var months: [String]
        var expected: [Double]
    }

    @Test func trueProbabilitiesReproducePandas() throws {
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: AnalyticsFixtures.files.url("pipeline_truth.json")))
        let deals = try ForecastInputs.readOpportunities(PackageFiles.dataset("opportunities.csv")).records
        let f = try PipelineForecaster.forecast(
            opportunities: deals, winProbabilities: ref.probabilities,
            options: PipelineForecastOptions(horizon: ref.months.count, paths: 1000, timing: .expectedDate))
        #expect(f.periods == ref.months)
        #expect(f.deals.allSatisfy { $0.winProbabilitySource == "win-model" })
        for (k, want) in ref.expected.enumerated() {
            // Sums of ~30–60 products in a different order: relative 1e-12 is ample.
            #expect(abs(f.distribution.expected[k] - want) <= 1e-12 * want, "month \(ref.months[k])")
        }
        #expect(f.expectedBeyondHorizon == 0)
    }
}
