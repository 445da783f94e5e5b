import Foundation

/// The inputs of the model's nonlinear core: the physiological states, the first germ-cell stage (inhibin B
/// follows it) and the drug-effect sums of `DrugEffects`. With `Dual` numbers each input is one seed, so one
/// evaluation of `RateLaws.core` gives the core's Jacobian.
enum CoreInput: Int, CaseIterable {
    case gnrh, lh, fsh, itt, testosterone, estradiol, gonadotrophReserve, leydigTrophic, shbg, gnrhNeuronAvailability
    case firstGermStage
    case aromataseInhibition, estrogenReceptorBlock, lhEquivalent, gnrhAgonism, gnrhReceptorAvailable
    case testosteroneRelease, estradiolRelease
}

struct CoreInputs<S: ModelScalar> {
    var gnrh, lh, fsh, itt, testosterone, estradiol, gonadotrophReserve, leydigTrophic, shbg, gnrhNeuronAvailability: S
    var firstGermStage: S
    var aromataseInhibition, estrogenReceptorBlock, lhEquivalent, gnrhAgonism, gnrhReceptorAvailable: S
    var testosteroneRelease, estradiolRelease: S

    init(_ value: (CoreInput) -> S) {
        gnrh = value(.gnrh); lh = value(.lh); fsh = value(.fsh); itt = value(.itt)
        testosterone = value(.testosterone); estradiol = value(.estradiol)
        gonadotrophReserve = value(.gonadotrophReserve); leydigTrophic = value(.leydigTrophic); shbg = value(.shbg)
        gnrhNeuronAvailability = value(.gnrhNeuronAvailability)
        firstGermStage = value(.firstGermStage)
        aromataseInhibition = value(.aromataseInhibition); estrogenReceptorBlock = value(.estrogenReceptorBlock)
        lhEquivalent = value(.lhEquivalent); gnrhAgonism = value(.gnrhAgonism)
        gnrhReceptorAvailable = value(.gnrhReceptorAvailable)
        testosteroneRelease = value(.testosteroneRelease); estradiolRelease = value(.estradiolRelease)
    }
}

/// d/dt of each physiological state, and the spermatogenic drive ψ that feeds and sustains the germ-cell chain.
struct CoreRates<S: ModelScalar> {
    var gnrh, lh, fsh, itt, testosterone, estradiol, gonadotrophReserve, leydigTrophic, shbg, gnrhNeuronAvailability: S
    var spermatogenicDrive: S

    /// The rate of a physiological state.
    subscript(_ state: PhysiologicalState) -> S {
        switch state {
        case .gnrhDrive: gnrh
        case .lh: lh
        case .fsh: fsh
        case .itt: itt
        case .testosterone: testosterone
        case .estradiol: estradiol
        case .gonadotrophReserve: gonadotrophReserve
        case .leydigTrophic: leydigTrophic
        case .shbg: shbg
        case .gnrhNeuronAvailability: gnrhNeuronAvailability
        }
    }
}

/// The rate laws of the physiological model, written once and generic over the arithmetic: `Double` gives
/// f(y; p), `Dual` gives ∂f/∂y. The equation text of each state (`PhysiologicalState.spec`) transcribes them.
/// Time in hours.
enum RateLaws {
    /// `k` holds the parts that depend on the parameters only, computed from the same `p`.
    static func core<S: ModelScalar>(_ x: CoreInputs<S>, _ p: UnsafeBufferPointer<Double>, _ k: RateConstants) -> CoreRates<S> {
        @inline(__always) func v(_ q: Parameter) -> Double { p[q.rawValue] }

        // Feedback on the hypothalamus (GnRH drive) and the pituitary (gonadotroph response), 1 at the reference
        // levels. E2 through the estrogen receptor, seen through antagonists as E2s = E2/(1 + Σ C/Ki), by a
        // bounded Hill inhibition (1 + (E2ref/E50)^λ)/(1 + (E2s/E2m·E2ref/E50)^λ): as E50 → 0 it is the power law
        // (E2s/E2m)^(−λ) (Tornøe 2007 H4 form), while a finite E50 bounds the rise an aromatase inhibitor can
        // release (E2s ≪ E50) and keeps the full elasticity λ where E2 is high (E2 patch, aromatised TRT). The man's
        // reference E2m = E2ref·(E2set/E2ref)^αE follows his own set-point E2, as T50 follows his T: αE = 0 is one
        // curve for all men (his E2 alone sets his LH), αE = 1 puts every man at 1 at his own E2.
        let e2Seen = x.estradiol.floored(tiny) / x.estrogenReceptorBlock / k.e2FeedbackReference
        func e2Feedback(_ hill: Double, numerator: Double) -> S { numerator / ((e2Seen * k.e2Scale).power(hill) + 1) }
        let tSeen = x.testosterone.floored(tiny) / v(.tFeedbackReference)
        // T at the hypothalamus: a Hill inhibition (1 + (Tset/T50)^n)/(1 + (T/T50)^n), 1 at the man's own set-point
        // Tset (his drug-free steady-state T), bounded by 1 + (Tset/T50)^n when T is low (LH stays finite after
        // castration) and steep above T50 (TRT). The threshold T50 = ρ·Tref·(Tset/Tref)^α follows his set-point
        // with elasticity α: a man with low T has a hypothalamus partly tuned to it.
        let tRatio = (x.testosterone.floored(0) / k.tHypothalamicHalf).power(v(.tHypothalamicExponent))
        let tHypothalamic = k.tHypothalamicNumerator / (1 + tRatio)
        // Slow androgen desensitisation of the GnRH neurons: the fraction still responsive, N, follows
        // 1/(1 + (T/T50,N)^n) over months, with its own half-point T50,N above the feedback's; the drive is scaled
        // by (1 + g·(1 − N_ref))/(1 + g·(1 − N)), 1 for the reference man (N_ref = 1/(1 + (Tref/T50,N)^n)). It
        // falls under long supraphysiological T and recovers slowly after it, so recovery depends on how long TRT
        // lasted. (T/T50,N)^n = (T/T50)^n·(T50/T50,N)^n, one power of T for both.
        let availability = v(.keGnRHNeuronAvailability)
            * (1 / (tRatio * k.desensitisationRatioPower + 1) - x.gnrhNeuronAvailability)
        let desensitised = k.desensitisedNumerator
            / ((1 - x.gnrhNeuronAvailability) * v(.gnrhNeuronDesensitisationGain) + 1)
        let hypothalamic = e2Feedback(v(.e2HypothalamicExponent), numerator: k.e2HypothalamicNumerator)
            * tHypothalamic * desensitised
        let gnrh = v(.keGnRHDrive) * (v(.gnrhDriveCapacity) * hypothalamic - x.gnrh)

        // Pituitary: GnRH stimulus (+ agonists), gonadotroph reserve R that follows the stimulus slowly (trophic
        // effect of GnRH on gonadotroph LH/FSH synthesis), sex-steroid feedback, inhibin B on FSH; secretion
        // saturates at `gonadotropinCeiling` times the reference rate: sat(u) = u·C/(C − 1 + u).
        // Exogenous GnRH adds to the man's own drive (a pump works without any, as in GnRH deficiency); the
        // reference man (G = 1) sees G + Σ agonism = G·(1 + Σ agonism), Tornøe 2007's H1 form.
        // The receptors left by antagonists and agonist desensitisation, a = Π(1 − I), scale the secretion itself,
        // after the ceiling, as Tornøe 2007's H2 form scales LH production: Imax is the largest fraction of LH
        // secretion a drug can take away, however strong the GnRH drive. (Scaling the stimulus ahead of the
        // ceiling let a drive raised by falling T and E2 pass the few receptors left: acyline raised LH and T.)
        // The reserve follows the stimulus the receptors pass, a·(G + Σ agonism).
        let available = x.gnrhReceptorAvailable
        let gnrhSignal = x.gnrh + x.gnrhAgonism
        let reserve = v(.keGonadotrophReserve) * (gnrhSignal * available - x.gonadotrophReserve)
        let pituitary = gnrhSignal * x.gonadotrophReserve.floored(tiny).power(v(.gonadotrophReserveExponent))
            * e2Feedback(v(.e2PituitaryExponent), numerator: k.e2PituitaryNumerator) * tSeen.power(-v(.tPituitaryExponent))
        let inhibin = x.firstGermStage.floored(tiny) / k.referenceFirstGermStage
        let ceiling = v(.gonadotropinCeiling)
        func saturated(_ u: S) -> S { u * ceiling / (u + (ceiling - 1)) }
        let lh = v(.lhSecretion) * saturated(pituitary) * available - v(.keLH) * x.lh
        let fsh = v(.fshSecretion) * saturated(pituitary * inhibin.power(-v(.inhibinFSHExponent))) * available
            - v(.keFSH) * x.fsh

        // Testis: Leydig output with the Tornøe 2007 H3 stimulation by LH (+ LH-like drugs), scaled by the
        // Leydig trophic state (slow: Leydig mass and steroidogenic capacity follow LH over weeks); serum T
        // diffuses in, so ITT ≥ serum T.
        let lhSeen = x.lh.floored(0) + x.lhEquivalent
        let stimulation = 1 + leydigStimulation(lhSeen, p, lh50Power: k.leydigLH50Power)
        let leydigTrophic = v(.keLeydigTrophic)
            * ((stimulation / k.referenceStimulation).power(v(.leydigTrophicExponent)) - x.leydigTrophic)
        let serumT_nM = x.testosterone * Units.testosterone_nmol_per_L_per_ng_per_dL
        let ittRate = v(.keITT) * (v(.leydigCapacity) * x.leydigTrophic * stimulation + serumT_nM - x.itt)
        let testosterone = v(.ittToSerumT) * x.itt + x.testosteroneRelease * (1e6 / k.testosteroneVolume_dL)
            - v(.keT) * x.testosterone

        // Estradiol from aromatase (peripheral on Vermeulen free T, testicular on ITT), scaled by the man's
        // aromatase capacity Ac, and from estradiol-releasing drugs (release/MCR at steady state).
        let freeT = freeTestosterone(total_nM: serumT_nM.floored(0), shbg_nM: x.shbg.floored(0), p)
        let itt = x.itt.floored(0)
        let leydigActivity = x.leydigTrophic * stimulation / k.referenceStimulation
        let made = aromatase(freeT: freeT, itt: itt, leydigActivity: leydigActivity, inhibition: x.aromataseInhibition, p, k)
        let estradiol = (made.peripheral + made.testicular) * v(.aromataseCapacity)
            + x.estradiolRelease * k.estradiolInputPerMg - v(.keE2) * x.estradiol

        // SHBG: hepatic synthesis raised by estradiol, (E2/E2ref)^σ (E2 itself: SERMs do not block the liver's
        // estrogen response), and lowered by androgens, (T/Tref)^(−σT) (Anderson 1974); first-order turnover.
        let e2Liver = x.estradiol.floored(tiny) / v(.e2FeedbackReference)
        let shbg = v(.keSHBG) * (e2Liver.power(v(.shbgEstradiolExponent)) * tSeen.power(-v(.shbgTestosteroneExponent))
                                 * v(.shbgCapacity) - x.shbg)

        // Spermatogenic drive ψ = D^h/(1 + D^h), D = √(FSH/FSH50 · ITT/ITT50).
        let drive = (x.fsh.floored(0) / v(.spermatogenicFSH50) * itt / v(.spermatogenicITT50)).squareRoot()
        let powered = drive.floored(tiny).power(v(.spermatogenicHill))
        return CoreRates(gnrh: gnrh, lh: lh, fsh: fsh, itt: ittRate, testosterone: testosterone, estradiol: estradiol,
                         gonadotrophReserve: reserve, leydigTrophic: leydigTrophic, shbg: shbg,
                         gnrhNeuronAvailability: availability,
                         spermatogenicDrive: powered / (powered + 1))
    }

    /// E2 production (pg/mL/h, before the man's capacity Ac) by reversible competitive inhibition
    /// Vmax·S/(Km·(1 + Σ C/Ki) + S): peripheral on free T, scaled by adiposity (BMI/BMI0)^p and age; testicular
    /// on ITT, with the testicular Vmax following the Leydig cells' steroidogenic activity Ly·(1 + H(L))/(1 + H(5))
    /// (the enzyme sits in the Leydig cells and LH/hCG stimulate it). Each Vmax from the reference man, whose
    /// testis makes the share φ of his production ke_E2·25 pg/mL. The two Vmax depend on the parameters only
    /// (`RateConstants.peripheralAromataseVmax`, `testicularAromataseVmax`).
    static func aromatase<S: ModelScalar>(freeT: S, itt: S, leydigActivity: S, inhibition: S,
                                          _ p: UnsafeBufferPointer<Double>, _ k: RateConstants)
        -> (peripheral: S, testicular: S) {
        let km = (1 + inhibition) * p[Parameter.aromataseKm.rawValue]
        return (freeT * k.peripheralAromataseVmax / (km + freeT),
                itt * leydigActivity * k.testicularAromataseVmax / (km + itt))
    }

    /// Tornøe 2007 H3(LH) = Lmax·LH^κ / (L50^κ + LH^κ), with L50^κ given (`RateConstants.leydigLH50Power`).
    static func leydigStimulation<S: ModelScalar>(_ lh: S, _ p: UnsafeBufferPointer<Double>, lh50Power: Double) -> S {
        let x = lh.floored(tiny).power(p[Parameter.leydigHill.rawValue])
        return x * p[Parameter.leydigLHEmax.rawValue] / (x + lh50Power)
    }

    /// Free testosterone (nmol/L) by the Vermeulen equations (Vermeulen A et al. JCEM 1999;84:3666): with
    /// N = 1 + Ka·[albumin] and Kt the SHBG association constant, FT solves
    /// N·Kt·FT² + (N + Kt·(SHBG − TT))·FT − TT = 0. The positive root in the form without cancellation:
    /// FT = 2·TT / (b + √(b² + 4·a·TT)), a = N·Kt, b = N + Kt·(SHBG − TT).
    static func freeTestosterone<S: ModelScalar>(total_nM: S, shbg_nM: S, _ p: UnsafeBufferPointer<Double>) -> S {
        let kt = p[Parameter.shbgAssociation.rawValue], n = albuminBindingFactor(p)
        let b = (shbg_nM - total_nM) * kt + n
        return 2 * total_nM / (b + (b * b + total_nM * (4 * n * kt)).squareRoot())
    }

    /// N = 1 + Ka·[albumin] (mol/L): albumin-bound T = (N − 1)·FT; bioavailable T = N·FT.
    static func albuminBindingFactor(_ p: UnsafeBufferPointer<Double>) -> Double {
        let albumin_mol_per_L = p[Parameter.albumin.rawValue] * 10 / Units.albuminMolarMass_g_per_mol
        return 1 + p[Parameter.albuminAssociation.rawValue] * albumin_mol_per_L
    }

    /// 1 + slope·(age − 30 y) above 30 years, 1 below.
    static func ageFactor(_ p: UnsafeBufferPointer<Double>, slope: Double) -> Double {
        1 + slope * max(p[Parameter.age.rawValue] - ReferenceMan.age_years, 0)
    }

    /// The first germ-cell stage of a man at the reference drive ψ = ½: the normaliser of inhibin B.
    static func referenceFirstGermStage(_ p: UnsafeBufferPointer<Double>) -> Double {
        let stageRate = Double(SpermChain.seminiferousStages) / p[Parameter.spermatogenesisDuration.rawValue]
        return p[Parameter.spermatogenicCapacity.rawValue] * 0.5 * stageRate
            / (stageRate + 0.5 * p[Parameter.germCellLossRate.rawValue])
    }
}

/// Guards power laws of states that must stay positive.
let tiny = 1e-12
