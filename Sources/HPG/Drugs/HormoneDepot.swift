extension Drug {
    /// A depot releasing a hormone first order into serum: an IM oil depot of a testosterone ester (hydrolysed
    /// to T at once), or a skin reservoir under a gel or a patch. The depot releases ka·A (dose unit/h); the
    /// mass fraction of it that is the hormone enters serum T or E2 (`hormoneRelease`), where it is cleared
    /// like the endogenous hormone, so at steady state serum rises by F·(dose/τ)·fraction ÷ MCR.
    static func hormoneDepot(name: String, doseUnit: DoseUnit, molarMass_g_per_mol: Double, routes: [Route],
                             ka: ParameterSpec, bioavailability: ParameterSpec, releases hormone: ReleasedHormone,
                             massFraction: ParameterSpec, deliveryDuration: ParameterSpec? = nil) -> Drug {
        Drug(name: name, doseUnit: doseUnit, molarMass_g_per_mol: molarMass_g_per_mol, routes: routes,
             pk: .depotRelease(ka: ka, bioavailability: bioavailability, deliveryDuration: deliveryDuration),
             mechanisms: [.hormoneRelease(hormone, massFraction: massFraction)])
    }
}
