import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `hpgsim plot` and `run --plot` as a user runs them: a figure that parses, the same bytes twice, and bad
/// input refused with the value and what is allowed, leaving nothing behind.
extension CommandLineTests {
    static let shah = repository.appendingPathComponent("scenarios/anastrozole-shah-2021.yaml").path

    /// Whether the file is well-formed XML whose root is an SVG element.
    func isSVG(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String]) { if self.name == nil { self.name = name } }
        }
        let parser = XMLParser(data: data), root = Root()
        parser.delegate = root
        return parser.parse() && root.name == "svg"
    }

    @Test func plotWritesTheSameSVGTwice() throws {
        let directory = try temporaryDirectory()
        #expect(try run(["plot", Self.shah, Self.scenario, "-o", directory + "/a.svg"]).status == 0)
        #expect(try run(["plot", Self.shah, Self.scenario, "-o", directory + "/b.svg"]).status == 0)
        #expect(isSVG(directory + "/a.svg"))
        let a = try Data(contentsOf: URL(fileURLWithPath: directory + "/a.svg"))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: directory + "/b.svg"))))
    }

    /// `-o -` writes the figure to standard output; a folder gets <scenario>.svg.
    @Test func plotToStandardOutputAndToAFolder() throws {
        let directory = try temporaryDirectory()
        #expect(FileManager.default.createFile(atPath: directory + "/out.svg", contents: nil))
        #expect(try run(["plot", Self.scenario, "--observables", "E2,T/E2", "-o", "-"], output: directory + "/out.svg").status == 0)
        #expect(isSVG(directory + "/out.svg"))
        #expect(try run(["plot", Self.scenario, "-o", directory + "/figures"]).status == 0)
        #expect(isSVG(directory + "/figures/anastrozole-1mg-daily.svg"))
    }

    /// `run --plot` puts the figure beside the CSV, and refuses standard output, where there is no beside.
    @Test func runPlotWritesBesideTheCSV() throws {
        let directory = try temporaryDirectory()
        #expect(try run(["run", Self.scenario, "--plot", "-o", directory]).status == 0)
        #expect(isSVG(directory + "/anastrozole-1mg-daily.svg"))
        #expect(FileManager.default.fileExists(atPath: directory + "/anastrozole-1mg-daily.csv"))
        let refused = try run(["run", Self.scenario, "--plot", "-o", "-"])
        #expect(refused.status != 0 && refused.standardError.contains("--plot"))
    }

    /// An observable the model does not have: named, with the ones allowed, and no file.
    @Test func unknownObservableIsRefused() throws {
        let directory = try temporaryDirectory()
        let outcome = try run(["plot", Self.scenario, "--observables", "estradiol,prolactin", "-o", directory + "/x.svg"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("prolactin") && outcome.standardError.contains("testosterone"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// A scenario in SI units gets its target bands in SI: testosterone 300 ng/dL = 10.4 nmol/L (× 0.03467,
    /// M = 288.4 g/mol), estradiol 15–40 pg/mL = 55.1–147 pmol/L (× 3.671, M = 272.4 g/mol).
    @Test func targetBandsFollowTheUnits() throws {
        let directory = try temporaryDirectory()
        try """
            title: SI units
            patient:
              profile: overweight
            regimens:
              - drug: anastrozole
                dose: 1 mg
                route: oral
                every: 1 d
            simulation:
              duration: 10 d
              output_every: 1 d
            output:
              units: si

            """.write(toFile: directory + "/si.yaml", atomically: false, encoding: .utf8)
        #expect(try run(["plot", directory + "/si.yaml", "--observables", "T,E2", "-o", directory + "/si.svg"]).status == 0)
        let svg = try String(contentsOfFile: directory + "/si.svg", encoding: .utf8)
        #expect(svg.contains("≥ 10.4 nmol/L") && svg.contains("55.1–147 pmol/L"))
    }

    /// An output name for another format is refused (it would otherwise become a folder of that name).
    @Test func nonSVGOutputNameIsRefused() throws {
        let directory = try temporaryDirectory()
        let outcome = try run(["plot", Self.scenario, "-o", directory + "/figure.png"])
        #expect(outcome.status != 0 && outcome.standardError.contains("figure.png") && outcome.standardError.contains(".svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// A quantile table with a bad cell: file and line, the column, the value and what is needed; no file.
    @Test func badQuantileTableIsRefused() throws {
        let directory = try temporaryDirectory()
        let header = "time_days," + [5, 25, 50, 75, 95].map { "testosterone_ng_per_dL_p\($0)" }.joined(separator: ",")
        try (header + "\n0,1,2,3,4,5\n1,1,2,abc,4,5\n").write(toFile: directory + "/quantiles-x.csv", atomically: false, encoding: .utf8)
        let outcome = try run(["plot", "--population", directory, "-o", directory + "/fan.svg"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("quantiles-x.csv:3"))
        #expect(outcome.standardError.contains("testosterone_ng_per_dL_p50") && outcome.standardError.contains("\"abc\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["quantiles-x.csv"])
        let empty = try run(["plot", "--population", try temporaryDirectory()])
        #expect(empty.status != 0 && empty.standardError.contains("quantiles-<scenario>.csv"))
    }

    /// A well-formed table draws, with an observable named by its clinical shorthand.
    @Test func quantileTableDraws() throws {
        let directory = try temporaryDirectory()
        let header = "time_days," + [5, 25, 50, 75, 95].map { "testosterone_ng_per_dL_p\($0)" }.joined(separator: ",")
        try (header + "\n0,200,250,300,350,400\n1,210,260,310,360,420\n").write(toFile: directory + "/quantiles-x.csv",
                                                                                 atomically: false, encoding: .utf8)
        #expect(try run(["plot", "--population", directory, "--observables", "T", "-o", directory + "/fan.svg"]).status == 0)
        #expect(isSVG(directory + "/fan.svg"))
    }

    /// A validation over scenarios without reported values has nothing to draw: an error, not an empty figure.
    @Test func validationWithoutReportedValuesIsAnError() throws {
        let directory = try temporaryDirectory()
        let outcome = try run(["plot", "--validation", Self.scenario, "-o", directory + "/v.svg"])
        #expect(outcome.status != 0 && outcome.standardError.contains("reported"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
