extension PatientProfile {
    /// Congenital GnRH deficiency (idiopathic hypogonadotropic hypogonadism, Kallmann syndrome): no endogenous
    /// GnRH pulses, so LH, FSH and T are low until GnRH is given by pump — the men of Hayes 2000 (T2), "kept on
    /// fixed pulsatile GnRH (so only the pituitary can respond)". With the drive gone the hypothalamic feedback
    /// has nothing to act on; a gonadorelin pump (additive to the drive) restores the pituitary stimulus.
    public static let gnrhDeficiency = PatientProfile(
        name: "gnrh-deficiency",
        description: "congenital GnRH deficiency: no hypothalamic GnRH drive; a GnRH pump drives the pituitary",
        factors: [
            (.gnrhDriveCapacity, 1e-5, "assumption: endogenous drive 0.001 % of normal (apulsatile LH in these men); at castrate T and E2 the calibrated feedback multiplies the drive by up to about 10³, so a larger residual (0.1 %) would give a near-normal drive and LH"),
        ])
}
