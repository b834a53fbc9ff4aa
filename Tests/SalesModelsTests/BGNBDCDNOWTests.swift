import Foundation
import Testing
@testable import SalesModels

/// BG/NBD on the CDNOW sample (2,357 customers, 39-week calibration, weeks).
@Suite("BG/NBD on CDNOW")
struct BGNBDCDNOWTests {
    static let fit: Result<BGNBDFit, CustomerModelError> = {
        let data = CDNOWFixture.shared
        do {
            return .success(try BGNBDModel.fit(frequency: data.frequency, recency: data.recency, age: data.age))
        } catch let error as CustomerModelError {
            return .failure(error)
        } catch {
            return .failure(.empty(model: "unexpected \(error)"))
        }
    }()

    @Test func publishedParameters() throws {
        let fit = try Self.fit.get()
        print(fit)
        // Fader, Hardie & Lee (2005), Marketing Science 24(2), p. 280: r = 0.243, α = 4.414,
        // a = 0.793, b = 2.426, LL = −9582.4 — checked to the published rounding (half a unit in
        // the last published digit).
        #expect(abs(fit.model.r - 0.243) <= 0.0005)
        #expect(abs(fit.model.alpha - 4.414) <= 0.0005)
        #expect(abs(fit.model.a - 0.793) <= 0.0005)
        #expect(abs(fit.model.b - 2.426) <= 0.0005)
        #expect(abs(fit.logLikelihood - (-9582.4)) <= 0.05)
        #expect(fit.rows == 2357)
    }
}
