"""Prototype of the hpgsim HPG model (mirrors Sources/HPG/Model.swift) used to choose the calibrated
parameters. Run: python3 Benchmarks/calibration/prototype.py"""
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve, brentq
LN2 = np.log(2)
# --- literature parameters
ke_G = 0.00497          # Tornoe 2007 keF (degarelix study)
ke_LH = LN2/1.3         # Tornoe popPK LH t1/2 1.3 h
ke_FSH = LN2/4.6        # Urban 1991
ke_ITT = LN2/1.0        # assumption
ke_T = LN2/(97/60)      # Veldhuis rhLH rise half-time 97 min
ke_E2 = LN2/1.5         # E2 t1/2 1-2 h
Lmax, L50, kappa = 77.5, 5.18, 1.9   # Tornoe 2007 H3
Km_free = 1.83          # Lakshman 2010 nM free T
ffree = 0.020           # Sodergard 1982
NG_DL_TO_NM = 0.03467
lamT = 0.56             # Tornoe 2007 lambda (degarelix)
# reference man
T_ref, E2_ref, LH_ref, FSH_ref = 531., 25., 5.0, 5.0
ITT_over_T = 70.        # ITT ~ 1200 nM aspirate vs serum ~17 nM -> ~70x  (PMC3070251)
# anastrozole
CL, V, ka = 2.3, 139., 3.0
Ki = 0.62
tau_sg_h, n_sg = 64*24, 16
epi = [1.1*24, 3.8*24, 5.6*24]

def H3(L): return Lmax*L**kappa/(L50**kappa + L**kappa)

def make(par):
    lamE = par['lamE']; h = par['h']
    def phi_h(E2, T): return (E2/E2_ref)**(-lamE/2)*(T/T_ref)**(-lamT)
    def phi_p(E2): return (E2/E2_ref)**(-lamE/2)
    def arom(S_free, C, vmax): return vmax*S_free/(Km_free*(1+C/Ki)+S_free)
    ITT_ref = ITT_over_T*T_ref*NG_DL_TO_NM
    def psi(FSH, ITT):
        D = np.sqrt(FSH/FSH_ref*ITT/ITT_ref)
        return D**h/(1+D**h)
    def rhs(t, y, p):
        G, LH, FSH, ITT, T, E2 = y[:6]
        chain = y[6:6+n_sg+3]; Ad, Ac = y[-2:]
        C = Ac/V*1000  # ng/mL
        Tn = T*NG_DL_TO_NM
        d = np.zeros_like(y)
        d[0] = ke_G*(p['AG']*phi_h(E2, T) - G)
        d[1] = p['ksLH']*G*phi_p(E2) - ke_LH*LH
        d[2] = p['ksFSH']*G*phi_p(E2) - ke_FSH*FSH
        d[3] = ke_ITT*(p['leydig']*(1+H3(LH)) + Tn - ITT)
        d[4] = p['kTT']*ITT - ke_T*T
        d[5] = arom(ffree*Tn, C, p['vp']) + arom(ITT, C, p["vt"]) - ke_E2*E2
        inflow = p['sc']*psi(FSH, ITT)
        rates = [n_sg/tau_sg_h]*n_sg + [1/e for e in epi]
        prev = inflow
        for i, k in enumerate(rates):
            d[6+i] = k*(prev - chain[i]) if i == 0 else k*prev_state - k*chain[i] if False else 0
            prev_state = None
        # chain as concentration-equivalent: dX_i = k_i (X_{i-1} - X_i), X_0 = inflow
        xs = np.concatenate([[inflow], chain])
        for i, k in enumerate(rates):
            d[6+i] = k*(xs[i] - xs[i+1])
        d[-2] = -ka*Ad
        d[-1] = ka*Ad - CL/V*Ac
        return d
    return rhs, psi, ITT_ref, phi_h, phi_p, arom

def individualise(par, labs, vt):
    """closed form (prototype only): labs T, E2, LH, FSH, conc."""
    rhs, psi, ITT_ref, phi_h, phi_p, arom = make(par)
    T, E2, LH, FSH = labs['T'], labs['E2'], labs['LH'], labs['FSH']
    p = dict(par); p['ksLH'] = par['ksLH']; p['vt'] = vt
    G = LH*ke_LH/(p['ksLH']*phi_p(E2))
    p['AG'] = G/phi_h(E2, T)
    p['ksFSH'] = FSH*ke_FSH/(G*phi_p(E2))
    Tn = T*NG_DL_TO_NM
    ITT = ITT_over_T*Tn
    p['kTT'] = ke_T*T/ITT
    p['leydig'] = (ITT - Tn)/(1+H3(LH))
    need = ke_E2*E2 - arom(ITT, 0, vt)
    p['vp'] = need/arom(ffree*Tn, 0, 1.0)
    p['sc'] = labs.get('conc', 50)/psi(FSH, ITT)
    y = np.zeros(6+n_sg+3+2)
    y[:6] = [G, LH, FSH, ITT, T, E2]; y[6:6+n_sg+3] = labs.get('conc', 50)
    return p, y

def reference_vt(par, ft):
    rhs, psi, ITT_ref, phi_h, phi_p, arom = make(par)
    ITT = ITT_ref
    return ft*ke_E2*E2_ref/arom(ITT, 0, 1.0)

def run(par, ft, days=150, dose_mg=1.0, tau=24.0, stop=None, total_days=None):
    vt = reference_vt(par, ft)
    p, y0 = individualise(par, dict(T=270, E2=32, LH=3.4, FSH=4.8, conc=7.8), vt)
    rhs, *_ = make(par)
    assert np.max(np.abs(rhs(0, y0, p))) < 1e-9, rhs(0, y0, p)
    total = (total_days or days)*24
    ndose = int(round((stop if stop else days)*24/tau))
    tdoses = [i*tau for i in range(ndose)]
    y = y0.copy(); t = 0; out_t = [0]; out_y = [y0]
    bounds = tdoses + [total]
    for i in range(len(bounds)-1 if bounds[-1] > bounds[-2] else len(bounds)-1):
        pass
    seg = sorted(set(tdoses + [total]))
    for k, ts in enumerate(seg):
        if ts in tdoses: y = y.copy(); y[-2] += dose_mg
        if k+1 < len(seg):
            s = solve_ivp(rhs, (ts, seg[k+1]), y, args=(p,), method='LSODA', rtol=1e-7, atol=1e-9)
            y = s.y[:, -1]
            out_t += list(s.t[1:]); out_y += list(s.y[:, 1:].T)
    return np.array(out_t), np.array(out_y), p, y0

def summary(y, par, y0):
    conc = y[6+n_sg+2]
    return dict(T=y[4], E2=y[5], TE2=y[4]/y[5], LH=y[1], FSH=y[2], conc=conc)

if __name__ == '__main__':
    import sys
    par = dict(lamE=float(sys.argv[1]) if len(sys.argv) > 1 else 1.0, h=1.7, ksLH=1.0)
    ft = float(sys.argv[2]) if len(sys.argv) > 2 else 0.35
    t, Y, p, y0 = run(par, ft)
    s = summary(Y[-1], par, y0)
    print({k: round(v, 3) for k, v in s.items()})
    print('C end ng/mL', Y[-1, -1]/V*1000)
