/// Drawing one panel: grid and ticks, target bands, bands, event marks, lines (clipped to the plot area),
/// points, then the frame and the labels.
extension Figure {
    func draw(_ k: Int, into out: inout SVGText) {
        let panel = panels[k], area = plotArea(k), (x, y) = maps(k)
        let gridColor = [("stroke", "#e3e3e3"), ("stroke-width", "1")]
        for v in x.ticks.values { if let p = x.pixel(v) { out.line(p, area.top, p, area.bottom, gridColor) } }
        for v in y.ticks.values { if let p = y.pixel(v) { out.line(area.left, p, area.right, p, gridColor) } }

        let clip = "plot\(k)"
        out.open("clipPath", [("id", clip)])
        out.element("rect", [("x", SVGText.number(area.left)), ("y", SVGText.number(area.top)),
                             ("width", SVGText.number(area.right - area.left)),
                             ("height", SVGText.number(area.bottom - area.top))])
        out.close("clipPath")
        out.open("g", [("clip-path", "url(#\(clip))")])
        for target in panel.targets { drawTarget(target, x: x, y: y, into: &out) }
        for band in panel.bands { drawBand(band, x: x, y: y, into: &out) }
        for (row, marks) in panel.events.enumerated() {
            let top = area.top + 2 + Double(row) * 7
            for v in marks.x { if let p = x.pixel(v) { out.line(p, top, p, top + 5, [("stroke", marks.color)]) } }
        }
        for line in panel.lines {
            var attributes = [("stroke", line.color), ("stroke-width", SVGText.number(line.width)),
                              ("stroke-linejoin", "round")]
            if line.dashed { attributes.append(("stroke-dasharray", "5 3")) }
            for run in Self.runs(line.x.indices.map { (line.x[$0], line.y[$0]) }, x: x, y: y) {
                out.polyline(run, attributes)
            }
        }
        out.close("g")
        // Points lie within the axes' range (it covers them); unclipped, a point on the frame stays whole.
        for points in panel.points { drawPoints(points, x: x, y: y, into: &out) }

        out.element("rect", [("x", SVGText.number(area.left)), ("y", SVGText.number(area.top)),
                             ("width", SVGText.number(area.right - area.left)),
                             ("height", SVGText.number(area.bottom - area.top)), ("fill", "none"), ("stroke", "#444")])
        for (v, label) in zip(x.ticks.values, x.ticks.labels) {
            guard let p = x.pixel(v) else { continue }
            out.line(p, area.bottom, p, area.bottom + 4, [("stroke", "#444")])
            out.text(label, x: p, y: area.bottom + 15, [("text-anchor", "middle")])
        }
        for (v, label) in zip(y.ticks.values, y.ticks.labels) {
            guard let p = y.pixel(v) else { continue }
            out.line(area.left - 4, p, area.left, p, [("stroke", "#444")])
            out.text(label, x: area.left - 6, y: p + 4, [("text-anchor", "end")])
        }
        out.text(panel.x.title, x: (area.left + area.right) / 2, y: area.bottom + 32, [("text-anchor", "middle")])
        let yMiddle = (area.top + area.bottom) / 2, yTitleX = area.left - 52
        out.text(panel.y.title, x: yTitleX, y: yMiddle,
                 [("text-anchor", "middle"),
                  ("transform", "rotate(-90 \(SVGText.number(yTitleX)) \(SVGText.number(yMiddle)))")])
        // The target bands are named above the plot's right end, clear of the data; the title takes the rest of
        // the width, set smaller when it would not fit (by the 0.6 em estimate), down to 7 pixels.
        let targets = panel.targets.map(\.label).joined(separator: "; ")
        if !targets.isEmpty {
            out.text(targets, x: area.right, y: area.top - 8, [("text-anchor", "end"), ("fill", Self.targetColor), ("font-size", "10")])
        }
        let room = area.right - area.left - (targets.isEmpty ? 0 : SVGText.width(targets, fontSize: 10) + 10)
        let titleSize = min(Self.fontSize, max(7, room / (0.6 * Double(max(panel.title.count, 1)))))
        out.text(panel.title, x: area.left, y: area.top - 8,
                 [("font-weight", "bold"), ("font-size", NumberText.compact(titleSize, 1))])
    }

    /// Consecutive (x, y) pairs that both scales admit, as pixel runs; a value they do not admit ends a run.
    static func runs(_ data: [(Double, Double)], x: AxisMap, y: AxisMap) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = [], current: [(Double, Double)] = []
        for (u, v) in data {
            if let px = x.pixel(u), let py = y.pixel(v) {
                current.append((px, py))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    func drawBand(_ band: Band, x: AxisMap, y: AxisMap, into out: inout SVGText) {
        let upper = Self.runs(band.x.indices.map { (band.x[$0], band.upper[$0]) }, x: x, y: y)
        let lower = Self.runs(band.x.indices.map { (band.x[$0], band.lower[$0]) }, x: x, y: y)
        // A polygon per stretch where both edges are drawable throughout.
        guard upper.count == 1, lower.count == 1, upper[0].count == lower[0].count else {
            for (u, l) in zip(upper, lower) where u.count == l.count { polygon(u + l.reversed(), band, into: &out) }
            return
        }
        polygon(upper[0] + lower[0].reversed(), band, into: &out)
    }

    private func polygon(_ points: [(Double, Double)], _ band: Band, into out: inout SVGText) {
        out.element("polygon", [("points", SVGText.pointList(points)), ("fill", band.color),
                                ("fill-opacity", NumberText.compact(band.opacity, 3)), ("stroke", "none")])
    }

    func drawTarget(_ target: TargetBand, x: AxisMap, y: AxisMap, into out: inout SVGText) {
        let bottom = y.clampedPixel(target.lower ?? -.infinity), top = y.clampedPixel(target.upper ?? .infinity)
        out.element("rect", [("x", SVGText.number(x.start)), ("y", SVGText.number(min(top, bottom))),
                             ("width", SVGText.number(x.end - x.start)), ("height", SVGText.number(abs(bottom - top))),
                             ("fill", Self.targetColor), ("fill-opacity", "0.1")])
        for bound in [target.lower, target.upper].compactMap({ $0 }) {
            guard let p = y.pixel(bound) else { continue }
            out.line(x.start, p, x.end, p, [("stroke", Self.targetColor), ("stroke-dasharray", "4 3")])
        }
    }

    static let targetColor = "#1b7837"

    func drawPoints(_ points: Points, x: AxisMap, y: AxisMap, into out: inout SVGText) {
        for i in points.x.indices {
            guard let px = x.pixel(points.x[i]), let py = y.pixel(points.y[i]) else { continue }
            if let low = points.low?[i], let high = points.high?[i] {
                let bottom = y.clampedPixel(low), top = y.clampedPixel(high)
                out.line(px, bottom, px, top, [("stroke", points.color)])
                out.line(px - 3, bottom, px + 3, bottom, [("stroke", points.color)])
                out.line(px - 3, top, px + 3, top, [("stroke", points.color)])
            }
            let hollow = points.hollow?[i] ?? false
            out.element("circle", [("cx", SVGText.number(px)), ("cy", SVGText.number(py)), ("r", "3.5"),
                                   ("fill", hollow ? "white" : points.color), ("stroke", points.color),
                                   ("stroke-width", "1.5")])
        }
    }
}
