/// A Rosenbrock method in the form of Hairer & Wanner, Solving ODEs II, IV.7 (eq. 7.4'; the form RODAS
/// and OrdinaryDiffEq.jl use), with W = I/(hγ) − J:
///
///     W·kᵢ = f(t + cᵢh, y + Σⱼ<ᵢ aᵢⱼ kⱼ) + Σⱼ<ᵢ (Cᵢⱼ/h) kⱼ + h·dᵢ·∂f/∂t,
///     y₁ = y + Σ bᵢ kᵢ,     err = Σ eᵢ kᵢ,
///
/// and the continuous extension y(t + θh) = (1 − θ)y₀ + θ(y₁ + (1 − θ)(K₁ + θK₂ + θ²K₃ + …)) with
/// K_m = Σᵢ dense[m][i]·kᵢ.
public struct RosenbrockTableau: Sendable {
    public let name: String
    public let order: Int
    /// Order of the embedded solution; the error estimate is O(h^(embeddedOrder+1)).
    public let embeddedOrder: Int
    public let gamma: Double
    /// Strictly lower triangular: a[i] and C[i] have i entries.
    public let a: [[Double]]
    public let C: [[Double]]
    public let c: [Double]
    public let d: [Double]
    public let b: [Double]
    public let e: [Double]
    public let dense: [[Double]]

    public var stages: Int { c.count }

    public init(name: String, order: Int, embeddedOrder: Int, gamma: Double, a: [[Double]], C: [[Double]],
                c: [Double], d: [Double], b: [Double], e: [Double], dense: [[Double]]) {
        let s = c.count
        precondition(a.count == s && C.count == s && d.count == s && b.count == s && e.count == s)
        for i in 0..<s { precondition(a[i].count == i && C[i].count == i, "a and C must be strictly lower") }
        for row in dense { precondition(row.count == s) }
        self.name = name
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.gamma = gamma
        self.a = a
        self.C = C
        self.c = c
        self.d = d
        self.b = b
        self.e = e
        self.dense = dense
    }
}

extension RosenbrockTableau {
    /// Rodas5P: G. Steinebach, "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks
    /// within the Julia Differential Equations package", BIT Numer. Math. 63 (2023) 27. Order 5(4), 8
    /// stages, stiffly accurate (the last three stages are at c = 1 and y₁ is the last stage value), error
    /// estimate = k₈, dense output of order 4. Coefficients as in OrdinaryDiffEq.jl's `Rodas5PTableau`.
    ///
    /// Stages 7 and 8 evaluate f at y + Σ a₆ⱼkⱼ + k₆ and at that plus k₇ (the embedded and the final
    /// solution), so their `a` rows extend row 6 by ones, and b extends it by three ones.
    public static let rodas5P: RosenbrockTableau = {
        let a6: [Double] = [
            -7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256,
            0.030198172008377946,
        ]
        return RosenbrockTableau(
            name: "rodas5p", order: 5, embeddedOrder: 4, gamma: 0.21193756319429014,
            a: [
                [],
                [3.0],
                [2.849394379747939, 0.45842242204463923],
                [-6.954028509809101, 2.489845061869568, -10.358996098473584],
                [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
                a6,
                a6 + [1],
                a6 + [1, 1],
            ],
            C: [
                [],
                [-14.155112264123755],
                [-17.97296035885952, -2.859693295451294],
                [147.12150275711716, -1.41221402718213, 71.68940251302358],
                [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
                [24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125,
                 -0.6610691825249471],
                [30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783,
                 -19.097331116725623, -28.087943162872662],
                [37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047,
                 -40.06618937091002, -54.66780262877968, -9.48861652309627],
            ],
            c: [0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1, 1, 1],
            d: [0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734,
                2.325825639765069, 0, 0, 0],
            b: a6 + [1, 1, 1],
            e: [0, 0, 0, 0, 0, 0, 0, 1],
            dense: [
                [25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204,
                 0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493],
                [-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796,
                 20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372],
                [11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643,
                 -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722],
            ])
    }()
}
