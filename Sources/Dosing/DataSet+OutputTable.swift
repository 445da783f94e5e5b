extension DataSet {
    /// The output table of `hpgsim events`: every input line as it was, followed by the model outputs and
    /// the state on that record (`DosingResult.recordOutputs`, `recordStates`), one result per individual.
    /// Numbers are written by `format` (the caller's number format, so that every table of a program reads
    /// alike) in place, at most `numberCapacity` bytes each, and it returns their length.
    ///
    /// The table is the header row and then blocks of about `minimumBlock` lines, handed out in order while
    /// `threads` threads format the next ones, so that writing a block overlaps formatting the following.
    public func outputTable(results: [DosingResult], addedColumns: [String], threads: Int = 1, numberCapacity: Int,
                            format: @escaping (Double, UnsafeMutablePointer<UInt8>) -> Int) -> OrderedParallelMap<[UInt8]> {
        let header = Array(bytes[headerRange]) + Array(("," + addedColumns.joined(separator: ",") + "\n").utf8)
        let blockCount = max(1, min(results.count, lineRanges.count / Self.minimumBlock))
        let dataSet = self
        return OrderedParallelMap(count: blockCount + 1, threads: threads, ahead: 2 * threads) { k in
            guard k > 0 else { return header }
            let individuals = results.count * (k - 1) / blockCount ..< results.count * k / blockCount
            return dataSet.tableBlock(results, individuals, numberCapacity: numberCapacity, format: format)
        }
    }

    /// The table rows of `individuals` (indices into `results` and `self.individuals`), in an array sized for
    /// their lines and, per row, a comma and a number per added value and a line break.
    private func tableBlock(_ results: [DosingResult], _ chosen: Range<Int>, numberCapacity: Int,
                            format: (Double, UnsafeMutablePointer<UInt8>) -> Int) -> [UInt8] {
        guard !chosen.isEmpty else { return [] }
        return bytes.withUnsafeBufferPointer { bytes in
            let rows = individuals[chosen.lowerBound].lowerBound..<individuals[chosen.upperBound - 1].upperBound
            let lineBytes = lineRanges[rows.upperBound - 1].upperBound - lineRanges[rows.lowerBound].lowerBound
            let values = results[chosen.lowerBound].recordOutputs.width + results[chosen.lowerBound].recordStates.width
            let capacity = lineBytes + rows.count * (1 + values * (1 + numberCapacity))
            return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var p = buffer.baseAddress!
                func write(_ values: ArraySlice<Double>) {
                    for x in values {
                        p.pointee = 0x2C
                        p += 1 + format(x, p + 1)
                    }
                }
                for (rows, result) in zip(individuals[chosen], results[chosen]) {
                    for (k, row) in rows.enumerated() {
                        let line = lineRanges[row]
                        p.update(from: bytes.baseAddress! + line.lowerBound, count: line.count)
                        p += line.count
                        write(result.recordOutputs.row(k))
                        write(result.recordStates.row(k))
                        p.pointee = 0x0A
                        p += 1
                    }
                }
                count = buffer.baseAddress!.distance(to: p)
            }
        }
    }
}
