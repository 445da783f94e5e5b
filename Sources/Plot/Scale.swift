import Foundation

/// How an axis maps data to position: linearly, or linearly in log10 of the value.
public enum Scale: Sendable, Equatable {
    case linear
    case log10

    /// Whether a data value can be placed on this scale (finite, and positive on a log scale).
    public func admits(_ value: Double) -> Bool {
        value.isFinite && (self == .linear || value > 0)
    }

    /// The coordinate the scale is linear in: v, or log10 v.
    func transformed(_ value: Double) -> Double {
        self == .linear ? value : Foundation.log10(value)
    }
}

/// A scale fitted to data: the domain [lower, upper] (data units, the outer ticks) onto the pixel interval
/// [start, end]. The map is the affine one in the transformed coordinate u (u = v, or u = log10 v):
///     pixel(v) = start + (u(v) − u(lower)) / (u(upper) − u(lower)) · (end − start).
/// A y axis has start at the bottom of the plot and end at its top (SVG y grows downwards).
public struct AxisMap: Sendable, Equatable {
    public var scale: Scale
    public var ticks: Ticks
    public var start: Double
    public var end: Double

    public var lower: Double { ticks.values[0] }
    public var upper: Double { ticks.values[ticks.values.count - 1] }

    /// Ticks covering every data value the scale admits (values it does not admit are ignored); with no
    /// such value, the ticks of [0, 1] (linear) or [1, 10] (log).
    public init(scale: Scale, data: [Double], start: Double, end: Double, tickCount: Int = 5) {
        let admitted = data.filter(scale.admits)
        let low = admitted.min() ?? (scale == .linear ? 0 : 1), high = admitted.max() ?? (scale == .linear ? 1 : 10)
        self.scale = scale
        self.ticks = scale == .linear ? NiceNumbers.linear(low, high, count: tickCount) : NiceNumbers.log10(low, high)
        self.start = start
        self.end = end
    }

    /// The pixel coordinate of a data value (the formula above); nil for a value the scale does not admit.
    public func pixel(_ value: Double) -> Double? {
        guard scale.admits(value) else { return nil }
        let u0 = scale.transformed(lower), u1 = scale.transformed(upper)
        return start + (scale.transformed(value) - u0) / (u1 - u0) * (end - start)
    }

    /// The pixel coordinate, with values the scale cannot place pinned to the near end (for the edges of
    /// bands that run to an open end, e.g. "T ≥ 300" up to the top).
    func clampedPixel(_ value: Double) -> Double {
        if let p = pixel(value) { return min(max(p, min(start, end)), max(start, end)) }
        return value > 0 ? end : start
    }
}
