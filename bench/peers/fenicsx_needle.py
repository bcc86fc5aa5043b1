"""
The reference needle case of cryoplan (cases/default.yaml) in FEniCSx (DOLFINx 0.5,
Debian python3-dolfinx), in 3D: the peer that bench/peers/run.ts times side by side.

A 2 mm needle, 10 mm active segment held at -70 degC from t = 0 (tip at 30 mm depth,
straight down), insulated shaft (k 0.02) up to the skin, in muscle (the same
piecewise-linear enthalpy as cryoplan: H = 0 at the solidus, frozen capacity below,
mean capacity plus latent heat across -8..-1 degC, unfrozen above; k, perfusion and
metabolism linear in the unfrozen fraction), a 40 x 40 x 50 mm box with sides and
bottom at 37 degC, skin convection 10 W/m^2/K to 22 degC, a steady start, 180 s.

Discretisation: P1 on tetrahedra, six per hexahedron of the rectilinear grid given
(cryoplan's own grid, so both codes see the same vertices); enthalpy, perfusion and
metabolism lumped at the vertices; backward Euler with cryoplan's step rule (15 % of
the phase's age, at most 4 s, growth 1.5; a step whose Newton iteration fails is
redone a quarter as long); full Newton, GMRES + BoomerAMG. The round
needle is the vertices inside its cylinder (held at -70 degC); isotherm volumes are of
tissue only (the needle's cylinder left out), by quadrature of degree 6.

    /usr/bin/python3 bench/peers/fenicsx_needle.py GRID.json OUT.json [--snap]

GRID.json: {"x_mm": [...], "y_mm": [...], "z_mm": [...]} (cell edges). OUT.json gets
the volumes (ml) at 180 s, the counts, and the CPU seconds of this process.
"""
import json
import sys
import time

import numpy as np
import ufl
from mpi4py import MPI
from petsc4py import PETSc
import dolfinx
import dolfinx.fem.petsc
import dolfinx.nls.petsc

cpu0 = time.process_time()
grid = json.load(open(sys.argv[1]))
xe, ye, ze = (np.asarray(grid[k], dtype=float) * 1e-3 for k in ("x_mm", "y_mm", "z_mm"))
nx, ny, nz = len(xe) - 1, len(ye) - 1, len(ze) - 1

# Muscle (cryoplan's library: IT'IS values, Rabin & Shitzer frozen values).
K_U, K_F = 0.49, 2.0
C_U, C_F = 1090 * 3421.0, 1.8e6
LATENT = 0.76 * 1090 * 333.5e3
T_SOL, T_LIQ = -8.0, -1.0
PERF = 2552.8  # w_b rho_b c_b of muscle in cryoplan (perfusionCoefficient(37 ml/min/kg)), W/m^3/K
META = 0.91 * 1090.0
T_BODY, T_PROBE, T_AIR, H_SKIN = 37.0, -70.0, 22.0, 10.0
K_INS, C_INS = 0.02, 1e5
T_END = 180.0

C_MUSHY = 0.5 * (C_F + C_U) + LATENT / (T_LIQ - T_SOL)
H_LIQ = C_MUSHY * (T_LIQ - T_SOL)

mesh = dolfinx.mesh.create_box(
    MPI.COMM_WORLD, [np.zeros(3), np.array([nx, ny, nz], dtype=float)], [nx, ny, nz], dolfinx.mesh.CellType.tetrahedron
)
x = mesh.geometry.x
x[:, 0] = np.interp(x[:, 0], np.arange(nx + 1), xe)
x[:, 1] = np.interp(x[:, 1], np.arange(ny + 1), ye)
x[:, 2] = np.interp(x[:, 2], np.arange(nz + 1), ze)

R = 1e-3
Z_TIP, Z_BACK = 30e-3, 20e-3
if "--snap" in sys.argv:
    # Body-fitting by snapping: the grid's vertices next to the needle's round surface (and
    # its tip and back planes) move onto it, so that the held vertices span the true cylinder
    # (without it they span a polygon inside it, about a cell smaller: cryoplan's grid has a
    # line just outside the surface). A vertex moves if it lies within SNAP of a local
    # spacing of the surface; the mesh's tetrahedra are checked for inversion after.
    SNAP = 0.45
    def spacing(v, e):
        # The smaller gap on either side of the grid line through v (vertices lie on grid lines).
        i = np.clip(np.searchsorted(e, v - 1e-12), 0, len(e) - 1)
        lo = np.where(i > 0, e[i] - e[np.maximum(i - 1, 0)], np.inf)
        hi = np.where(i < len(e) - 1, e[np.minimum(i + 1, len(e) - 1)] - e[i], np.inf)
        return np.minimum(lo, hi)
    cells = mesh.geometry.dofmap.array.reshape(-1, 4)
    def signed_volumes():
        p0, p1, p2, p3 = (x[cells[:, i]] for i in range(4))
        return np.einsum("ij,ij->i", np.cross(p1 - p0, p2 - p0), p3 - p0)
    vol0 = signed_volumes()
    hxy = np.minimum(spacing(x[:, 0], xe), spacing(x[:, 1], ye))
    hz = spacing(x[:, 2], ze)
    r = np.hypot(x[:, 0], x[:, 1])
    near = (x[:, 2] <= Z_TIP + 0.5 * hz) & (np.abs(r - R) < SNAP * hxy) & (r > 0)
    x[near, 0] *= R / r[near]
    x[near, 1] *= R / r[near]
    for zp in (Z_TIP, Z_BACK):
        close = (np.hypot(x[:, 0], x[:, 1]) <= R * (1 + 1e-9)) & (np.abs(x[:, 2] - zp) < SNAP * hz)
        x[close, 2] = zp
    vol = signed_volumes()
    if not np.all(vol * vol0 > 1e-3 * vol0 * vol0):
        sys.exit("snapping inverted a tetrahedron: lower SNAP")
V = dolfinx.fem.FunctionSpace(mesh, ("Lagrange", 1))
n_dofs = V.dofmap.index_map.size_global

def on_far(p):
    return (np.isclose(p[0], xe[0]) | np.isclose(p[0], xe[-1]) | np.isclose(p[1], ye[0]) | np.isclose(p[1], ye[-1]) | np.isclose(p[2], ze[-1]))

def in_probe(p):
    return (p[0] ** 2 + p[1] ** 2 <= R * R * (1 + 1e-9)) & (p[2] >= Z_BACK - 1e-12) & (p[2] <= Z_TIP + 1e-12)

far_facets = dolfinx.mesh.locate_entities_boundary(mesh, 2, on_far)
bc_far = dolfinx.fem.dirichletbc(PETSc.ScalarType(T_BODY), dolfinx.fem.locate_dofs_topological(V, 2, far_facets), V)
bc_probe = dolfinx.fem.dirichletbc(PETSc.ScalarType(T_PROBE), dolfinx.fem.locate_dofs_geometrical(V, in_probe), V)

# Skin (z = 0) for the convective boundary.
top = dolfinx.mesh.locate_entities_boundary(mesh, 2, lambda p: np.isclose(p[2], ze[0]))
tags = dolfinx.mesh.meshtags(mesh, 2, top, np.full(len(top), 1, dtype=np.int32))
ds = ufl.Measure("ds", domain=mesh, subdomain_data=tags)

# The insulated shaft: cells whose centre lies in the needle's cylinder above the active segment.
Q = dolfinx.fem.FunctionSpace(mesh, ("DG", 0))
shaft = dolfinx.fem.Function(Q)
shaft.interpolate(lambda p: ((p[0] ** 2 + p[1] ** 2 <= R * R) & (p[2] < Z_BACK)).astype(float))

xs = ufl.SpatialCoordinate(mesh)
in_needle = ufl.conditional(ufl.And(ufl.le(xs[0] ** 2 + xs[1] ** 2, R * R), ufl.le(xs[2], Z_TIP)), 1.0, 0.0)

def frac(T):
    return ufl.max_value(0.0, ufl.min_value(1.0, (T - T_SOL) / (T_LIQ - T_SOL)))

def enthalpy(T):
    return ufl.conditional(
        ufl.le(T, T_SOL), C_F * (T - T_SOL), ufl.conditional(ufl.le(T, T_LIQ), C_MUSHY * (T - T_SOL), H_LIQ + C_U * (T - T_LIQ))
    )

def tissue_k(T):
    return K_F + frac(T) * (K_U - K_F)

dxv = ufl.dx(metadata={"quadrature_rule": "vertex", "quadrature_degree": 1})
dx2 = ufl.dx(metadata={"quadrature_degree": 2})
T = dolfinx.fem.Function(V)
T_old = dolfinx.fem.Function(V)
v = ufl.TestFunction(V)
dt = dolfinx.fem.Constant(mesh, PETSc.ScalarType(0.02))
tissue = 1.0 - shaft
k = shaft * K_INS + tissue * tissue_k(T)
sources = tissue * frac(T) * (PERF * (T_BODY - T) + META) * v * dxv
skin = H_SKIN * (T - T_AIR) * v * ds(1)
H = shaft * C_INS * T + tissue * enthalpy(T)
H_old = shaft * C_INS * T_old + tissue * enthalpy(T_old)

def newton(F, bcs):
    problem = dolfinx.fem.petsc.NonlinearProblem(F, T, bcs=bcs)
    solver = dolfinx.nls.petsc.NewtonSolver(MPI.COMM_WORLD, problem)
    solver.convergence_criterion = "incremental"
    solver.rtol = 1e-10
    solver.atol = 1e-3
    solver.max_it = 40
    ksp = solver.krylov_solver
    opts = PETSc.Options()
    pre = ksp.getOptionsPrefix()
    opts[f"{pre}ksp_type"] = "gmres"
    opts[f"{pre}ksp_rtol"] = 1e-8
    opts[f"{pre}pc_type"] = "hypre"
    opts[f"{pre}pc_hypre_type"] = "boomeramg"
    ksp.setFromOptions()
    return solver

# Steady start: no cooling, the needle as tissue.
T.x.array[:] = T_BODY
steady = newton(ufl.inner(tissue_k(T) * ufl.grad(T), ufl.grad(v)) * dx2 - frac(T) * (PERF * (T_BODY - T) + META) * v * dxv + skin, [bc_far])
steady.solve(T)

F = (H - H_old) / dt * v * dxv + ufl.inner(k * ufl.grad(T), ufl.grad(v)) * dx2 - sources + skin
stepper = newton(F, [bc_far, bc_probe])
t, steps, newton_its, retries, h = 0.0, 0, 0, 0, 0.02
while t < T_END - 1e-9:
    h = min(h, T_END - t)
    T_old.x.array[:] = T.x.array
    dt.value = h
    dolfinx.fem.set_bc(T.vector, [bc_far, bc_probe])
    try:
        its, ok = stepper.solve(T)
    except RuntimeError:
        # Full Newton on the enthalpy's kinks can cycle on a fine grid: the step again, a quarter as long.
        T.x.array[:] = T_old.x.array
        T.x.scatter_forward()
        newton_its += stepper.max_it
        retries += 1
        h /= 4
        continue
    newton_its += its
    t += h
    steps += 1
    h = min(4.0, max(0.02, 0.15 * t), 1.5 * h)
    print(f"t {t:.2f} s, {its} Newton, {time.process_time() - cpu0:.1f} CPU s", flush=True)

def volume_ml(theta):
    form = dolfinx.fem.form(ufl.conditional(ufl.le(T, theta), 1.0, 0.0) * (1.0 - in_needle) * ufl.dx(metadata={"quadrature_degree": 6}))
    return MPI.COMM_WORLD.allreduce(dolfinx.fem.assemble_scalar(form), op=MPI.SUM) * 1e6

out = {
    "code": "FEniCSx (DOLFINx %s), P1 tetrahedra" % dolfinx.__version__,
    "snapped": "--snap" in sys.argv,
    "hexahedra": nx * ny * nz,
    "tetrahedra": 6 * nx * ny * nz,
    "dofs": int(n_dofs),
    "steps": steps,
    "newton": int(newton_its),
    "retried_steps": retries,
    "volumes_ml": {"0": volume_ml(0.0), "-20": volume_ml(-20.0), "-40": volume_ml(-40.0)},
    "cpu_s": time.process_time() - cpu0,
}
json.dump(out, open(sys.argv[2], "w"), indent=2)
print(json.dumps(out))
