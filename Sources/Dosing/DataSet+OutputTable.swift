extension DataSet {
    /// The output table of `hpgsim events`: every input line as it was, followed by the model outputs and
    /// the state on that record (`DosingResult.recordOutputs`, `recordStates`), one result per individual.
    /// Numbers are written by `format` (the caller's number format, so that every table of a program reads
    /// alike) in place, at most `numberCapacity` bytes each, and it returns their length. `threads` threads
    /// write blocks of individuals: the table is the header row followed by the blocks in order (written one
    /// after another, not copied into one array).
    public func outputTable(results: [DosingResult], addedColumns: [String], threads: Int = 1, numberCapacity: Int,
                            format: (Double, UnsafeMutablePointer<UInt8>) -> Int) -> [[UInt8]] {
        let blockCount = max(1, min(threads, lineRanges.count / Self.minimumBlock))
        let blocks = parallelMap(count: blockCount, threads: threads) { k in
            bytes.withUnsafeBufferPointer { bytes -> [UInt8] in
                let first = results.count * k / blockCount, end = results.count * (k + 1) / blockCount
                guard first < end else { return [] }
                // Room for every line as it is and, per row, a comma and a number per added value and a line break.
                let rows = individuals[first].lowerBound..<individuals[end - 1].upperBound
                let lineBytes = lineRanges[rows.upperBound - 1].upperBound - lineRanges[rows.lowerBound].lowerBound
                let values = results[first].recordOutputs.width + results[first].recordStates.width
                let capacity = lineBytes + rows.count * (1 + values * (1 + numberCapacity))
                return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    var p = buffer.baseAddress!
                    func write(_ values: ArraySlice<Double>) {
                        for x in values {
                            p.pointee = 0x2C
                            p += 1 + format(x, p + 1)
                        }
                    }
                    for (rows, result) in zip(individuals[first..<end], results[first..<end]) {
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
        return [Array(bytes[headerRange]) + Array(("," + addedColumns.joined(separator: ",") + "\n").utf8)] + blocks
    }
}
