// Scoring (workload `scoring`, compare/WORKLOADS.md): a logistic model on log1p(amount), activity
// and meeting counts and one-hot source/industry/region, trained on the closed opportunities of
// the size's opportunities.csv; the scored set is its first 1,000,000 rows when it has that many
// (large), else its open opportunities (small 3,000 opportunities, medium 200 k; generated on
// first use by DatasetCache).
//   "Scoring train …": the encoding and the model fitted on the closed rows (extra.trainSeconds).
//   "Scoring encode + score …": the scored rows' features and probabilities (the workload's
//   computeSeconds).
//   "Scoring read + train + score …": ScoringWorkload.run, reading opportunities.csv as well.
import Benchmark
import BenchmarkSuiteSupport
import BenchmarkSupport
import SalesKit

let benchmarks: @Sendable () -> Void = {
    SuiteDefaults.configure()
    let size = DatasetCache.suiteSize
    guard let inputs = SuiteDefaults.inputs("Scoring", "the benchmark dataset", {
        try SuiteInputs.contractFiles(size: size)
    }) else { return }

    Benchmark("Scoring train, opportunities.csv (\(size))") { (benchmark: Benchmark, sets: SuiteSteps.ScoringSets) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.scoringTrain(sets).model.iterations) } catch {
                benchmark.error("\(error)")
                return
            }
        }
    } setup: {
        try SuiteSteps.scoringSets(inputs)
    }

    Benchmark("Scoring encode + score, opportunities.csv (\(size))") {
        (benchmark: Benchmark, prepared: (sets: SuiteSteps.ScoringSets, trained: SuiteSteps.ScoringModel)) in
        for _ in benchmark.scaledIterations {
            do { blackHole(try SuiteSteps.scoringScore(prepared.trained, prepared.sets).count) } catch {
                benchmark.error("\(error)")
                return
            }
        }
    } setup: {
        let sets = try SuiteSteps.scoringSets(inputs)
        return (sets, try SuiteSteps.scoringTrain(sets))
    }

    Benchmark("Scoring read + train + score, opportunities.csv (\(size))") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ScoringWorkload.run(inputs).computeSeconds)
        }
    }
}
