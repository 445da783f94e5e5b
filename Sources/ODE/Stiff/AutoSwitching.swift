/// LSODA-like composite method (Petzold 1983, "Automatic selection of methods for solving stiff and
/// nonstiff systems of ODEs", SIAM J. Sci. Stat. Comput. 4:136): starts with an explicit Runge–Kutta
/// pair (tsit5 when registered, else dp5) and moves to Rodas5P while the problem is stiff.
///
/// - Explicit → stiff: the counting rule of Hairer's DOPRI5 (Hairer & Wanner II, IV.2; DOPRI5's NSTIFF
///   logic): an accepted step whose `stiffnessIndicator` h·ρ̃/x_stab exceeds `stiffnessThreshold` counts as
///   stiff; 6 non-stiff steps in a row clear the count; 15 counted steps switch to the stiff method.
///   DOPRI5 tests h·ρ̃ > 3.25, i.e. 0.98 of its boundary 3.31, which suits its own controller. Under
///   hpgsim's PI controller a stability-limited step settles lower, and how much lower depends on the
///   pair (the error estimate, not only the solution, must stay damped). Measured at rtol 1e-6 (median
///   over steps 300–600): ROBER 0.80 with tsit5 and 0.99 with dp5, VDPOL and POLLU 1.00 with both; the
///   largest single-step value on the non-stiff Arenstorf and Kepler problems at rtol 1e-3…1e-8 was 0.68
///   (tsit5, rtol 1e-3), never twice in a row above 0.7. Hence the threshold 0.7.
/// - Probe (LSODA compares the step sizes of both methods; a trial does so directly): the indicator only
///   sees the stiff mode when it is excited. At tight tolerances it is not — on ROBER at rtol 1e-10 tsit5
///   crawls at h ≈ 1e-3 with an indicator of 0.003–0.01 and does not reach t = 20 in 20 000 steps, while
///   Rodas5P needs ~3 500 steps for all of [0, 1e11]. So after `initialProbeInterval` = 500 explicit steps
///   without a switch, the stiff method is tried. If it is no better (the stiff phase ends by the rule
///   below within 20 steps), the interval doubles, so a long non-stiff run pays for O(log N) probes of
///   ~15 Rodas5P steps each (Arenstorf and Kepler at rtol 1e-8, 1e-10: one probe, +1–3 % f evaluations).
/// - Stiff → explicit: after a Rodas5P step of size h, the explicit method would take that h without being
///   flagged stiff when h·‖J‖∞ ≤ `stiffnessThreshold`·x_stab (‖J‖∞ ≥ ρ(J), so the test errs on the side of
///   staying stiff, and the shared threshold keeps the two tests from undoing each other); 15 such steps
///   in a row switch back.
/// - No gain, back to explicit (LSODA's other half: it switches to whichever method's step, weighted by its
///   cost, is larger): a problem can be stability-limited for the explicit pair (indicator near 1) and yet
///   give the stiff method barely longer steps, because accuracy bounds both. The HPG model under a dosing
///   regimen takes 6771 tsit5 steps and 5254 Rodas5P steps over 180 days (0.64 h and 0.82 h on average), and a
///   Rodas5P step costs ~24 tsit5 steps there (119 µs against 4.9 µs: an analytic Jacobian, an LU, 8 stages).
///   So a stiff step counts against the stiff method when it is shorter than `requiredStepGain` times the
///   explicit step proposed at the switch; `stepsToSwitch` such steps in a row switch back, and the explicit
///   method then keeps the problem for `holdoff` explicit steps whatever the stiffness indicator says
///   (starting at `initialHoldoff`, doubling after each stiff phase without gain, reset after one with gain),
///   so the trials cost O(log N) stiff phases of ~15 steps. `requiredStepGain` = 4 is below the per-step cost
///   ratios measured (`hpgsim bench solvers`, rtol 1e-6: Rodas5P 1.7 µs per step on ROBER, n = 3, against
///   tsit5's 0.3 µs on Arenstorf, n = 4, ~5×; ~24× on the HPG model). On the stiff test problems the rule
///   leaves ROBER and POLLU unchanged; VDPOL, the Oregonator and HIRES meet it in their fast transitions
///   (Benchmarks/README.md has the counts).
/// Each switch restarts the incoming stepper from the current point (its own f, J and controller) and is
/// counted in `methodSwitches`. Dense output is that of the stepper that took the last step.
public final class AutoSwitching: Stepper {
    public var name: String { "auto" }
    public static let stepsToSwitch = 15
    public static let nonStiffStepsToClear = 6
    public static let stiffnessThreshold = 0.7
    public static let initialProbeInterval = 500
    public static let requiredStepGain = 4.0
    public static let initialHoldoff = 100
    let explicit: ExplicitRungeKutta
    let stiff: Rosenbrock
    /// Whether the stiff method takes the next step.
    public private(set) var isStiff = false
    private var lastStepWasStiff = false
    /// Consecutive steps that argue for the other method (stiff steps while explicit; explicit-stable steps while stiff).
    private var switchVotes = 0
    private var nonStiffSteps = 0
    /// Probe bookkeeping: explicit steps since the last switch, the current probe interval, and whether the
    /// stiff phase under way is a probe (and how long it has run).
    private var explicitSteps = 0
    private var probeInterval = AutoSwitching.initialProbeInterval
    private var isProbe = false
    private var stiffStepsSinceSwitch = 0
    /// The explicit step proposed when the stiff method took over, and the consecutive stiff steps shorter than
    /// `requiredStepGain` times it.
    private var explicitStepAtSwitch = 0.0
    private var noGainSteps = 0
    /// Explicit steps to take before the stiffness indicator may switch again, and the next such wait.
    private var holdoff = 0
    private var nextHoldoff = AutoSwitching.initialHoldoff

    public init(explicit: ExplicitRungeKutta, stiff: Rosenbrock) {
        self.explicit = explicit
        self.stiff = stiff
    }

    public func restart(_ state: IntegrationState) {
        explicit.restart(state)
        stiff.restart(state)
        switchVotes = 0
        nonStiffSteps = 0
        noGainSteps = 0
    }

    public func step(_ state: IntegrationState, limit: Double) throws(StepFailure) {
        if isStiff {
            try stiff.step(state, limit: limit)
            lastStepWasStiff = true
            let h = state.t - state.tPrevious
            let boundary = explicit.tableau.realStabilityBoundary
            switchVotes = h * stiff.jacobianNormBound <= Self.stiffnessThreshold * boundary ? switchVotes + 1 : 0
            stiffStepsSinceSwitch += 1
            noGainSteps = h < Self.requiredStepGain * explicitStepAtSwitch ? noGainSteps + 1 : 0
            if noGainSteps >= Self.stepsToSwitch {
                // Stiff steps no longer than the explicit ones they replace, at many times the cost.
                if isProbe { probeInterval *= 2 }
                holdoff = nextHoldoff
                nextHoldoff *= 2
                switchMethod(state)
            } else if switchVotes >= Self.stepsToSwitch {
                // A probe that found nothing but explicit-stable steps: wait twice as long before the next.
                if isProbe && stiffStepsSinceSwitch <= Self.stepsToSwitch + 5 { probeInterval *= 2 }
                nextHoldoff = Self.initialHoldoff
                switchMethod(state)
            }
        } else {
            try explicit.step(state, limit: limit)
            lastStepWasStiff = false
            if explicit.stiffnessIndicator > Self.stiffnessThreshold {
                switchVotes += 1
                nonStiffSteps = 0
            } else {
                nonStiffSteps += 1
                if nonStiffSteps >= Self.nonStiffStepsToClear { switchVotes = 0 }
            }
            explicitSteps += 1
            if switchVotes >= Self.stepsToSwitch && explicitSteps >= holdoff {
                switchMethod(state)
            } else if explicitSteps >= max(probeInterval, holdoff) {
                switchMethod(state)
                isProbe = true
            }
        }
    }

    private func switchMethod(_ state: IntegrationState) {
        isStiff.toggle()
        if isStiff {
            explicitStepAtSwitch = state.h
        } else if noGainSteps < Self.stepsToSwitch {
            holdoff = 0
        }
        noGainSteps = 0
        if isStiff { stiff.restart(state) } else { explicit.restart(state) }
        switchVotes = 0
        nonStiffSteps = 0
        explicitSteps = 0
        isProbe = false
        stiffStepsSinceSwitch = 0
        state.statistics.methodSwitches += 1
    }

    public func interpolate(_ state: IntegrationState, at t: Double, into out: inout [Double]) {
        if lastStepWasStiff {
            stiff.interpolate(state, at: t, into: &out)
        } else {
            explicit.interpolate(state, at: t, into: &out)
        }
    }
}

extension Method {
    /// Explicit (tsit5, else dp5) with automatic switching to Rodas5P on stiffness, and back. Marked
    /// `isStiff` because it solves stiff problems (its stepper is not an explicit Runge–Kutta stepper).
    public static let auto = Method(name: "auto", isStiff: true) { n in
        let candidate = (Method.named("tsit5") ?? .dp5).makeStepper(n) as? ExplicitRungeKutta
        return AutoSwitching(
            explicit: candidate ?? ExplicitRungeKutta(tableau: .dormandPrince5, dimension: n),
            stiff: Rosenbrock(tableau: .rodas5P, dimension: n))
    }
}
