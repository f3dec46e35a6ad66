/* SPDX-License-Identifier: GPL-3.0-or-later */
/* solve_clp.c — the only file that includes Clp's header: COIN-OR Clp as a
 * second engine behind the session interface of solve.c, with the semantics
 * of solve_glpk.c.
 *
 * A session keeps one Clp model alive across the rounds of a decomposition:
 * each solve appends the rows and columns the cu_lp gained since the last
 * one (rows empty: a cu_lp's entries come with its columns), sets the
 * caller's basis hints for them, refreshes every row's bounds and
 * re-optimises from the previous basis (primal simplex; a cold start uses
 * the dual).
 *
 * Clp is C++ and its C interface catches nothing: an exception would cross
 * C frames and end the process. So nothing invalid reaches it — the LP passes
 * cu_lp_is_sane and has no duplicate entry in a column, +inf becomes Clp's
 * COIN_DBL_MAX, every index fits an int, and the status array is touched
 * only where Clp has one. Clp allocates with operator new, outside the
 * caller's curtail_mem.
 *
 * Every simplex call is bounded: it runs in chunks of iterations, with Clp's
 * own (CPU) time limit set to what is left of the caller's deadline, and the
 * deadline and the cancel hook are checked between chunks. A run that fails,
 * stalls or ends in a status other than optimal or infeasible is retried from
 * scratch (the model rebuilt, the primal simplex from the slack basis) before
 * the session gives up with CURTAIL_ESOLVER.
 *
 * Clp is loaded at run time, by the session that asks for it: libcurtail
 * does not link it (it and its C++/Fortran/LAPACK closure cost every process
 * ~4.5 ms of dynamic linking, docs/DECISIONS.md). cu_clp_open dlopen()s the
 * library the build found (CURTAIL_CLP_SONAME, from CMake) and resolves the
 * Clp_* functions below into the session's own table; RTLD_NODELETE keeps
 * the library mapped after the session closes, so a sweep's later sessions
 * find it loaded. The header is included for the types and to check each
 * pointer type against Clp's prototype at compile time. */
#include "solve.h"

#include <Clp_C_Interface.h>
#include <dlfcn.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const cu_pos no_pos = {0, 0};

/* Clp's basis status codes (ClpSimplex::Status) */
enum { CLP_ST_FREE = 0, CLP_ST_BASIC = 1, CLP_ST_UPPER = 2, CLP_ST_LOWER = 3, CLP_ST_FIXED = 5 };
/* Clp_status */
enum { CLP_OPTIMAL = 0, CLP_INFEASIBLE = 1, CLP_UNBOUNDED = 2, CLP_STOPPED = 3 };
/* Clp_secondaryStatus */
enum { CLP_STOPPED_ON_TIME = 9 };

#ifndef CLP_CHUNK
#define CLP_CHUNK 5000
#endif

/* The Clp functions this file calls, as pointer types written out from
 * Clp_C_Interface.h (Clp 1.17). */
typedef Clp_Simplex *(COINLINKAGE *clp_newModel_f)(void);
typedef void(COINLINKAGE *clp_deleteModel_f)(Clp_Simplex *);
typedef void(COINLINKAGE *clp_setLogLevel_f)(Clp_Simplex *, int);
typedef void(COINLINKAGE *clp_setOptimizationDirection_f)(Clp_Simplex *, double);
typedef void(COINLINKAGE *clp_loadProblem_f)(Clp_Simplex *, int, int, const CoinBigIndex *,
                                             const int *, const double *, const double *,
                                             const double *, const double *, const double *,
                                             const double *);
typedef void(COINLINKAGE *clp_addRows_f)(Clp_Simplex *, int, const double *, const double *,
                                         const CoinBigIndex *, const int *, const double *);
typedef void(COINLINKAGE *clp_addColumns_f)(Clp_Simplex *, int, const double *, const double *,
                                            const double *, const CoinBigIndex *, const int *,
                                            const double *);
typedef void(COINLINKAGE *clp_chgRowLower_f)(Clp_Simplex *, const double *);
typedef void(COINLINKAGE *clp_chgRowUpper_f)(Clp_Simplex *, const double *);
typedef int(COINLINKAGE *clp_statusExists_f)(Clp_Simplex *);
typedef void(COINLINKAGE *clp_setRowStatus_f)(Clp_Simplex *, int, int);
typedef void(COINLINKAGE *clp_setColumnStatus_f)(Clp_Simplex *, int, int);
typedef void(COINLINKAGE *clp_setMaximumIterations_f)(Clp_Simplex *, int);
typedef void(COINLINKAGE *clp_setMaximumSeconds_f)(Clp_Simplex *, double);
typedef int(COINLINKAGE *clp_primal_f)(Clp_Simplex *, int);
typedef int(COINLINKAGE *clp_dual_f)(Clp_Simplex *, int);
typedef int(COINLINKAGE *clp_numberIterations_f)(Clp_Simplex *);
typedef int(COINLINKAGE *clp_status_f)(Clp_Simplex *);
typedef int(COINLINKAGE *clp_secondaryStatus_f)(Clp_Simplex *);
typedef double(COINLINKAGE *clp_objectiveValue_f)(Clp_Simplex *);
typedef double *(COINLINKAGE *clp_primalColumnSolution_f)(Clp_Simplex *);
typedef double *(COINLINKAGE *clp_dualRowSolution_f)(Clp_Simplex *);

/* X(name) for each of them: the table, the symbol list and the checks */
#define CLP_FUNCTIONS(X)                                                                         \
    X(newModel) X(deleteModel) X(setLogLevel) X(setOptimizationDirection) X(loadProblem)          \
    X(addRows) X(addColumns) X(chgRowLower) X(chgRowUpper) X(statusExists) X(setRowStatus)       \
    X(setColumnStatus) X(setMaximumIterations) X(setMaximumSeconds) X(primal) X(dual)            \
    X(numberIterations) X(status) X(secondaryStatus) X(objectiveValue) X(primalColumnSolution)   \
    X(dualRowSolution)

/* Each pointer type is the header's prototype: _Generic does not evaluate
 * its operand, so these checks make no reference to Clp's symbols. */
#define CLP_CHECK(name)                                                                          \
    _Static_assert(_Generic(&Clp_##name, clp_##name##_f: 1, default: 0),                         \
                   "clp_" #name "_f differs from Clp_" #name " in Clp_C_Interface.h");
CLP_FUNCTIONS(CLP_CHECK)
#undef CLP_CHECK
/* dlsym's object pointer is stored into a function pointer (POSIX) */
_Static_assert(sizeof(clp_newModel_f) == sizeof(void *), "function pointers differ from void *");

typedef struct clp_api {
#define CLP_FIELD(name) clp_##name##_f name;
    CLP_FUNCTIONS(CLP_FIELD)
#undef CLP_FIELD
} clp_api;

static const struct clp_sym {
    const char *name;
    size_t off;
} clp_syms[] = {
#define CLP_SYM(name) {"Clp_" #name, offsetof(clp_api, name)},
    CLP_FUNCTIONS(CLP_SYM)
#undef CLP_SYM
};

/* Where Clp is looked for, in order: the SONAME of the library the build
 * linked against (found by CMake), the same file by its configure-time path
 * (a Clp outside the loader's search path), then the names Clp 1.x has had. */
#ifndef CURTAIL_CLP_SONAME
#define CURTAIL_CLP_SONAME "libClp.so.1"
#endif
static const char *const clp_default_names[] = {CURTAIL_CLP_SONAME,
#ifdef CURTAIL_CLP_PATH
                                                 CURTAIL_CLP_PATH,
#endif
                                                 "libClp.so.1", "libClp.so", NULL};

const char *cu_clp_library(void)
{
    return CURTAIL_CLP_SONAME;
}

struct cu_clp {
    const curtail_mem *mem;
    void *lib;   /* dlopen handle of Clp */
    clp_api clp; /* its functions */
    Clp_Simplex *M;
    size_t nrows, ncols; /* of the cu_lp already in M */
    int warm;            /* M holds a basis from an earlier solve */
    /* scratch */
    double *rlo, *rup; /* per row */
    size_t *seen;      /* per row: 1 + the last column that had an entry there */
    size_t caprows;
    double *clo, *cup, *obj; /* per new column */
    CoinBigIndex *beg;
    size_t capcols;
    int *ind; /* per new entry */
    double *val;
    size_t capnnz;
};

/* dlopen the first of names that loads, and resolve every Clp function
 * from it into S->clp. CURTAIL_OK, or CURTAIL_ESOLVER naming the library and
 * the loader's reason (the first name's, when none loads). */
static int load_clp(cu_clp *S, const char *const *names, curtail_error *err)
{
    char why[512] = "no library name";
    const char *first = names[0] ? names[0] : "(no name)";
    int flags = RTLD_NOW | RTLD_LOCAL;
    size_t i, k;
#ifdef RTLD_NODELETE
    flags |= RTLD_NODELETE;
#endif
    for (k = 0; names[k] && !S->lib; k++) {
        size_t j;
        for (j = 0; j < k && strcmp(names[j], names[k]) != 0; j++)
            ;
        if (j < k) /* tried already */
            continue;
        if (!(S->lib = dlopen(names[k], flags)) && k == 0) {
            const char *e = dlerror();
            snprintf(why, sizeof why, "%s", e ? e : "unknown error");
        }
    }
    if (!S->lib)
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "cannot load the Clp engine (%s): %s", first, why);
    for (i = 0; i < sizeof clp_syms / sizeof clp_syms[0]; i++) {
        void *p;
        const char *e;
        dlerror();
        p = dlsym(S->lib, clp_syms[i].name);
        if (!p) {
            e = dlerror();
            snprintf(why, sizeof why, "%s", e ? e : "no such symbol");
            return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                            "cannot load the Clp engine (%s): %s", names[k - 1], why);
        }
        memcpy((char *)&S->clp + clp_syms[i].off, &p, sizeof p);
    }
    return CURTAIL_OK;
}

int cu_clp_open_lib(cu_clp **out, const curtail_mem *mem, const char *const *names,
                    curtail_error *err)
{
    cu_clp *S = cu_calloc(mem, 1, sizeof *S);
    int rc;
    *out = NULL;
    if (!S)
        return cu_enomem(err);
    S->mem = mem;
    if ((rc = load_clp(S, names, err)) != CURTAIL_OK) {
        cu_clp_close(S);
        return rc;
    }
    *out = S;
    return CURTAIL_OK;
}

int cu_clp_open(cu_clp **out, const curtail_mem *mem, curtail_error *err)
{
    return cu_clp_open_lib(out, mem, clp_default_names, err);
}

static void drop_model(cu_clp *S)
{
    if (S->M)
        S->clp.deleteModel(S->M);
    S->M = NULL;
    S->nrows = S->ncols = 0;
    S->warm = 0;
}

void cu_clp_close(cu_clp *S)
{
    if (!S)
        return;
    drop_model(S);
    cu_free(S->mem, S->rlo);
    cu_free(S->mem, S->rup);
    cu_free(S->mem, S->seen);
    cu_free(S->mem, S->clo);
    cu_free(S->mem, S->cup);
    cu_free(S->mem, S->obj);
    cu_free(S->mem, S->beg);
    cu_free(S->mem, S->ind);
    cu_free(S->mem, S->val);
    if (S->lib)
        dlclose(S->lib); /* RTLD_NODELETE: stays mapped for the next session */
    cu_free(S->mem, S);
}

/* Grow one scratch array to n elements (n >= 1). 0 or -1. */
static int grow(const curtail_mem *mem, void **p, size_t n, size_t size)
{
    void *q = cu_reallocarray(mem, *p, n, size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

static int reserve(cu_clp *S, const cu_lp *lp, size_t ncols, size_t nnz)
{
    const curtail_mem *m = S->mem;
    if (lp->nrows + 1 > S->caprows) {
        size_t c = lp->nrows + lp->nrows / 2 + 16;
        if (grow(m, (void **)&S->rlo, c, sizeof(double)) ||
            grow(m, (void **)&S->rup, c, sizeof(double)) ||
            grow(m, (void **)&S->seen, c, sizeof(size_t)))
            return -1;
        S->caprows = c;
    }
    if (ncols + 1 > S->capcols) {
        size_t c = ncols + ncols / 2 + 16;
        if (grow(m, (void **)&S->clo, c, sizeof(double)) ||
            grow(m, (void **)&S->cup, c, sizeof(double)) ||
            grow(m, (void **)&S->obj, c, sizeof(double)) ||
            grow(m, (void **)&S->beg, c, sizeof(CoinBigIndex)))
            return -1;
        S->capcols = c;
    }
    if (nnz + 1 > S->capnnz) {
        size_t c = nnz + nnz / 2 + 16;
        if (grow(m, (void **)&S->ind, c, sizeof(int)) ||
            grow(m, (void **)&S->val, c, sizeof(double)))
            return -1;
        S->capnnz = c;
    }
    return 0;
}

static double clp_inf(double v)
{
    return isinf(v) ? (v > 0 ? DBL_MAX : -DBL_MAX) : v;
}

/* The columns j0.. of lp into the scratch arrays (zeros dropped); -1 when a
 * column has two entries in one row. */
static int pack_columns(cu_clp *S, const cu_lp *lp, size_t j0)
{
    size_t j, k, n = 0;
    memset(S->seen, 0, sizeof(size_t) * lp->nrows);
    for (j = j0; j < lp->ncols; j++) {
        size_t c = j - j0;
        S->clo[c] = lp->clb[j];
        S->cup[c] = clp_inf(lp->cub[j]);
        S->obj[c] = lp->cost[j];
        S->beg[c] = (CoinBigIndex)n;
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++) {
            size_t r = lp->rind[k];
            if (S->seen[r] == j + 1)
                return -1;
            S->seen[r] = j + 1;
            if (lp->val[k] == 0)
                continue;
            S->ind[n] = (int)r;
            S->val[n++] = lp->val[k];
        }
    }
    S->beg[lp->ncols - j0] = (CoinBigIndex)n;
    return 0;
}

static void row_bounds(cu_clp *S, const cu_lp *lp)
{
    size_t i;
    for (i = 0; i < lp->nrows; i++) {
        double r = lp->rhs[i];
        S->rlo[i] = lp->rtype[i] == CU_ROW_LE ? -DBL_MAX : r;
        S->rup[i] = lp->rtype[i] == CU_ROW_GE ? DBL_MAX : r;
    }
}

static int col_status(const cu_lp *lp, size_t j, int hint)
{
    if (hint == CU_BS_BASIC)
        return CLP_ST_BASIC;
    if (lp->clb[j] == lp->cub[j])
        return CLP_ST_FIXED;
    if (hint == CU_BS_UPPER && !isinf(lp->cub[j]))
        return CLP_ST_UPPER;
    return CLP_ST_LOWER;
}

static int row_status(const cu_lp *lp, size_t i, int hint)
{
    if (hint == CU_BS_BASIC)
        return CLP_ST_BASIC;
    switch (lp->rtype[i]) {
    case CU_ROW_EQ:
        return CLP_ST_FIXED;
    case CU_ROW_LE:
        return CLP_ST_UPPER;
    default:
        return CLP_ST_LOWER;
    }
}

static Clp_Simplex *new_model(const clp_api *A)
{
    Clp_Simplex *M = A->newModel();
    if (M) {
        A->setLogLevel(M, 0);
        A->setOptimizationDirection(M, 1.0);
    }
    return M;
}

/* Bring M up to lp: load it whole into a new model, or append what lp gained
 * (with the hints as the new rows' and columns' basis status) and refresh
 * every row's bounds. 0, or -1 for lack of memory. */
static int sync_model(cu_clp *S, const cu_lp *lp, const signed char *col_hint,
                      const signed char *row_hint)
{
    size_t i, j, nnew = lp->ncols - S->ncols;
    size_t nnz = lp->ncols ? lp->cbeg[lp->ncols] - lp->cbeg[S->ncols] : 0;
    if (reserve(S, lp, nnew, nnz))
        return -1;
    if (pack_columns(S, lp, S->ncols))
        return -2;
    row_bounds(S, lp);
    if (!S->M) {
        if (!(S->M = new_model(&S->clp)))
            return -1;
        S->clp.loadProblem(S->M, (int)lp->ncols, (int)lp->nrows, S->beg, S->ind, S->val, S->clo,
                        S->cup, S->obj, S->rlo, S->rup);
        S->nrows = lp->nrows;
        S->ncols = lp->ncols;
        S->warm = 0;
        return 0;
    }
    if (lp->nrows > S->nrows) {
        /* empty rows: every start 0, the index arrays never read */
        size_t nr = lp->nrows - S->nrows;
        CoinBigIndex *zero = (CoinBigIndex *)S->seen; /* nr + 1 fit: nrows + 1 <= caprows */
        int dummy_i = 0;
        double dummy_v = 0.0;
        for (i = 0; i <= nr; i++)
            zero[i] = 0;
        S->clp.addRows(S->M, (int)nr, S->rlo + S->nrows, S->rup + S->nrows, zero, &dummy_i,
                    &dummy_v);
    }
    if (nnew > 0)
        S->clp.addColumns(S->M, (int)nnew, S->clo, S->cup, S->obj, S->beg, S->ind, S->val);
    S->clp.chgRowLower(S->M, S->rlo);
    S->clp.chgRowUpper(S->M, S->rup);
    if (S->warm && S->clp.statusExists(S->M)) {
        for (i = S->nrows; i < lp->nrows; i++)
            S->clp.setRowStatus(S->M, (int)i,
                             row_status(lp, i, row_hint ? row_hint[i] : CU_BS_BASIC));
        for (j = S->ncols; j < lp->ncols; j++)
            S->clp.setColumnStatus(S->M, (int)j,
                                col_status(lp, j, col_hint ? col_hint[j] : CU_BS_LOWER));
    }
    S->nrows = lp->nrows;
    S->ncols = lp->ncols;
    return 0;
}

/* Seconds left before the deadline for Clp's own limit; -1 for none. */
static double secs_left(const cu_solve_ctl *ctl)
{
    double left;
    if (!ctl || !(ctl->deadline > 0))
        return -1.0;
    left = ctl->deadline - cu_clock_s();
    return left > 1e-3 ? left : 1e-3;
}

/* One simplex method in chunks of CLP_CHUNK iterations up to `budget`, the
 * deadline and the cancel hook checked between chunks. 1 when Clp reached a
 * final status (optimal, infeasible, unbounded), 0 when it failed or
 * stalled, a negative code (err set) when the deadline passed or the caller
 * cancelled. */
static int run_method(const clp_api *A, Clp_Simplex *M, int primal, long budget, const cu_solve_ctl *ctl,
                      curtail_error *err)
{
    long used = 0;
    for (;;) {
        int step = CLP_CHUNK, st, it, rc;
        if (budget - used < step)
            step = (int)(budget - used);
        if (step <= 0)
            return 0;
        A->setMaximumIterations(M, step);
        A->setMaximumSeconds(M, secs_left(ctl));
        if (primal)
            A->primal(M, 0);
        else
            A->dual(M, 0);
        it = A->numberIterations(M);
        used += it > 0 ? it : 0;
        st = A->status(M);
        if (st == CLP_OPTIMAL || st == CLP_INFEASIBLE || st == CLP_UNBOUNDED)
            return 1;
        if (st != CLP_STOPPED)
            return 0;
        if ((rc = cu_ctl_expired(ctl, err)) != 0)
            return rc;
        /* Clp's limit is the process's CPU time (all threads): stopped on
         * it before the deadline, go on; the deadline bounds the loop */
        if (it <= 0 && A->secondaryStatus(M) != CLP_STOPPED_ON_TIME)
            return 0;
    }
}

static long budget_of(const cu_lp *lp)
{
    return 20 * (long)(lp->nrows + lp->ncols) + 20000;
}

/* Is what Clp holds an answer to copy out: optimal with finite values? */
static int answer_ok(const clp_api *A, Clp_Simplex *M, const cu_lp *lp)
{
    const double *x, *y;
    size_t i;
    if (A->status(M) != CLP_OPTIMAL)
        return A->status(M) == CLP_INFEASIBLE;
    if (!isfinite(A->objectiveValue(M)))
        return 0;
    x = A->primalColumnSolution(M);
    y = A->dualRowSolution(M);
    if ((lp->ncols && !x) || (lp->nrows && !y))
        return 0;
    for (i = 0; i < lp->ncols; i++)
        if (!isfinite(x[i]))
            return 0;
    for (i = 0; i < lp->nrows; i++)
        if (!isfinite(y[i]))
            return 0;
    return 1;
}

/* No columns: the optimum is 0 if every row holds at activity 0. */
static void solve_empty(const cu_lp *lp, cu_lp_solution *sol)
{
    size_t i;
    for (i = 0; i < lp->nrows; i++) {
        double r = lp->rhs[i];
        int t = lp->rtype[i];
        if ((t == CU_ROW_GE && r > 0) || (t == CU_ROW_LE && r < 0) || (t == CU_ROW_EQ && r != 0)) {
            sol->status = 1;
            return;
        }
    }
    sol->status = 0;
    sol->obj = 0.0;
    for (i = 0; i < lp->nrows; i++)
        sol->dual[i] = 0.0;
}

int cu_clp_solve(cu_clp *S, const cu_lp *lp, const signed char *col_hint,
                 const signed char *row_hint, const cu_solve_ctl *ctl, cu_lp_solution *sol,
                 curtail_error *err)
{
    long budget = budget_of(lp);
    int r, rc, st;
    size_t i;

    sol->status = 2;
    if (lp->nrows < S->nrows || lp->ncols < S->ncols || !cu_lp_is_sane(lp))
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "the LP has non-finite or inconsistent data");
    if ((rc = cu_ctl_expired(ctl, err)) != 0)
        return rc;
    if (lp->ncols == 0) {
        solve_empty(lp, sol);
        return CURTAIL_OK;
    }
    switch (sync_model(S, lp, col_hint, row_hint)) {
    case 0:
        break;
    case -2:
        return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                        "the LP has two entries in one row of a column");
    default:
        return cu_enomem(err);
    }
    /* warm: the hinted basis is primal feasible, columns that entered may
     * price out; cold: the dual simplex from the slack basis */
    r = run_method(&S->clp, S->M, S->warm, budget, ctl, err);
    if (r < 0)
        return r;
    if (r == 0 || !answer_ok(&S->clp, S->M, lp)) {
        /* from scratch: a new model, the primal simplex from the slack basis */
        drop_model(S);
        if (sync_model(S, lp, NULL, NULL))
            return cu_enomem(err);
        r = run_method(&S->clp, S->M, 1, budget, ctl, err);
        if (r < 0)
            return r;
        if (r == 0)
            return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                            "Clp could not solve the LP (numerical trouble, or no end within "
                            "%ld iterations), even from scratch with the primal simplex",
                            budget);
        if (!answer_ok(&S->clp, S->M, lp))
            return cu_error(err, CURTAIL_ESOLVER, NULL, no_pos, NULL,
                            "Clp could not solve the LP (status %d%s)", S->clp.status(S->M),
                            S->clp.status(S->M) == CLP_UNBOUNDED ? ": unbounded" : "");
    }
    st = S->clp.status(S->M);
    if (st == CLP_INFEASIBLE) {
        sol->status = 1;
        return CURTAIL_OK;
    }
    {
        const double *x = S->clp.primalColumnSolution(S->M), *y = S->clp.dualRowSolution(S->M);
        sol->status = 0;
        sol->obj = S->clp.objectiveValue(S->M);
        for (i = 0; i < lp->ncols; i++)
            sol->x[i] = x[i];
        for (i = 0; i < lp->nrows; i++)
            sol->dual[i] = y[i];
    }
    S->warm = 1;
    return CURTAIL_OK;
}
