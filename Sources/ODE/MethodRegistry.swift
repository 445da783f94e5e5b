extension Method {
    /// Every method hpgsim offers, for `Method.named(_:)`, the command line and the benchmarks.
    public static let all: [Method] = [.dp5, .tsit5, .vern7, .rodas5p, .bdf, .auto]
}
