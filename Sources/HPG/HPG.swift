import ODE
