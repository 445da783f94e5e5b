/// The physiological states (indices 0…9 of every model). Each equation transcribes `RateLaws.core`.
public enum PhysiologicalState: Int, CaseIterable, Sendable {
    case gnrhDrive, lh, fsh, itt, testosterone, estradiol, gonadotrophReserve, leydigTrophic, shbg, gnrhNeuronAvailability

    public var spec: StateSpec {
        switch self {
        case .gnrhDrive: return StateSpec(name: "GnRH_drive", unit: "1",
            description: "hypothalamic GnRH drive (pulse frequency × amplitude), 1 in the reference man; Tornøe 2007 feedback compartment",
            equation: "dG/dt = ke_GnRH·(A_G·H_E(λE,h)·(1 + (Tset/T50)^nT,h)/(1 + (T/T50)^nT,h) − G),  T50 = ρT,h·Tref·(Tset/Tref)^αT,  H_E(λ) = (1 + (E2ref/E50)^λ)/(1 + (E2s/E2m·E2ref/E50)^λ),  E2m = E2ref·(E2set/E2ref)^αE,  E2s = E2/(1 + Σ C_SERM/Ki)")
        case .lh: return StateSpec(name: "LH_IU_per_L", unit: "IU/L", description: "serum LH",
            equation: "dLH/dt = ks_LH·sat(u)·a − ke_LH·LH,  u = s·R^βR·H_E(λE,p)·(T/Tref)^(−λT,p),  s = G + Σ Emax·C^γ/(EC50^γ + C^γ),  a = Π(1 − Imax·C^δ/(IC50^δ + C^δ)),  sat(u) = u·Cmax/(Cmax − 1 + u)")
        case .fsh: return StateSpec(name: "FSH_IU_per_L", unit: "IU/L", description: "serum FSH",
            equation: "dFSH/dt = ks_FSH·sat(u·(X1/X1ref)^(−λI))·a − ke_FSH·FSH,  X1ref = Cap·½·k_s/(k_s + ½·k_d)  (inhibin B follows the germ cells)")
        case .itt: return StateSpec(name: "intratesticular_T_nmol_per_L", unit: "nmol/L",
            description: "intratesticular testosterone",
            equation: "dITT/dt = ke_ITT·(Leydig·Ly·(1 + H(L)) + c·T − ITT),  H(L) = Lmax·L^κ/(L50^κ + L^κ),  L = LH + Σ k_hCG·C,  c = 0.03467 nmol/L per ng/dL")
        case .testosterone: return StateSpec(name: "testosterone_ng_per_dL", unit: "ng/dL", description: "serum total testosterone",
            equation: "dT/dt = k_ITT→T·ITT + Σ KA·A_depot·f_T·10⁶/(10·CL_T/ke_T) − ke_T·T")
        case .estradiol: return StateSpec(name: "estradiol_pg_per_mL", unit: "pg/mL", description: "serum estradiol",
            equation: "dE2/dt = Ac·(Vp·(BMI/BMI0)^p·(1 + a_age·(age − 30)⁺)·FT/(Km·(1 + Σ C_AI/Ki) + FT) + Vt·Ly·(1 + H(L))/(1 + H(5))·ITT/(Km·(1 + Σ C_AI/Ki) + ITT)) + Σ R_E2·10⁶·ke_E2/CL_E2 − ke_E2·E2,  FT = Vermeulen(c·T, SHBG),  R_E2 = KA·A_patch (mg/h)")
        case .gonadotrophReserve: return StateSpec(name: "gonadotroph_reserve", unit: "1",
            description: "gonadotroph LH/FSH synthesis reserve, following the GnRH stimulus over days to weeks (1 in the reference man)",
            equation: "dR/dt = ke_R·(a·s − R)")
        case .leydigTrophic: return StateSpec(name: "Leydig_trophic_state", unit: "1",
            description: "Leydig-cell mass and steroidogenic capacity, following LH over weeks to months (1 in the reference man)",
            equation: "dLy/dt = ke_Ly·(((1 + H(L))/(1 + H(5 IU/L)))^γLy − Ly)")
        case .gnrhNeuronAvailability: return StateSpec(name: "GnRH_neuron_availability", unit: "1",
            description: "fraction of the GnRH neurons not desensitised by androgen (0–1); falls over months of high T, recovers slowly",
            equation: "dN/dt = ke_N·(1/(1 + (T/T50,N)^nT,h) − N);  the drive is scaled by (1 + g_N·(1 − N_ref))/(1 + g_N·(1 − N))")
        case .shbg: return StateSpec(name: "SHBG_nmol_per_L", unit: "nmol/L", description: "serum sex hormone-binding globulin",
            equation: "dSHBG/dt = ke_SHBG·(S_cap·(E2/E2ref)^σ·(T/Tref)^(−σT) − SHBG)")
        }
    }
}

/// Spermatogenesis as a transit chain: 16 seminiferous stages over 64 days (4 per ~16-day cycle), then the
/// epididymal caput, corpus and cauda. Each compartment holds sperm in concentration equivalents
/// (million/mL); the cauda is the ejaculate.
enum SpermChain {
    static let seminiferousStages = 16
    static let epididymalSegments = ["caput", "corpus", "cauda"]
    static let first = PhysiologicalState.allCases.count
    static let count = seminiferousStages + epididymalSegments.count
    static var cauda: Int { first + count - 1 }
    static let transits: [Parameter] = [.caputTransit, .corpusTransit, .caudaTransit]

    static var specs: [StateSpec] {
        (1...seminiferousStages).map {
            StateSpec(name: "germ_cells_stage\($0)_million_per_mL", unit: "million/mL",
                      description: "germ cells in seminiferous stage \($0) of \(seminiferousStages)",
                      equation: $0 == 1 ? "dX1/dt = k_s·(Cap·ψ − X1) − k_d·(1 − ψ)·X1,  ψ = D^h/(1 + D^h),  k_s = \(seminiferousStages)/τ_sg,  D = √(FSH/FSH50·ITT/ITT50)"
                                        : "dXk/dt = k_s·(X(k−1) − Xk) − k_d·(1 − ψ)·Xk,  k = 2…\(seminiferousStages)")
        } + epididymalSegments.enumerated().map { k, segment in
            let previous = k == 0 ? "X\(seminiferousStages)" : epididymalSegments[k - 1]
            return StateSpec(name: "sperm_\(segment)_million_per_mL", unit: "million/mL",
                             description: "sperm in the epididymal \(segment)",
                             equation: "d\(segment)/dt = (\(previous) − \(segment))/τ_\(segment)")
        }
    }

    /// Stage k: dXk/dt = k_s·(X(k−1) − Xk) − k_d·(1 − ψ)·Xk with X0 = Cap·ψ: germ cells advance at k_s and are
    /// lost at k_d·(1 − ψ) when the drive ψ (FSH, ITT) falls, at every stage; the epididymis is a plain transit.
    @inline(__always)
    static func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, drive: Double,
                            _ dydt: UnsafeMutableBufferPointer<Double>) {
        rates({ y[$0] }, p, drive: drive) { dydt[$0] = $1 }
    }

    /// The rates of `derivatives` in any arithmetic: `rate(state, d/dt)` for each state of the chain, the
    /// states read through `y`.
    @inline(__always)
    static func rates<S: ModelScalar>(_ y: (Int) -> S, _ p: UnsafeBufferPointer<Double>, drive: S,
                                      _ rate: (Int, S) -> Void) {
        let stageRate = Double(seminiferousStages) / p[Parameter.spermatogenesisDuration.rawValue]
        let loss = (1 - drive) * p[Parameter.germCellLossRate.rawValue]
        var previous = drive * p[Parameter.spermatogenicCapacity.rawValue]
        for k in 0..<seminiferousStages {
            let x = y(first + k)
            rate(first + k, (previous - x) * stageRate - x * loss)
            previous = x
        }
        for (k, transit) in transits.enumerated() {
            let i = first + seminiferousStages + k
            let x = y(i)
            rate(i, (previous - x) / p[transit.rawValue])
            previous = x
        }
    }
}
