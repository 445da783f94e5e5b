/// The calibrated parameters (`Parameter` sources "calibrated"). Provisional values: the joint fit to the
/// training studies (scenarios/studies, `hpgsim calibrate`) replaces this table.
enum Calibrated {
    static let e2HypothalamicExponent = 0.3
    static let e2PituitaryExponent = 0.6
    static let tHypothalamicExponent = 0.56
    static let tPituitaryExponent = 0.3
    static let keGonadotrophReserve = 0.693 / (7 * 24)
    static let inhibinFSHExponent = 0.3
    static let keLeydigTrophic = 0.693 / (60 * 24)
    static let leydigTrophicExponent = 0.5
    static let shbgEstradiolExponent = 0.5
    static let aromataseTesticularShare = 0.4
    static let spermatogenicHill = 1.7204
    static let morphologyExponent = 0.33647
    static let aromataseBMIExponent = 3.8848
    /// E2/T at > 160 % IBW relative to normal weight: (44.7/25.4)/(2.5/6.2) (Kley 1980).
    static let kleyE2OverTRatio = 4.4
}
