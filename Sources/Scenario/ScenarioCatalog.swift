/// The names a scenario may use: drugs with their routes and dose units, patient profiles, observables with
/// the units they are reported in, and model parameters.
public struct ScenarioCatalog: Sendable {
    public struct Drug: Sendable {
        public var name: String
        public var routes: [String]
        public var doseDimension: Dimension
    }
    public struct Parameter: Sendable {
        public var name: String
        public var unit: String
    }
    public var drugs: [Drug]
    public var profiles: [String]
    /// Observable names in the model's order.
    public var observables: [String]
    /// Observables a patient's baseline labs may set.
    public var labObservables: [String]
    public var parameters: [Parameter]
    public var unitsOf: @Sendable (String) -> [String]

    func units(of observable: String) -> [String] { unitsOf(observable) }
}
