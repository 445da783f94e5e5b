/// The figure's key: one entry per distinct labelled item across the panels, in order of first appearance,
/// laid out left to right and wrapped into rows.
struct Legend {
    enum Glyph: Equatable {
        case line(dashed: Bool)
        case point
        case band(opacity: Double)
        case tick
    }

    struct Entry: Equatable {
        var label: String
        var color: String
        var glyph: Glyph
    }

    var entries: [Entry]
    var width: Double
    var fontSize: Double

    static func entries(_ panels: [Panel]) -> [Entry] {
        var entries: [Entry] = []
        func add(_ label: String?, _ color: String, _ glyph: Glyph) {
            guard let label, !label.isEmpty else { return }
            let entry = Entry(label: label, color: color, glyph: glyph)
            if !entries.contains(entry) { entries.append(entry) }
        }
        for panel in panels {
            for band in panel.bands { add(band.label, band.color, .band(opacity: band.opacity)) }
            for line in panel.lines { add(line.label, line.color, .line(dashed: line.dashed)) }
            for points in panel.points { add(points.label, points.color, .point) }
            for marks in panel.events { add(marks.label, marks.color, .tick) }
        }
        return entries
    }

    static let rowHeight = 17.0
    static let glyphWidth = 22.0

    /// Each entry's (x, row), wrapping when the next would pass the right edge.
    var positions: [(x: Double, row: Int)] {
        var x = 10.0, row = 0, result: [(Double, Int)] = []
        for entry in entries {
            let w = Self.glyphWidth + 6 + SVGText.width(entry.label, fontSize: fontSize) + 16
            if x + w > width - 10 && x > 10 { x = 10; row += 1 }
            result.append((x, row))
            x += w
        }
        return result
    }

    var height: Double { entries.isEmpty ? 0 : Double((positions.last?.row ?? 0) + 1) * Self.rowHeight }

    func draw(into out: inout SVGText, top: Double) {
        for (entry, (x, row)) in zip(entries, positions) {
            let middle = top + Double(row) * Self.rowHeight + Self.rowHeight / 2
            switch entry.glyph {
            case .line(let dashed):
                out.line(x, middle, x + Self.glyphWidth, middle,
                         [("stroke", entry.color), ("stroke-width", "2")] + (dashed ? [("stroke-dasharray", "5 3")] : []))
            case .point:
                out.element("circle", [("cx", SVGText.number(x + Self.glyphWidth / 2)), ("cy", SVGText.number(middle)),
                                       ("r", "3.5"), ("fill", entry.color)])
            case .band(let opacity):
                out.element("rect", [("x", SVGText.number(x)), ("y", SVGText.number(middle - 5)),
                                     ("width", SVGText.number(Self.glyphWidth)), ("height", "10"),
                                     ("fill", entry.color), ("fill-opacity", NumberText.compact(opacity, 3))])
            case .tick:
                out.line(x + Self.glyphWidth / 2, middle - 5, x + Self.glyphWidth / 2, middle + 5,
                         [("stroke", entry.color), ("stroke-width", "1.5")])
            }
            out.text(entry.label, x: x + Self.glyphWidth + 6, y: middle + 4)
        }
    }
}
