import Foundation

/// Writes events.csv: per user a first visit at a uniform moment of the span, further visits
/// (each followed by another with `repeatVisitProbability`, mean two days apart), and the funnel
/// visit → signup → trial → purchase with the conversion probabilities and exponential delays of
/// `GeneratorParameters`. Events after the end of the as-of date are not written. Some rows are
/// duplicated exactly, and some adjacent rows of a user are swapped, so the file is neither free
/// of repeats nor in time order. Users appear in id order (U1, U2, …), each user's rows together.
struct EventStreamGenerator {
    let configuration: GeneratorConfiguration
    var sampler: RandomSampler

    static let eventNames: [StaticString] = ["visit", "signup", "trial", "purchase"]

    mutating func run(in directory: String, progress: (Int) -> Void) throws -> Int {
        let parameters = configuration.parameters
        let file = try CSVByteWriter(path: directory + "/events.csv", header: "user_id,event,timestamp")
        let startSecond = configuration.startDay * 86_400
        let endSecond = (configuration.endDay + 1) * 86_400 - 1
        let span = endSecond - startSecond + 1
        var events: [(second: Int, kind: Int)] = []
        events.reserveCapacity(64)

        for user in stride(from: 1, through: configuration.users, by: 1) {
            events.removeAll(keepingCapacity: true)
            var visit = startSecond + sampler.index(below: span)
            events.append((visit, 0))
            let firstVisit = visit
            while sampler.bernoulli(parameters.repeatVisitProbability) {
                visit += Int(sampler.exponential(rate: 1.0 / 172_800))
                events.append((visit, 0))
            }
            var step = firstVisit
            for kind in 1...3 {
                guard sampler.bernoulli(parameters.funnelConversion[kind - 1]) else { break }
                step += 1 + Int(sampler.exponential(rate: 1 / parameters.funnelMeanDelaySeconds[kind - 1]))
                events.append((step, kind))
            }
            // Time order (stable insertion sort of a handful of rows), then duplicates and swaps.
            for i in 1..<events.count {
                let item = events[i]
                var j = i
                while j > 0 && events[j - 1].second > item.second { events[j] = events[j - 1]; j -= 1 }
                events[j] = item
            }
            var i = 0
            while i < events.count {
                if sampler.bernoulli(parameters.duplicateEventProbability) {
                    events.insert(events[i], at: i + 1)
                    i += 1
                }
                i += 1
            }
            for k in 0..<max(0, events.count - 1) where sampler.bernoulli(parameters.outOfOrderProbability) {
                events.swapAt(k, k + 1)
            }
            for event in events where event.second <= endSecond {
                file.identifier("U", user); file.comma()
                file.staticText(Self.eventNames[event.kind]); file.comma()
                file.timestamp(seconds: event.second); file.endRow()
            }
            if user % 8192 == 0 {
                try file.checkError()
                progress(user)
            }
        }
        progress(configuration.users)
        let rows = file.rows
        try file.close()
        return rows
    }
}
