import Foundation

extension Drug {
    /// Tamoxifen (Nolvadex), C26H29NO: oral SERM, with its active metabolite endoxifen (`MetabolitePK`;
    /// amounts in tamoxifen-equivalent mass, the column `tamoxifen_endoxifen_concentration`).
    /// Both block estrogen receptors at hypothalamus and pituitary (`estrogenReceptorAntagonism`), so the
    /// feedback sees E2/(1 + C_TAM/Ki_TAM + C_END/Ki_END) while E2 itself is not lowered.
    ///
    /// PK (Ter Heine R et al. Br J Clin Pharmacol 2014;78:572, popPK at 20–40 mg/d, model file in nlmixr2lib):
    /// ka 1.90/h, CL/F 9.34 L/h, V1/F 753 L, V2/F ~1620 L; one compartment here with V = V1 + V2 = Vss, so
    /// t½ = 2373 L·ln 2/9.34 L/h = 7.3 d (Swiss label ~7 d; steady state ~4 weeks). Endoxifen: formation
    /// clearance 0.324 L/h of the 9.34 L/h, CL 5.1 L/h, V 400 L (Ahmad 2010, fixed in Ter Heine 2014).
    /// Potency: ERα competitive binding IC50 endoxifen 47 nM (= 17.6 ng/mL), E2 5.7 nM (Maximov PY et al.
    /// Curr Clin Pharmacol 2017, Table 4, secondary); tamoxifen itself is 30–100× less potent than its
    /// hydroxylated metabolites (label, drug guides), taken as 55× (geometric middle, assumption). Ki is
    /// applied to total plasma concentration (assumption: no protein-binding correction; both are > 98 % bound).
    public static let tamoxifen: Drug = {
        let endoxifenKi = 47.0 * 373.5 / 1000      // ng/mL
        return Drug(
            name: "tamoxifen", doseUnit: .mg, molarMass_g_per_mol: 371.5, routes: [.oral],
            pk: .firstOrderAbsorption(
                ka: ParameterSpec("ka_per_h", "1/h", 1.90, "Ter Heine 2014 popPK"),
                clearance: ParameterSpec("CL_L_per_h", "L/h", 9.34, "Ter Heine 2014 popPK CL/F"),
                volume: ParameterSpec("V_L", "L", 753 + 1620,
                    "derived: V1/F 753 L + V2/F 1620 L (Ter Heine 2014) = Vss; t½ 7.3 d as the label's ~7 d"),
                bioavailability: ParameterSpec("F", "1", 1.0, "1 (CL and V are apparent, CL/F and V/F)"),
                metabolite: MetabolitePK(
                    formationClearance: ParameterSpec("endoxifen_CLf_L_per_h", "L/h", 0.324,
                        "Ter Heine 2014: CL(TAM→endoxifen)/F, part of the 9.34 L/h"),
                    clearance: ParameterSpec("endoxifen_CL_L_per_h", "L/h", 5.1, "Ahmad 2010, fixed in Ter Heine 2014"),
                    volume: ParameterSpec("endoxifen_V_L", "L", 400, "Ahmad 2010, fixed in Ter Heine 2014"),
                    name: "endoxifen")),
            mechanisms: [
                .estrogenReceptorAntagonism(ki: ParameterSpec("Ki_estrogen_receptor_ng_per_mL", "ng/mL", endoxifenKi * 55,
                    "assumption: 55× endoxifen's 17.6 ng/mL (tamoxifen 30–100× less potent than its metabolites; label)")),
                .throughMetabolite(.estrogenReceptorAntagonism(ki: ParameterSpec("Ki_estrogen_receptor_ng_per_mL", "ng/mL",
                    Calibrated.values["tamoxifen.metabolite_Ki_estrogen_receptor_ng_per_mL"]!,
                    "calibrated (training set): in-vivo hypothalamic–pituitary potency of endoxifen, T8 and T9 LH/FSH rises; prior centre the ERα binding IC50 47 nM = \(String(format: "%.1f", endoxifenKi * 371.5 / 373.5)) ng/mL tamoxifen-equivalent (Maximov 2017 Table 4, secondary)"))),
            ])
    }()
}
