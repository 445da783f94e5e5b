import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plot

/// The SVG as data: it parses as XML, the axes map data by the affine (or log-affine) formula, a series
/// lands where the formula puts it, and the same figure gives the same bytes.
struct FigureTests {
    /// Every element of the document with its attributes, in document order.
    final class Elements: NSObject, XMLParserDelegate {
        var list: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            list.append((name, attributes))
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }

    static func parse(_ svg: String) -> Elements? {
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        return parser.parse() ? elements : nil
    }

    static func figure(yScale: Scale = .linear) -> Figure {
        var panel = Panel(title: "a <panel> & its \"data\"", x: AxisSpec(label: "time", unit: "days"),
                          y: AxisSpec(label: "level", unit: "ng/dL", scale: yScale))
        panel.lines = [Line(label: "scenario", x: [0, 10, 20, 30], y: [200, 350, 720, 410], color: Palette.color(0))]
        panel.points = [Points(label: "reported", x: [15], y: [500], low: [400], high: [600], color: Palette.color(1))]
        panel.bands = [Band(label: "5–95 %", x: [0, 30], lower: [150, 300], upper: [300, 800],
                            color: Palette.color(0), opacity: 0.2)]
        panel.targets = [TargetBand(label: "T ≥ 300", lower: 300, upper: nil)]
        panel.events = [EventMarks(label: "dose", x: [0, 7, 14, 21, 28], color: Palette.color(0))]
        var second = panel
        second.title = "second"
        return Figure(title: "Title", panels: [panel, second], columns: 2)
    }

    @Test(arguments: [Scale.linear, .log10]) func documentParsesAsXML(_ scale: Scale) throws {
        let elements = try #require(Self.parse(Self.figure(yScale: scale).svg))
        #expect(elements.list.first?.name == "svg")
        #expect(elements.list.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(elements.texts.contains("a <panel> & its \"data\""))
        #expect(!elements.list.contains { $0.name == "script" })
        #expect(elements.list.filter { $0.name == "polyline" }.count == 2)
    }

    @Test func sameFigureSameBytes() {
        #expect(Array(Self.figure().svg.utf8) == Array(Self.figure().svg.utf8))
    }

    /// Linear: domain [0, 100] onto [50, 450]: 25 lies a quarter of the way, at 150. The y direction runs
    /// from the bottom (start) to the top (end).
    @Test func linearAxisIsAffine() throws {
        let x = AxisMap(scale: .linear, data: [0, 100], start: 50, end: 450)
        #expect(x.lower == 0 && x.upper == 100)
        #expect(try #require(x.pixel(25)) == 150)
        let y = AxisMap(scale: .linear, data: [0, 100], start: 300, end: 20)
        #expect(try #require(y.pixel(75)) == 300 - 0.75 * 280)
    }

    /// Log10: domain [1, 1000] onto [0, 300]: each decade is 100 pixels, and √10 is half a decade.
    @Test func logAxisIsAffineInTheLogarithm() throws {
        let x = AxisMap(scale: .log10, data: [1, 1000], start: 0, end: 300)
        #expect(x.lower == 1 && x.upper == 1000)
        #expect(abs(try #require(x.pixel(10)) - 100) < 1e-12)
        #expect(abs(try #require(x.pixel(10.0.squareRoot())) - 50) < 1e-12)
        #expect(x.pixel(0) == nil && x.pixel(-1) == nil)
    }

    /// The polyline's vertices are the data mapped by the formula onto the first panel's plot area, to the
    /// two decimals the SVG writes.
    @Test(arguments: [Scale.linear, .log10]) func lineLandsAtTheMappedCoordinates(_ scale: Scale) throws {
        let figure = Self.figure(yScale: scale)
        let elements = try #require(Self.parse(figure.svg))
        let area = figure.plotArea(0)
        let (x, y) = figure.maps(0)
        // The axes cover every value drawn, the target's bound and the band and error bars included.
        #expect(x.lower <= 0 && x.upper >= 30)
        #expect(y.lower <= 150 && y.upper >= 800)
        let u: (Double) -> Double = scale == .linear ? { $0 } : { Foundation.log10($0) }
        // The data run to the top of the plot less the strip of one row of dose marks (4 + 7 pixels).
        let top = area.top + 4 + 7
        let expected = zip([0.0, 10, 20, 30], [200.0, 350, 720, 410]).map { (d, v) -> (Double, Double) in
            (area.left + (d - x.lower) / (x.upper - x.lower) * (area.right - area.left),
             area.bottom + (u(v) - u(y.lower)) / (u(y.upper) - u(y.lower)) * (top - area.bottom))
        }
        let points = try #require(elements.list.first { $0.name == "polyline" }?.attributes["points"])
        let drawn = points.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
        #expect(drawn.count == expected.count)
        for (p, e) in zip(drawn, expected) {
            #expect(abs(p[0] - e.0) <= 0.005 + 1e-9 && abs(p[1] - e.1) <= 0.005 + 1e-9)
        }
        // The reported point at (15, 500) with its bar from 400 to 600.
        let circle = try #require(elements.list.first { $0.name == "circle" }?.attributes)
        let cy = area.bottom + (u(500) - u(y.lower)) / (u(y.upper) - u(y.lower)) * (top - area.bottom)
        #expect(abs(Double(circle["cx"]!)! - (area.left + 15 / (x.upper - x.lower) * (area.right - area.left))) <= 0.005)
        #expect(abs(Double(circle["cy"]!)! - cy) <= 0.005 + 1e-9)
    }

    /// Values a log axis cannot place break the line instead of reaching the SVG as NaN.
    @Test func valuesOffTheScaleBreakTheLine() throws {
        var panel = Panel(title: "p", x: AxisSpec(label: "x"), y: AxisSpec(label: "y", scale: .log10))
        panel.lines = [Line(label: nil, x: [0, 1, 2, 3, 4], y: [1, 10, 0, .nan, 100], color: "#000")]
        let svg = Figure(title: nil, panels: [panel]).svg
        let elements = try #require(Self.parse(svg))
        #expect(elements.list.filter { $0.name == "polyline" }.count == 2)
        #expect(!svg.contains("nan") && !svg.contains("NaN") && !svg.contains("inf"))
    }

    /// The legend has each labelled item once, however many panels show it.
    @Test func legendListsEachItemOnce() throws {
        let elements = try #require(Self.parse(Self.figure().svg))
        for label in ["scenario", "reported", "5–95 %", "dose"] {
            #expect(elements.texts.filter { $0 == label }.count == 1)
        }
    }
}

extension FigureTests {
    /// A blank cell takes its place in the grid and draws nothing; row headings are written once each.
    @Test func blankCellsDrawNothing() throws {
        let panel = Self.figure().panels[0]
        var figure = Figure(title: nil, panels: [panel, .blank, panel], columns: 2)
        figure.rowTitles = ["first row", ""]
        let elements = try #require(Self.parse(figure.svg))
        #expect(elements.list.filter { $0.name == "clipPath" }.count == 2)
        #expect(elements.texts.filter { $0 == "first row" }.count == 1)
        // The third panel starts the second row, one row height (panel and heading) below the first.
        #expect(figure.plotArea(2).top - figure.plotArea(0).top == figure.panelHeight + Figure.rowTitleHeight)
        #expect(figure.plotArea(2).left == figure.plotArea(0).left)
    }
}

extension FigureTests {
    /// Shared y axes: two panels of one quantity get the range covering both; another quantity keeps its own.
    @Test func sharedYAxesCoverEveryPanelOfTheQuantity() {
        func panel(_ label: String, _ values: [Double]) -> Panel {
            var p = Panel(title: label, x: AxisSpec(label: "t"), y: AxisSpec(label: label))
            p.lines = [Line(label: nil, x: [0, 1], y: values, color: "#000")]
            return p
        }
        var figure = Figure(title: nil, panels: [panel("a", [0, 40]), panel("a", [0, 900]), panel("b", [0, 3])], columns: 3)
        figure.sharesYAxes = true
        let (a0, a1, b) = (figure.maps(0).y, figure.maps(1).y, figure.maps(2).y)
        #expect(a0.ticks == a1.ticks && a0.upper >= 900)
        #expect(b.upper >= 3 && b.upper < 10)
    }
}
