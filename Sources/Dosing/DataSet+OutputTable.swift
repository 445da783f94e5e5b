extension DataSet {
    /// The output table of `hpgsim events`: every input line as it was, followed by the model outputs and
    /// the state on that record (`DosingResult.recordOutputs`, `recordStates`), one result per individual.
    /// Numbers are appended by `format` (the caller's number format, so that every table of a program reads
    /// alike), as bytes. `threads` threads write blocks of individuals: the table is the header row followed by
    /// the blocks in order (written one after another, not copied into one array).
    public func outputTable(results: [DosingResult], addedColumns: [String], threads: Int = 1,
                            format: (Double, inout [UInt8]) -> Void) -> [[UInt8]] {
        let blockCount = max(1, min(threads, lineRanges.count / Self.minimumBlock))
        let blocks = parallelMap(count: blockCount, threads: threads) { k in
            bytes.withUnsafeBufferPointer { bytes in
                var out: [UInt8] = []
                let first = results.count * k / blockCount, end = results.count * (k + 1) / blockCount
                guard first < end else { return out }
                out.reserveCapacity(2 * (lineRanges[individuals[end - 1].upperBound - 1].upperBound
                                         - lineRanges[individuals[first].lowerBound].lowerBound))
                func append(_ values: ArraySlice<Double>) {
                    for x in values {
                        out.append(0x2C)
                        format(x, &out)
                    }
                }
                for (rows, result) in zip(individuals[first..<end], results[first..<end]) {
                    for (k, row) in rows.enumerated() {
                        out += bytes[lineRanges[row]]
                        append(result.recordOutputs.row(k))
                        append(result.recordStates.row(k))
                        out.append(0x0A)
                    }
                }
                return out
            }
        }
        return [Array(bytes[headerRange]) + Array(("," + addedColumns.joined(separator: ",") + "\n").utf8)] + blocks
    }
}
