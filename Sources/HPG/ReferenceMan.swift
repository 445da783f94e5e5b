import Foundation

/// The reference man: the healthy, normal-weight adult whose labs define the population values of the
/// patient-specific parameters (`Parameter.isIndividual`). His labs are the steady state of the model at the
/// default parameters (tested in `SteadyStateTests`).
public enum ReferenceMan {
    /// Total testosterone 531 ng/dL: harmonized median of non-obese men 19–39 y (Travison TG et al.,
    /// JCEM 2017;102:1161, PMID 28324103).
    public static let testosterone_ng_per_dL = 531.0
    /// Estradiol 25 pg/mL: production 40 µg/day ÷ MCR 1600 L/day (de Ronde & de Jong, Reprod Biol
    /// Endocrinol 2011;9:93; MCR from the mdwiki textbook template); inside 17.8–56.6 pg/mL (Qin 2012).
    public static let estradiol_pg_per_mL = 25.0
    /// Estradiol metabolic clearance rate 1600 L/day (mdwiki textbook template of production, secretion and
    /// clearance rates of the sex hormones; research file §1e): the volume MCR/ke_E2 that exogenous E2 enters.
    public static let estradiolClearance_L_per_day = 1600.0
    /// LH 5 IU/L: assumption, mid-range of 1.6–11.6 IU/L (Qin 2012; CCLM 2018), between the Tornøe 2007
    /// study baselines 4.76 and 6.98 IU/L.
    public static let LH_IU_per_L = 5.0
    /// FSH 5 IU/L: assumption, inside 1.8–16.5 IU/L (Qin 2012; CCLM 2018).
    public static let FSH_IU_per_L = 5.0
    /// Intratesticular testosterone 1200 nmol/L: aspirate 1174–1234 nmol/L in normal men (PMC3070251).
    public static let intratesticularT_nmol_per_L = 1200.0
    /// Semen of a fertile man: median concentration 73 million/mL, volume 3.7 mL, total motility 61 %,
    /// normal forms 15 % (WHO 2010 reference values, Cooper TG et al. Hum Reprod Update 2010;16:231 —
    /// recalled, not verified against the full text).
    public static let spermConcentration_million_per_mL = 73.0
    public static let motileVolume_mL = 3.7 * 0.61
    public static let strictMorphology_percent = 15.0
    /// BMI of the normal-weight reference; also the "ideal" BMI of the aromatase scaling (assumption:
    /// 100 % of ideal body weight ≈ BMI 22 kg/m²).
    public static let BMI_kg_per_m2 = 22.0
    /// Age 30 years: inside the 19–39 y cohort of the reference T (Travison 2017); the age covariates (SHBG,
    /// aromatase) act above it.
    public static let age_years = 30.0
}

/// Molar masses and unit conversions, derived from the molar masses (research file, "Unit conversions").
public enum Units {
    /// Testosterone C19H28O2, 288.42 g/mol.
    public static let testosteroneMolarMass_g_per_mol = 288.42
    /// Estradiol C18H24O2, 272.38 g/mol.
    public static let estradiolMolarMass_g_per_mol = 272.38
    /// T: 1 ng/dL = 10 ng/L = 10/288.42 nmol/L ≈ 0.03467 nmol/L.
    public static let testosterone_nmol_per_L_per_ng_per_dL = 10 / testosteroneMolarMass_g_per_mol
    /// E2: 1 pg/mL = 1000 pg/L = 1000/272.38 pmol/L ≈ 3.671 pmol/L.
    public static let estradiol_pmol_per_L_per_pg_per_mL = 1000 / estradiolMolarMass_g_per_mol
    /// Free T: 1 pg/mL = 1000/288.42 pmol/L.
    public static let testosterone_pmol_per_L_per_pg_per_mL = 1000 / testosteroneMolarMass_g_per_mol
    /// Human serum albumin, 66 500 g/mol (the Vermeulen calculator's value).
    public static let albuminMolarMass_g_per_mol = 66_500.0
}
