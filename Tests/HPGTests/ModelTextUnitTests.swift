import Foundation
import Testing
@testable import HPG

/// The equation listing states the concentration the code computes (issue 13: the text said
/// C_central = A_central/V while the model converts mg/L to ng/mL, ×1000).
struct ModelTextUnitTests {
    /// For every drug with a central volume: the factor written before A_central in the listing, times
    /// A/V, equals the model's plasma concentration observable at A = 1 (1 mg in V L is 1000/V ng/mL).
    @Test func centralConcentrationFactorMatchesTheCode() throws {
        var checked = 0
        for drug in DrugRegistry.all {
            let model = HPGModel(drugs: [drug])
            guard let central = model.states.firstIndex(where: { $0.name == "\(drug.name)_central_\(drug.doseUnit.rawValue)" }),
                  let volume = model.parameters.first(where: { $0.name == "\(drug.name).V_L" })?.value,
                  let observable = model.observables.firstIndex(where: { $0.name == "\(drug.name)_concentration" })
            else { continue }
            let equation = model.states[central].equation
            let written = try #require(equation.range(of: "C_central = ")).upperBound
            let factorText = equation[written...].prefix { $0.isNumber || $0 == "." }
            let factor = factorText.isEmpty ? 1 : try #require(Double(factorText))
            var y = [Double](repeating: 1, count: model.states.count)
            y[central] = 1
            let computed = model.observe(y, model.parameters.map(\.value))[observable]
            #expect(abs(computed - factor / volume) <= 1e-12 * computed, "\(drug.name): \(equation)")
            checked += 1
        }
        #expect(checked >= 6)   // anastrozole, letrozole, clomiphene, tamoxifen, hCG, gonadorelin, …
    }
}
