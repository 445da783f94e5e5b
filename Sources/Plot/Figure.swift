/// Panels in a grid (small multiples, row by row) with a title and one legend for all of them, as one SVG
/// document: no script, no external resource, fixed fonts by family name only.
public struct Figure: Sendable {
    public var title: String?
    public var panels: [Panel]
    public var columns: Int
    public var panelWidth: Double
    public var panelHeight: Double
    /// Lines under the legend (sources, definitions).
    public var notes: [String]
    /// Panels whose y axes have the same title and scale share one y range (the union of their data), so
    /// that small multiples of one quantity compare at a glance.
    public var sharesYAxes = false
    /// A heading over each row of panels (by row; "" for none); empty: no headings and no room for them.
    public var rowTitles: [String] = []

    public init(title: String?, panels: [Panel], columns: Int = 2, panelWidth: Double = 400,
                panelHeight: Double = 270, notes: [String] = []) {
        precondition(!panels.isEmpty && columns >= 1, "a figure needs a panel and a column")
        self.title = title
        self.panels = panels
        self.columns = min(columns, panels.count)
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
        self.notes = notes
    }

    static let fontSize = 11.0
    static let titleHeight = 28.0
    static let noteHeight = 15.0
    static let rowTitleHeight = 20.0

    var rows: Int { (panels.count + columns - 1) / columns }
    var width: Double { Double(columns) * panelWidth }
    var top: Double { title == nil ? 4 : Self.titleHeight }
    /// A row's height: the panels' and its heading's.
    var rowHeight: Double { panelHeight + (rowTitles.isEmpty ? 0 : Self.rowTitleHeight) }

    /// Where panel k's plot area sits (pixels): its frame within the panel's cell, leaving room for the title
    /// above, the tick labels and axis titles left and below.
    public func plotArea(_ k: Int) -> (left: Double, top: Double, right: Double, bottom: Double) {
        let cellX = Double(k % columns) * panelWidth
        let cellY = top + Double(k / columns) * rowHeight + (rowTitles.isEmpty ? 0 : Self.rowTitleHeight)
        return (cellX + 66, cellY + 26, cellX + panelWidth - 16, cellY + panelHeight - 44)
    }

    /// The x and y maps of panel k: data onto its plot area, below a strip along the top for the rows of
    /// event marks (7 pixels each), so that marks and data do not overlap.
    public func maps(_ k: Int) -> (x: AxisMap, y: AxisMap) {
        let area = plotArea(k), panel = panels[k]
        let yData = sharesYAxes
            ? panels.filter { $0.y.title == panel.y.title && $0.y.scale == panel.y.scale }.flatMap(\.yData) : panel.yData
        let strip = panel.events.isEmpty ? 0 : 4 + 7 * Double(panel.events.count)
        return (AxisMap(scale: panel.x.scale, data: panel.xData, start: area.left, end: area.right),
                AxisMap(scale: panel.y.scale, data: yData, start: area.bottom, end: area.top + strip, tickCount: 6))
    }

    /// The SVG document.
    public var svg: String {
        let legend = Legend(entries: Legend.entries(panels), width: width, fontSize: Self.fontSize)
        let legendTop = top + Double(rows) * rowHeight + 4
        let height = legendTop + legend.height + Double(notes.count) * Self.noteHeight + 8
        var out = SVGText()
        out.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", SVGText.number(width)),
                         ("height", SVGText.number(height)), ("viewBox", "0 0 \(SVGText.number(width)) \(SVGText.number(height))"),
                         ("font-family", "sans-serif"), ("font-size", SVGText.number(Self.fontSize))])
        out.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
        if let title {
            out.text(title, x: width / 2, y: 19, [("text-anchor", "middle"), ("font-size", "14"), ("font-weight", "bold")])
        }
        for (row, heading) in rowTitles.enumerated() where !heading.isEmpty {
            out.text(heading, x: 10, y: top + Double(row) * rowHeight + 15, [("font-size", "13"), ("font-weight", "bold")])
        }
        for k in panels.indices where !panels[k].isBlank { draw(k, into: &out) }
        legend.draw(into: &out, top: legendTop)
        for (i, note) in notes.enumerated() {
            out.text(note, x: 10, y: legendTop + legend.height + Double(i + 1) * Self.noteHeight - 3,
                     [("fill", "#555"), ("font-size", "10")])
        }
        out.close("svg")
        return out.lines.joined(separator: "\n") + "\n"
    }
}
