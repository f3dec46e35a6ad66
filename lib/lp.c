/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lp.c — a solver-neutral LP (columns, rows, bounds) and its CPLEX LP and
 * free MPS writers. */
#include "lp.h"

#include <math.h>
#include <string.h>

void cu_lp_init(cu_lp *lp, const curtail_mem *mem)
{
    memset(lp, 0, sizeof *lp);
    lp->mem = mem;
}

void cu_lp_free(cu_lp *lp)
{
    size_t i;
    for (i = 0; i < lp->ncols; i++)
        cu_free(lp->mem, lp->cname[i]);
    for (i = 0; i < lp->nrows; i++)
        cu_free(lp->mem, lp->rname[i]);
    cu_free(lp->mem, lp->cost);
    cu_free(lp->mem, lp->clb);
    cu_free(lp->mem, lp->cub);
    cu_free(lp->mem, lp->cname);
    cu_free(lp->mem, lp->rtype);
    cu_free(lp->mem, lp->rhs);
    cu_free(lp->mem, lp->rname);
    cu_free(lp->mem, lp->cbeg);
    cu_free(lp->mem, lp->rind);
    cu_free(lp->mem, lp->val);
    cu_free(lp->mem, lp->cint);
    memset(lp, 0, sizeof *lp);
}

int cu_lp_set_int(cu_lp *lp, size_t j)
{
    if (j >= lp->capint) {
        void *p = lp->cint;
        size_t cap = lp->capint, old = cap;
        if (cu_grow(lp->mem, &p, &cap, j + 1, 1))
            return -1;
        memset((unsigned char *)p + old, 0, cap - old);
        lp->cint = p;
        lp->capint = cap;
    }
    lp->cint[j] = 1;
    return 0;
}

#define GROW(lp, arr, capv, need)                                                           \
    do {                                                                                    \
        void *p_ = (lp)->arr;                                                               \
        size_t c_ = (capv);                                                                 \
        if (cu_grow((lp)->mem, &p_, &c_, (need), sizeof *(lp)->arr))                        \
            return (size_t)-1;                                                              \
        (lp)->arr = p_;                                                                     \
        (capv) = c_;                                                                        \
    } while (0)

size_t cu_lp_add_row(cu_lp *lp, const char *name, int type, double rhs)
{
    size_t need = lp->nrows + 1, cap = lp->caprows, c;
    char *nm = NULL;
    if (need > cap) {
        c = cap;
        GROW(lp, rtype, c, need);
        c = cap;
        GROW(lp, rhs, c, need);
        c = cap;
        GROW(lp, rname, c, need);
        lp->caprows = c;
    }
    if (name && !(nm = cu_strdup(lp->mem, name)))
        return (size_t)-1;
    lp->rtype[lp->nrows] = type;
    lp->rhs[lp->nrows] = rhs;
    lp->rname[lp->nrows] = nm;
    return lp->nrows++;
}

size_t cu_lp_add_col(cu_lp *lp, const char *name, double cost, double lb, double ub, size_t n,
                     const size_t *rows, const double *vals)
{
    size_t need = lp->ncols + 1, cap = lp->capcols, c, k;
    char *nm = NULL;
    if (need + 1 > cap) {
        size_t want = need + 1;
        c = cap;
        GROW(lp, cost, c, want);
        c = cap;
        GROW(lp, clb, c, want);
        c = cap;
        GROW(lp, cub, c, want);
        c = cap;
        GROW(lp, cname, c, want);
        c = cap;
        GROW(lp, cbeg, c, want);
        lp->capcols = c;
    }
    if (lp->nnz + n > lp->capnnz) {
        size_t cn = lp->capnnz;
        GROW(lp, rind, cn, lp->nnz + n);
        cn = lp->capnnz;
        GROW(lp, val, cn, lp->nnz + n);
        lp->capnnz = cn;
    }
    if (name && !(nm = cu_strdup(lp->mem, name)))
        return (size_t)-1;
    if (lp->ncols == 0)
        lp->cbeg[0] = 0;
    for (k = 0; k < n; k++) {
        lp->rind[lp->nnz + k] = rows[k];
        lp->val[lp->nnz + k] = vals[k];
    }
    lp->nnz += n;
    lp->cost[lp->ncols] = cost;
    lp->clb[lp->ncols] = lb;
    lp->cub[lp->ncols] = ub;
    lp->cname[lp->ncols] = nm;
    lp->cbeg[lp->ncols + 1] = lp->nnz;
    return lp->ncols++;
}

int cu_lp_is_sane(const cu_lp *lp)
{
    size_t j, k;
    if (lp->ncols >= (size_t)INT32_MAX / 2 || lp->nrows >= (size_t)INT32_MAX / 2 ||
        lp->nnz >= (size_t)INT32_MAX / 2)
        return 0;
    for (j = 0; j < lp->ncols; j++) {
        if (!isfinite(lp->cost[j]) || !isfinite(lp->clb[j]) || isnan(lp->cub[j]) ||
            lp->clb[j] > lp->cub[j])
            return 0;
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++)
            if (lp->rind[k] >= lp->nrows || !isfinite(lp->val[k]))
                return 0;
    }
    for (j = 0; j < lp->nrows; j++)
        if (!isfinite(lp->rhs[j]) || lp->rtype[j] < CU_ROW_GE || lp->rtype[j] > CU_ROW_EQ)
            return 0;
    return 1;
}

/* ---- writers ----------------------------------------------------------------------- */
/* Numbers as cu_buf_num_short: at most 17 significant digits and 24
 * characters, since other solvers' readers limit a number's length. */

static void put_name(cu_buf *b, char *const *names, const char *prefix, size_t i)
{
    if (names[i])
        cu_buf_puts(b, names[i]);
    else
        cu_buf_printf(b, "%s%zu", prefix, i);
}

static void put_term(cu_buf *b, double v, const cu_lp *lp, size_t j)
{
    cu_buf_puts(b, v < 0 ? " - " : " + ");
    cu_buf_num_short(b, fabs(v));
    cu_buf_puts(b, " ");
    put_name(b, lp->cname, "c", j);
}

/* Row-wise view of the column-wise matrix. */
typedef struct row_view {
    size_t *beg; /* nrows + 1 */
    size_t *col;
    double *val;
} row_view;

static int row_view_build(const cu_lp *lp, row_view *rv)
{
    size_t j, k, *fill;
    memset(rv, 0, sizeof *rv);
    rv->beg = cu_calloc(lp->mem, lp->nrows + 1, sizeof(size_t));
    rv->col = cu_calloc(lp->mem, lp->nnz ? lp->nnz : 1, sizeof(size_t));
    rv->val = cu_calloc(lp->mem, lp->nnz ? lp->nnz : 1, sizeof(double));
    fill = cu_calloc(lp->mem, lp->nrows + 1, sizeof(size_t));
    if (!rv->beg || !rv->col || !rv->val || !fill) {
        cu_free(lp->mem, fill);
        return -1;
    }
    for (k = 0; k < lp->nnz; k++)
        rv->beg[lp->rind[k] + 1]++;
    for (j = 0; j < lp->nrows; j++)
        rv->beg[j + 1] += rv->beg[j];
    for (j = 0; j < lp->ncols; j++)
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++) {
            size_t r = lp->rind[k], at = rv->beg[r] + fill[r]++;
            rv->col[at] = j;
            rv->val[at] = lp->val[k];
        }
    cu_free(lp->mem, fill);
    return 0;
}

static void row_view_free(const cu_lp *lp, row_view *rv)
{
    cu_free(lp->mem, rv->beg);
    cu_free(lp->mem, rv->col);
    cu_free(lp->mem, rv->val);
}

static void write_cplex(const cu_lp *lp, const row_view *rv, cu_buf *b)
{
    size_t i, j, k, n;
    static const char *const ops[3] = {">=", "<=", "="};
    cu_buf_puts(b, "Minimize\n obj:");
    for (j = 0, n = 0; j < lp->ncols; j++) {
        if (lp->cost[j] == 0)
            continue;
        put_term(b, lp->cost[j], lp, j);
        if (++n % 8 == 0)
            cu_buf_puts(b, "\n");
    }
    if (n == 0 && lp->ncols > 0)
        put_term(b, 0.0, lp, 0);
    cu_buf_puts(b, "\nSubject To\n");
    for (i = 0; i < lp->nrows; i++) {
        cu_buf_puts(b, " ");
        put_name(b, lp->rname, "r", i);
        cu_buf_puts(b, ":");
        for (k = rv->beg[i], n = 0; k < rv->beg[i + 1]; k++) {
            put_term(b, rv->val[k], lp, rv->col[k]);
            if (++n % 8 == 0)
                cu_buf_puts(b, "\n");
        }
        if (n == 0 && lp->ncols > 0)
            put_term(b, 0.0, lp, 0);
        cu_buf_printf(b, " %s ", ops[lp->rtype[i]]);
        cu_buf_num_short(b, lp->rhs[i]);
        cu_buf_puts(b, "\n");
    }
    cu_buf_puts(b, "Bounds\n");
    for (j = 0; j < lp->ncols; j++) {
        cu_buf_puts(b, " ");
        if (lp->clb[j] == lp->cub[j]) {
            put_name(b, lp->cname, "c", j);
            cu_buf_puts(b, " = ");
            cu_buf_num_short(b, lp->clb[j]);
        } else {
            cu_buf_num_short(b, lp->clb[j]);
            cu_buf_puts(b, " <= ");
            put_name(b, lp->cname, "c", j);
            if (isinf(lp->cub[j])) {
                cu_buf_puts(b, " <= +inf");
            } else {
                cu_buf_puts(b, " <= ");
                cu_buf_num_short(b, lp->cub[j]);
            }
        }
        cu_buf_puts(b, "\n");
    }
    if (lp->cint) {
        cu_buf_puts(b, "Generals\n");
        for (j = 0, n = 0; j < lp->ncols; j++) {
            if (!cu_lp_is_int(lp, j))
                continue;
            cu_buf_puts(b, " ");
            put_name(b, lp->cname, "c", j);
            if (++n % 8 == 0)
                cu_buf_puts(b, "\n");
        }
        cu_buf_puts(b, "\n");
    }
    cu_buf_puts(b, "End\n");
}

static void write_mps(const cu_lp *lp, cu_buf *b)
{
    size_t i, j, k;
    static const char *const types[3] = {"G", "L", "E"};
    cu_buf_puts(b, "NAME curtail\nROWS\n N obj\n");
    for (i = 0; i < lp->nrows; i++) {
        cu_buf_printf(b, " %s ", types[lp->rtype[i]]);
        put_name(b, lp->rname, "r", i);
        cu_buf_puts(b, "\n");
    }
    cu_buf_puts(b, "COLUMNS\n");
    for (j = 0; j < lp->ncols; j++) {
        int wrote = 0, mark = cu_lp_is_int(lp, j);
        if (mark && (j == 0 || !cu_lp_is_int(lp, j - 1)))
            cu_buf_puts(b, " MARKER 'MARKER' 'INTORG'\n");
        if (lp->cost[j] != 0 || lp->cbeg[j] == lp->cbeg[j + 1]) {
            cu_buf_puts(b, " ");
            put_name(b, lp->cname, "c", j);
            cu_buf_puts(b, " obj ");
            cu_buf_num_short(b, lp->cost[j]);
            cu_buf_puts(b, "\n");
            wrote = 1;
        }
        for (k = lp->cbeg[j]; k < lp->cbeg[j + 1]; k++) {
            cu_buf_puts(b, " ");
            put_name(b, lp->cname, "c", j);
            cu_buf_puts(b, " ");
            put_name(b, lp->rname, "r", lp->rind[k]);
            cu_buf_puts(b, " ");
            cu_buf_num_short(b, lp->val[k]);
            cu_buf_puts(b, "\n");
            wrote = 1;
        }
        (void)wrote;
        if (mark && (j + 1 == lp->ncols || !cu_lp_is_int(lp, j + 1)))
            cu_buf_puts(b, " MARKER 'MARKER' 'INTEND'\n");
    }
    cu_buf_puts(b, "RHS\n");
    for (i = 0; i < lp->nrows; i++) {
        if (lp->rhs[i] == 0)
            continue;
        cu_buf_puts(b, " RHS ");
        put_name(b, lp->rname, "r", i);
        cu_buf_puts(b, " ");
        cu_buf_num_short(b, lp->rhs[i]);
        cu_buf_puts(b, "\n");
    }
    cu_buf_puts(b, "BOUNDS\n");
    for (j = 0; j < lp->ncols; j++) {
        if (lp->clb[j] == lp->cub[j]) {
            cu_buf_puts(b, " FX BND ");
            put_name(b, lp->cname, "c", j);
            cu_buf_puts(b, " ");
            cu_buf_num_short(b, lp->clb[j]);
            cu_buf_puts(b, "\n");
            continue;
        }
        if (lp->clb[j] != 0) {
            cu_buf_puts(b, " LO BND ");
            put_name(b, lp->cname, "c", j);
            cu_buf_puts(b, " ");
            cu_buf_num_short(b, lp->clb[j]);
            cu_buf_puts(b, "\n");
        }
        if (!isinf(lp->cub[j])) {
            cu_buf_puts(b, " UP BND ");
            put_name(b, lp->cname, "c", j);
            cu_buf_puts(b, " ");
            cu_buf_num_short(b, lp->cub[j]);
            cu_buf_puts(b, "\n");
        }
    }
    cu_buf_puts(b, "ENDATA\n");
}

int cu_lp_write(const cu_lp *lp, int format, cu_buf *out)
{
    row_view rv;
    if (format == CURTAIL_LP_MPS) {
        write_mps(lp, out);
        return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
    }
    if (row_view_build(lp, &rv)) {
        row_view_free(lp, &rv);
        return CURTAIL_ENOMEM;
    }
    write_cplex(lp, &rv, out);
    row_view_free(lp, &rv);
    return out->failed ? CURTAIL_ENOMEM : CURTAIL_OK;
}
