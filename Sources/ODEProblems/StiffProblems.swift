import ODE

// Stiff test problems with analytic Jacobians and published end-point reference solutions.
//
// Sources of the reference values: F. Mazzia & C. Magherini, "Test Set for Initial Value Problem Solvers",
// release 2.4, Dept. of Mathematics, University of Bari, Report 4/2008 (problem descriptions and the Fortran
// files rober.f, hires.f, vdpol.f, pollu.f, orego.f, whose `solut` routines give the end values, computed
// with RADAU/RADAU5 at rtol = atol = 1.1e-18 with unit roundoff 1.01e-19). Values transcribed from those
// routines (as carried by several public copies of the test set); on transcription they were checked
// against scipy's Radau at rtol 1e-11 (agreement to 2e-13 for POLLU and OREGO). The same problems appear
// in Hairer & Wanner, Solving ODEs II (2nd ed.), Sect. IV.10.
//
// Absolute tolerances: the test set runs its solvers with tolerances of its own choice per problem and
// does not fix one atol; the values below are set from the size of the smallest component the end-point
// check looks at (atol below that size, so the relative error of every reported component is under control).

extension TestProblem {
    /// Robertson's autocatalytic reaction (ROBER): three species, rate constants 0.04, 1e4, 3e7, on
    /// [0, 1e11]. y₂ peaks near 3.65e-5 and ends near 8.3e-14, hence atol = 1e-14 (CVODE's cvRoberts_dns
    /// example uses the same atol for y₂).
    public static let robertson = TestProblem(
        name: "robertson",
        problem: ODEProblem(
            rhs: { _, y, f in
                f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
                f[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
                f[2] = 3e7 * y[1] * y[1]
            },
            jacobian: { _, y, J in
                J[0, 0] = -0.04; J[0, 1] = 1e4 * y[2]; J[0, 2] = 1e4 * y[1]
                J[1, 0] = 0.04; J[1, 1] = -1e4 * y[2] - 6e7 * y[1]; J[1, 2] = -1e4 * y[1]
                J[2, 0] = 0; J[2, 1] = 6e7 * y[1]; J[2, 2] = 0
            },
            initialState: [1, 0, 0], timeSpan: 0...1e11),
        isStiff: true,
        reference: [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050],
        referenceSource: "Bari IVP test set (Mazzia & Magherini 2008), problem ROBER, y(1e11)",
        absoluteTolerance: 1e-14)

    /// HIRES: "High Irradiance RESponse" of plant morphogenesis (Schäfer 1975), 8 species, on [0, 321.8122].
    /// Components at the end are 6e-5 … 6e-3, hence atol = 1e-10.
    public static let hires = TestProblem(
        name: "hires",
        problem: ODEProblem(
            rhs: { _, y, f in
                f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007
                f[1] = 1.71 * y[0] - 8.75 * y[1]
                f[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4]
                f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3]
                f[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6]
                f[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6]
                f[6] = 280 * y[5] * y[7] - 1.81 * y[6]
                f[7] = -280 * y[5] * y[7] + 1.81 * y[6]
            },
            jacobian: { _, y, J in
                J.zero()
                J[0, 0] = -1.71; J[0, 1] = 0.43; J[0, 2] = 8.32
                J[1, 0] = 1.71; J[1, 1] = -8.75
                J[2, 2] = -10.03; J[2, 3] = 0.43; J[2, 4] = 0.035
                J[3, 1] = 8.32; J[3, 2] = 1.71; J[3, 3] = -1.12
                J[4, 4] = -1.745; J[4, 5] = 0.43; J[4, 6] = 0.43
                J[5, 3] = 0.69; J[5, 4] = 1.71; J[5, 5] = -280 * y[7] - 0.43; J[5, 6] = 0.69
                J[5, 7] = -280 * y[5]
                J[6, 5] = 280 * y[7]; J[6, 6] = -1.81; J[6, 7] = 280 * y[5]
                J[7, 5] = -280 * y[7]; J[7, 6] = 1.81; J[7, 7] = -280 * y[5]
            },
            initialState: [1, 0, 0, 0, 0, 0, 0, 0.0057], timeSpan: 0...321.8122),
        isStiff: true,
        reference: [
            0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
            0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
        ],
        referenceSource: "Bari IVP test set (Mazzia & Magherini 2008), problem HIRES, y(321.8122)",
        absoluteTolerance: 1e-10)

    /// Van der Pol with μ = 1000 in Hairer's scaled form (Solving ODEs II, eq. IV.1.5'; test set VDPOL):
    /// y₁' = y₂, y₂' = ((1 − y₁²)y₂ − y₁)/ε with ε = 1/μ² = 1e-6 and t = t_unscaled/μ, on [0, 2]
    /// (= [0, 2000] unscaled), y(0) = (2, 0). Components are O(1) at the end; atol = 1e-8.
    public static let vanDerPol1000 = TestProblem(
        name: "vanderpol1000",
        problem: ODEProblem(
            rhs: { _, y, f in
                f[0] = y[1]
                f[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / 1e-6
            },
            jacobian: { _, y, J in
                J[0, 0] = 0; J[0, 1] = 1
                J[1, 0] = (-2 * y[0] * y[1] - 1) / 1e-6; J[1, 1] = (1 - y[0] * y[0]) / 1e-6
            },
            initialState: [2, 0], timeSpan: 0...2),
        isStiff: true,
        reference: [0.1706167732170483e1, -0.8928097010247975e0],
        referenceSource: "Bari IVP test set (Mazzia & Magherini 2008), problem VDPOL (ε = 1e-6), y(2)",
        absoluteTolerance: 1e-8)

    /// Oregonator (Field & Noyes 1974; Hairer & Wanner II, IV.10, OREGO) on [0, 360], y(0) = (1, 2, 3).
    /// Components range over 1 … 1e5; atol = 1e-8.
    public static let oregonator = TestProblem(
        name: "oregonator",
        problem: ODEProblem(
            rhs: { _, y, f in
                f[0] = 77.27 * (y[1] + y[0] * (1 - 8.375e-6 * y[0] - y[1]))
                f[1] = (y[2] - (1 + y[0]) * y[1]) / 77.27
                f[2] = 0.161 * (y[0] - y[2])
            },
            jacobian: { _, y, J in
                J[0, 0] = 77.27 * (1 - 2 * 8.375e-6 * y[0] - y[1]); J[0, 1] = 77.27 * (1 - y[0]); J[0, 2] = 0
                J[1, 0] = -y[1] / 77.27; J[1, 1] = -(1 + y[0]) / 77.27; J[1, 2] = 1 / 77.27
                J[2, 0] = 0.161; J[2, 1] = 0; J[2, 2] = -0.161
            },
            initialState: [1, 2, 3], timeSpan: 0...360),
        isStiff: true,
        reference: [0.1000814870318523e1, 0.1228178521549917e4, 0.1320554942846706e3],
        referenceSource: "Hairer & Wanner II, IV.10 (OREGO); value from the Bari IVP test set orego.f, y(360)",
        absoluteTolerance: 1e-8)

    /// POLLU: air-pollution chemistry of the Dutch RIVM model (Verwer 1994, SIAM J. Sci. Comput. 15:1243),
    /// 20 species, 25 mass-action reactions, on [0, 60] (minutes; concentrations in ppm). The smallest
    /// end value is y₁₆ ≈ 4.4e-17 (the O1D radical, in quasi-steady state); the others are ≥ 1e-8, hence
    /// atol = 1e-12 (y₁₆ is then checked in absolute terms only).
    public static let pollution = TestProblem(
        name: "pollution",
        problem: MassActionNetwork.pollu.problem(
            initialState: [0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0],
            timeSpan: 0...60),
        isStiff: true,
        reference: [
            0.5646255480022769e-01, 0.1342484130422339e+00, 0.4139734331099427e-08, 0.5523140207484359e-02,
            0.2018977262302196e-06, 0.1464541863493966e-06, 0.7784249118997964e-01, 0.3245075353396018e+00,
            0.7494013383880406e-02, 0.1622293157301561e-07, 0.1135863833257075e-07, 0.2230505975721359e-02,
            0.2087162882798630e-03, 0.1396921016840158e-04, 0.8964884856898295e-02, 0.4352846369330103e-17,
            0.6899219696263405e-02, 0.1007803037365946e-03, 0.1772146513969984e-05, 0.5682943292316392e-04,
        ],
        referenceSource: "Bari IVP test set (Mazzia & Magherini 2008), problem POLLU, y(60)",
        absoluteTolerance: 1e-12)

    /// The stiff problems, in the order they are listed in `TestProblem.all`.
    public static let stiff: [TestProblem] = [robertson, hires, vanDerPol1000, oregonator, pollution]
}

/// A chemical network with mass-action kinetics: rate rₖ = κₖ · Π (reactant concentrations), and
/// f = S·r with S the stoichiometric matrix, so the Jacobian is J = S · ∂r/∂y with
/// ∂rₖ/∂y_m = κₖ · Π_{reactants other than this occurrence of m}. One mechanism for f and J.
struct MassActionNetwork: Sendable {
    /// Rate constant and reactant indices (one or two) of each reaction.
    let reactions: [(rate: Double, reactants: [Int])]
    /// Net stoichiometry: (species, reaction, coefficient).
    let stoichiometry: [(species: Int, reaction: Int, coefficient: Double)]
    let species: Int

    func problem(initialState: [Double], timeSpan: ClosedRange<Double>) -> ODEProblem {
        let network = self
        return ODEProblem(
            rhs: { _, y, f in
                for i in 0..<f.count { f[i] = 0 }
                for (i, k, s) in network.stoichiometry { f[i] += s * network.rate(k, y) }
            },
            jacobian: { _, y, J in
                J.zero()
                for (i, k, s) in network.stoichiometry {
                    let reactants = network.reactions[k].reactants
                    for (position, m) in reactants.enumerated() {
                        var partial = network.reactions[k].rate
                        for (other, r) in reactants.enumerated() where other != position { partial *= y[r] }
                        J[i, m] += s * partial
                    }
                }
            },
            initialState: initialState, timeSpan: timeSpan)
    }

    func rate(_ k: Int, _ y: UnsafeBufferPointer<Double>) -> Double {
        var r = reactions[k].rate
        for m in reactions[k].reactants { r *= y[m] }
        return r
    }

    /// Verwer (1994), Table 1, as coded in the test set's pollu.f (indices zero-based here).
    static let pollu: MassActionNetwork = {
        let rates = [
            0.35, 0.266e2, 0.123e5, 0.86e-3, 0.82e-3, 0.15e5, 0.13e-3, 0.24e5, 0.165e5, 0.9e4, 0.22e-1, 0.12e5,
            0.188e1, 0.163e5, 0.48e7, 0.35e-3, 0.175e-1, 0.1e9, 0.444e12, 0.124e4, 0.21e1, 0.578e1, 0.474e-1,
            0.178e4, 0.312e1,
        ]
        let reactants: [[Int]] = [
            [0], [1, 3], [4, 1], [6], [6], [6, 5], [8], [8, 5], [10, 1], [10, 0], [12], [9, 1], [13], [0, 5],
            [2], [3], [3], [15], [15], [16, 5], [18], [18], [0, 3], [18, 0], [19],
        ]
        // Species i: the reactions consuming it and those producing it (a repeated index counts twice).
        let balance: [(consumed: [Int], produced: [Int])] = [
            ([0, 9, 13, 22, 23], [1, 2, 8, 10, 11, 21, 24]),
            ([1, 2, 8, 11], [0, 20]),
            ([14], [0, 16, 18, 21]),
            ([1, 15, 16, 22], [14]),
            ([2], [3, 3, 5, 6, 12, 19]),
            ([5, 7, 13, 19], [2, 17, 17]),
            ([3, 4, 5], [12]),
            ([], [3, 4, 5, 6]),
            ([6, 7], []),
            ([11], [6, 8]),
            ([8, 9], [7, 10]),
            ([], [8]),
            ([10], [9]),
            ([12], [11]),
            ([], [13]),
            ([17, 18], [15]),
            ([19], []),
            ([], [19]),
            ([20, 21, 23], [22, 24]),
            ([24], [23]),
        ]
        var stoichiometry: [(species: Int, reaction: Int, coefficient: Double)] = []
        for (i, row) in balance.enumerated() {
            for k in row.consumed { stoichiometry.append((i, k, -1)) }
            for k in row.produced { stoichiometry.append((i, k, 1)) }
        }
        return MassActionNetwork(
            reactions: zip(rates, reactants).map { ($0, $1) }, stoichiometry: stoichiometry, species: 20)
    }()
}
