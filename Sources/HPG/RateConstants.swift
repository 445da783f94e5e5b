import Foundation

/// The parts of the rate laws that depend on the parameters only (powers of parameters and reference
/// values), computed once per parameter vector instead of in every evaluation of the right-hand side: the
/// dosing engine computes them whenever it installs parameters (`DosingModel.derivedParameters`), so a man's
/// six months compute them a handful of times instead of ~40 000 times. They were 9 of the 20 `pow` calls of
/// one evaluation (notebooks-md/population.md, benchmark). Each is the expression `RateLaws.core` used inline.
///
/// Only `Double` fields, so a value is carried through the dosing engine as `RateConstants.count` doubles
/// (`write(into:)`, `init(loadingFrom:)`).
struct RateConstants {
    /// E2ref/E50, and the numerators 1 + (E2ref/E50)^λ of the bounded E2 inhibition at the hypothalamus and
    /// the pituitary.
    let e2Scale: Double
    /// The man's feedback reference E2m = E2ref·(E2set/E2ref)^αE: his E2 is seen as E2/E2m, so his whole feedback
    /// curve follows his own set-point E2 with elasticity αE.
    let e2FeedbackReference: Double
    let e2HypothalamicNumerator: Double
    let e2PituitaryNumerator: Double
    /// T50 = ρ·Tref·(Tset/Tref)^α, and the numerator 1 + (Tset/T50)^n of the hypothalamic T inhibition.
    let tHypothalamicHalf: Double
    let tHypothalamicNumerator: Double
    /// (T50/T50,N)^n: turns (T/T50)^n into the desensitisation's (T/T50,N)^n without a second power of T.
    let desensitisationRatioPower: Double
    /// 1 + g·(1 − N_ref), N_ref = 1/(1 + (Tref/T50,N)^n): the desensitisation's numerator.
    let desensitisedNumerator: Double
    /// L50^κ of the Leydig stimulation H3, and 1 + H3(5 IU/L) (the reference man's LH).
    let leydigLH50Power: Double
    let referenceStimulation: Double
    /// Vmax of peripheral and testicular aromatase (`RateLaws.aromatase`).
    let peripheralAromataseVmax: Double
    let testicularAromataseVmax: Double
    /// The first germ-cell stage at ψ = ½ (normaliser of inhibin B).
    let referenceFirstGermStage: Double
    /// Serum T distribution volume (dL) = CL_T/ke_T·10, and pg/mL/h of E2 per mg/h released.
    let testosteroneVolume_dL: Double
    let estradiolInputPerMg: Double

    init(_ p: UnsafeBufferPointer<Double>) {
        @inline(__always) func v(_ q: Parameter) -> Double { p[q.rawValue] }
        let e2Ref = v(.e2FeedbackReference)
        e2Scale = e2Ref / v(.e2FeedbackHalf)
        e2FeedbackReference = e2Ref * pow(v(.e2SetPoint) / e2Ref, v(.e2SetPointElasticity))
        e2HypothalamicNumerator = 1 + pow(e2Scale, v(.e2HypothalamicExponent))
        e2PituitaryNumerator = 1 + pow(e2Scale, v(.e2PituitaryExponent))
        let tSet = v(.tSetPoint), tRef = v(.tFeedbackReference), n = v(.tHypothalamicExponent)
        tHypothalamicHalf = v(.tHypothalamicHalf) * tRef * pow(tSet / tRef, v(.tSetPointElasticity))
        tHypothalamicNumerator = 1 + pow(tSet / tHypothalamicHalf, n)
        let desensitisationHalf = v(.gnrhNeuronDesensitisationHalf)
        desensitisationRatioPower = pow(tHypothalamicHalf / desensitisationHalf, n)
        let referenceAvailability = 1 / (1 + pow(tRef / desensitisationHalf, n))
        desensitisedNumerator = 1 + v(.gnrhNeuronDesensitisationGain) * (1 - referenceAvailability)
        leydigLH50Power = pow(v(.leydigLH50), v(.leydigHill))
        referenceStimulation = 1 + RateLaws.leydigStimulation(ReferenceMan.LH_IU_per_L, p, lh50Power: leydigLH50Power)
        let production = v(.keE2) * ReferenceMan.estradiol_pg_per_mL, share = v(.aromataseTesticularShare)
        let freeReference = Derived.referenceFreeT_nmol_per_L, ittReference = ReferenceMan.intratesticularT_nmol_per_L
        peripheralAromataseVmax = (1 - share) * production * (v(.aromataseKm) + freeReference) / freeReference
            * pow(v(.bmi) / v(.bmiIdeal), v(.aromataseBMIExponent)) * RateLaws.ageFactor(p, slope: v(.aromataseAgeSlope))
        testicularAromataseVmax = share * production * (v(.aromataseKm) + ittReference) / ittReference
        referenceFirstGermStage = RateLaws.referenceFirstGermStage(p)
        testosteroneVolume_dL = v(.tClearance) / v(.keT) * 10
        estradiolInputPerMg = DrugEffects.estradiolInputPerMg(keE2: v(.keE2))
    }

    /// Number of doubles a value occupies.
    static let count: Int = {
        precondition(MemoryLayout<RateConstants>.size == MemoryLayout<RateConstants>.stride
                     && MemoryLayout<RateConstants>.size % MemoryLayout<Double>.size == 0)
        return MemoryLayout<RateConstants>.size / MemoryLayout<Double>.size
    }()

    /// The value stored by `write(into:)` in the last `count` entries of `buffer`.
    init(loadingFrom buffer: UnsafeBufferPointer<Double>) {
        self = UnsafeRawPointer(buffer.baseAddress! + (buffer.count - Self.count)).load(as: RateConstants.self)
    }

    /// Stores the value in `buffer` (`count` doubles).
    func write(into buffer: UnsafeMutableBufferPointer<Double>) {
        precondition(buffer.count == Self.count)
        UnsafeMutableRawPointer(buffer.baseAddress!).storeBytes(of: self, as: RateConstants.self)
    }
}
