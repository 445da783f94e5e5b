/// The physiological states (indices 0…5 of every model).
public enum PhysiologicalState: Int, CaseIterable, Sendable {
    case gnrhDrive, lh, fsh, itt, testosterone, estradiol

    public var spec: StateSpec {
        switch self {
        case .gnrhDrive: return StateSpec(name: "GnRH_drive", unit: "1",
            description: "hypothalamic GnRH drive (pulse frequency × amplitude), 1 in the reference man; Tornøe 2007 feedback compartment",
            equation: "dG/dt = ke_GnRH·(A_G·(E2s/E2ref)^(−λE,h)·(T/Tref)^(−λT,h) − G),  E2s = E2/(1 + Σ C_SERM/Ki)")
        case .lh: return StateSpec(name: "LH_IU_per_L", unit: "IU/L", description: "serum LH",
            equation: "dLH/dt = ks_LH·G·(1 + Σ Emax·C^γ/(EC50^γ + C^γ))·(E2s/E2ref)^(−λE,p) − ke_LH·LH")
        case .fsh: return StateSpec(name: "FSH_IU_per_L", unit: "IU/L", description: "serum FSH",
            equation: "dFSH/dt = ks_FSH·G·(1 + Σ Emax·C^γ/(EC50^γ + C^γ))·(E2s/E2ref)^(−λE,p) − ke_FSH·FSH")
        case .itt: return StateSpec(name: "intratesticular_T_nmol_per_L", unit: "nmol/L",
            description: "intratesticular testosterone",
            equation: "dITT/dt = ke_ITT·(Leydig·(1 + Lmax·L^κ/(L50^κ + L^κ)) + c·T − ITT),  L = LH + Σ k_hCG·C,  c = 0.03467 nmol/L per ng/dL")
        case .testosterone: return StateSpec(name: "testosterone_ng_per_dL", unit: "ng/dL", description: "serum total testosterone",
            equation: "dT/dt = k_ITT→T·ITT + Σ KA·A_depot·f_T·10⁶/(10·CL_T/ke_T) − ke_T·T")
        case .estradiol: return StateSpec(name: "estradiol_pg_per_mL", unit: "pg/mL", description: "serum estradiol",
            equation: "dE2/dt = Vp·(BMI/BMI0)^p·fT·c·T/(Km·(1 + Σ C_AI/Ki) + fT·c·T) + Vt·ITT/(Km·(1 + Σ C_AI/Ki) + ITT) − ke_E2·E2")
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
                      equation: $0 == 1 ? "dX1/dt = k_s·(Cap·D^h/(1 + D^h) − X1),  k_s = \(seminiferousStages)/τ_sg,  D = √(FSH/FSH50·ITT/ITT50)"
                                        : "dXk/dt = k_s·(X(k−1) − Xk),  k = 2…\(seminiferousStages)")
        } + epididymalSegments.enumerated().map { k, segment in
            let previous = k == 0 ? "X\(seminiferousStages)" : epididymalSegments[k - 1]
            return StateSpec(name: "sperm_\(segment)_million_per_mL", unit: "million/mL",
                             description: "sperm in the epididymal \(segment)",
                             equation: "d\(segment)/dt = (\(previous) − \(segment))/τ_\(segment)")
        }
    }

    static func derivatives(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, input: Double,
                            _ dydt: UnsafeMutableBufferPointer<Double>) {
        let stageRate = Double(seminiferousStages) / p[Parameter.spermatogenesisDuration.rawValue]
        var previous = input
        for k in 0..<seminiferousStages {
            dydt[first + k] = stageRate * (previous - y[first + k])
            previous = y[first + k]
        }
        for (k, transit) in transits.enumerated() {
            let i = first + seminiferousStages + k
            dydt[i] = (previous - y[i]) / p[transit.rawValue]
            previous = y[i]
        }
    }
}
