/// One chart: axes with labels and units, and what is drawn on them. Values a scale cannot place (not
/// finite, or ≤ 0 on a log scale) are left out: a line or band is broken there, a point is not drawn.
public struct Panel: Sendable {
    public var title: String
    public var x: AxisSpec
    public var y: AxisSpec
    public var bands: [Band] = []
    public var lines: [Line] = []
    public var points: [Points] = []
    public var targets: [TargetBand] = []
    public var events: [EventMarks] = []

    public init(title: String, x: AxisSpec, y: AxisSpec) {
        self.title = title
        self.x = x
        self.y = y
    }

    /// An empty cell of the grid (to start the next group of panels on a new row): nothing is drawn.
    public static let blank = Panel(title: "", x: AxisSpec(label: ""), y: AxisSpec(label: ""))

    var isBlank: Bool {
        title.isEmpty && bands.isEmpty && lines.isEmpty && points.isEmpty && targets.isEmpty && events.isEmpty
    }

    /// Every x value drawn (the x axis covers them).
    var xData: [Double] {
        lines.flatMap(\.x) + points.flatMap(\.x) + bands.flatMap(\.x) + events.flatMap(\.x)
    }

    /// Every y value drawn, the finite bounds of the target bands, and 0 when the axis asks for it.
    var yData: [Double] {
        lines.flatMap(\.y) + points.flatMap { $0.y + ($0.low ?? []) + ($0.high ?? []) }
            + bands.flatMap { $0.lower + $0.upper } + targets.flatMap { [$0.lower, $0.upper].compactMap { $0 } }
            + (y.includesZero ? [0] : [])
    }
}

/// An axis: its label, the unit shown after it in parentheses, and its scale.
public struct AxisSpec: Sendable {
    public var label: String
    public var unit: String?
    public var scale: Scale
    /// Extend the range to 0 (linear scales), so a level is seen against zero.
    public var includesZero: Bool

    public init(label: String, unit: String? = nil, scale: Scale = .linear, includesZero: Bool = false) {
        self.label = label
        self.unit = unit
        self.scale = scale
        self.includesZero = includesZero
    }

    var title: String { unit.map { "\(label) (\($0))" } ?? label }
}

/// A polyline through (x[i], y[i]).
public struct Line: Sendable {
    public var label: String?
    public var x: [Double]
    public var y: [Double]
    public var color: String
    public var dashed: Bool
    public var width: Double

    public init(label: String?, x: [Double], y: [Double], color: String, dashed: Bool = false, width: Double = 1.5) {
        precondition(x.count == y.count, "a line needs as many x as y values")
        self.label = label
        self.x = x
        self.y = y
        self.color = color
        self.dashed = dashed
        self.width = width
    }
}

/// Markers at (x[i], y[i]), each with an optional vertical error bar from low[i] to high[i].
public struct Points: Sendable {
    public var label: String?
    public var x: [Double]
    public var y: [Double]
    public var low: [Double]?
    public var high: [Double]?
    public var color: String
    /// Drawn as an outline rather than filled (e.g. a value that does not meet its tolerance).
    public var hollow: [Bool]?

    public init(label: String?, x: [Double], y: [Double], low: [Double]? = nil, high: [Double]? = nil,
                color: String, hollow: [Bool]? = nil) {
        precondition(x.count == y.count && (low?.count ?? x.count) == x.count && (high?.count ?? x.count) == x.count
                     && (hollow?.count ?? x.count) == x.count, "points need as many values of each kind as x values")
        self.label = label
        self.x = x
        self.y = y
        self.low = low
        self.high = high
        self.color = color
        self.hollow = hollow
    }
}

/// The region between lower[i] and upper[i] over x[i], filled (a fan chart nests several, widest first).
public struct Band: Sendable {
    public var label: String?
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var color: String
    public var opacity: Double

    public init(label: String?, x: [Double], lower: [Double], upper: [Double], color: String, opacity: Double) {
        precondition(x.count == lower.count && x.count == upper.count, "a band needs as many bounds as x values")
        self.label = label
        self.x = x
        self.lower = lower
        self.upper = upper
        self.color = color
        self.opacity = opacity
    }
}

/// A horizontal range of y that is a goal (lower ≤ y ≤ upper; an absent bound is open), shaded across the
/// panel, its finite bounds drawn as dashed lines and its label written above the panel's right end.
public struct TargetBand: Sendable {
    public var label: String
    public var lower: Double?
    public var upper: Double?

    public init(label: String, lower: Double?, upper: Double?) {
        precondition(lower != nil || upper != nil, "a target band needs a bound")
        self.label = label
        self.lower = lower
        self.upper = upper
    }
}

/// Times of events (doses), drawn as short ticks along the top of the plot, one row per set.
public struct EventMarks: Sendable {
    public var label: String?
    public var x: [Double]
    public var color: String

    public init(label: String?, x: [Double], color: String) {
        self.label = label
        self.x = x
        self.color = color
    }
}

/// Colours that stay distinct for colour-blind readers: Okabe, M. & Ito, K. (2008), "Color Universal
/// Design", the eight-colour set without yellow (too pale on white), in their order; then wine and teal of
/// Paul Tol's muted scheme (Tol, P. (2021), "Colour Schemes", SRON/EPS/TN/09-002).
public enum Palette {
    public static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                                "#882255", "#44AA99"]

    /// The colour of the i-th series, cycling.
    public static func color(_ index: Int) -> String { colors[index % colors.count] }
}
