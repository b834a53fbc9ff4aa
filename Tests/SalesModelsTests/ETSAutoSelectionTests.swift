import Foundation
import Testing
@testable import SalesModels

/// AutoETS against statsforecast 2.1.1 `AutoETS` (a port of R `forecast::ets`) on the fixture series.
@Suite struct ETSAutoSelectionTests {
    /// Same pick, or a difference explained by the references themselves:
    /// - statsforecast's pick is not the AICc minimum of its own per-model fits (realgdp: its
    ///   `AutoETS(model="MAN")` has AICc 894.8 below its pick ETS(A,A,N) at 905.9; its automatic search
    ///   fits differently from the per-model call) and ours is that minimum; or
    /// - statsforecast's own fit of our pick is worse than ours by more than 2 AICc units, i.e. its
    ///   Nelder–Mead stops at a poorer optimum (AirPassengers: its ETS(M,A,M) log L is −583.1 while
    ///   statsmodels and we reach −522.5), which is why it did not pick the model we do.
    /// AICc of statsforecast are put on our full-Gaussian scale with the fixture's `aiccConstant`.
    @Test(arguments: (ETSFixtureTests.fixture?.series ?? []).map(\.name))
    func picksTheSameModelAsStatsforecast(series: String) throws {
        let file = try #require(ETSFixtureTests.fixture)
        let s = try #require(file.series.first { $0.name == series })
        let selection = try AutoETS.select(s.values, seasonalPeriod: s.seasonalPeriod)
        let ranking = selection.candidates.sorted { $0.aicc < $1.aicc }.prefix(4).map { "\($0.specification.code) \($0.aicc)" }
        let ours = selection.best.specification.code
        if ours != s.autoETS.model {
            let theirs = s.autoETS.candidates
            let theirMinimum = theirs.min { $0.value < $1.value }?.key
            let theirFitOfOurs = theirs[ours] ?? .infinity
            let explained = ours == theirMinimum || theirFitOfOurs - selection.best.aicc > 2
            #expect(explained, "\(series): ours \(ours) (AICc \(selection.best.aicc)), statsforecast \(s.autoETS.model); its fit of \(ours): \(theirFitOfOurs); our ranking \(ranking)")
        }
    }
}
