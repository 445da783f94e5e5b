import Foundation
import HPG

/// Reading a population's patients file: CSV (comma-separated, first line the header), one row per man.
/// Columns: `age_years`, `BMI_kg_per_m2` and baseline labs named like the CSV columns `hpgsim run` writes, in the
/// conventional or SI unit (`testosterone_ng_per_dL` or `testosterone_nmol_per_L`, `estradiol_pg_per_mL`,
/// `LH_IU_per_L`, `FSH_IU_per_L`, `SHBG_nmol_per_L`, …); any subset, in any order, plus an optional `id`. An
/// empty cell leaves that value to the scenario's patient.
extension Reader {
    /// Header name → (covariate, factor to its conventional unit).
    static let patientColumns: [String: (covariate: String, factor: Double)] = {
        var columns: [String: (String, Double)] = ["age_years": ("age", 1), "BMI_kg_per_m2": ("bmi", 1)]
        let specs = HPGModel(drugs: []).observables
        for name in PatientSpec.labFields.map(\.observable) {
            let spec = specs.first { $0.name == name }!
            columns[spec.column] = (name, 1)
            columns[spec.siColumn] = (name, 1 / spec.siFactor)
        }
        return columns
    }()

    func patientTable(_ field: Field, scenarioFile: String) -> PatientTable? {
        guard let name = field.text(allowed: "a CSV file name, relative to the scenario file") else { return nil }
        let path = name.hasPrefix("/") ? name
            : URL(fileURLWithPath: scenarioFile).deletingLastPathComponent().appendingPathComponent(name).path
        let allowed = "a CSV file with a header line of " + Self.patientColumns.keys.sorted().joined(separator: ", ")
            + " (any of them) and an optional id column"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            field.problem("cannot be read (looked for \(path)).", allowed: allowed)
            return nil
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false)
            .map({ $0.trimmingCharacters(in: .whitespaces) }), !header.isEmpty, header != [""] else {
            field.problem("has no header line.", allowed: allowed)
            return nil
        }
        var columns: [(index: Int, covariate: String, factor: Double)] = []
        for (index, column) in header.enumerated() where column != "id" {
            guard let known = Self.patientColumns[column] else {
                field.problem("\(path):1: column \"\(column)\" is not one hpgsim knows."
                              + didYouMean(column, among: Array(Self.patientColumns.keys)), allowed: allowed)
                return nil
            }
            guard !columns.contains(where: { $0.covariate == known.covariate }) else {
                field.problem("\(path):1: \(known.covariate) is given by two columns.", allowed: allowed)
                return nil
            }
            columns.append((index, known.covariate, known.factor))
        }
        var rows: [PatientTable.Row] = []
        var bad = 0
        for (offset, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count else {
                field.problem("\(path):\(offset + 1): has \(cells.count) cells, the header \(header.count).", allowed: allowed)
                bad += 1
                if bad >= 10 { return nil }
                continue
            }
            var values: [Double?] = []
            for column in columns {
                let cell = cells[column.index]
                if cell.isEmpty { values.append(nil); continue }
                guard let value = Double(cell), value.isFinite, value > 0 else {
                    field.problem("\(path):\(offset + 1): \(header[column.index]) \"\(cell)\" is not a positive number.",
                                  allowed: allowed)
                    bad += 1
                    values.append(nil)
                    continue
                }
                values.append(value * column.factor)
            }
            if bad >= 10 { return nil }
            rows.append(.init(line: offset + 1, text: line, values: values))
        }
        guard bad == 0 else { return nil }
        guard !rows.isEmpty else { field.problem("has no rows below its header.", allowed: allowed); return nil }
        return PatientTable(file: path, columns: columns.map(\.covariate), rows: rows)
    }
}
