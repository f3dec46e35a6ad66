/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lp.h — a solver-neutral LP: data and its CPLEX LP / MPS writers (lp.c). Internal;
 * not installed. */
#ifndef CURTAIL_LP_H
#define CURTAIL_LP_H

#include "internal.h"

/* A solver-neutral minimisation LP with bounded columns and ranged rows. */
enum { CU_ROW_GE = 0, CU_ROW_LE, CU_ROW_EQ };

typedef struct cu_lp {
    const curtail_mem *mem;
    size_t ncols, capcols;
    double *cost, *clb, *cub;
    char **cname;
    size_t nrows, caprows;
    int *rtype;
    double *rhs;
    char **rname;
    /* column-wise sparse matrix: entries of column j in [cbeg[j], cbeg[j+1]) */
    size_t nnz, capnnz;
    size_t *cbeg; /* ncols + 1 */
    size_t *rind;
    double *val;
    /* integer columns (mip.c): cint[j] set; NULL while there are none */
    unsigned char *cint;
    size_t capint;
} cu_lp;

void cu_lp_init(cu_lp *lp, const curtail_mem *mem);
void cu_lp_free(cu_lp *lp);
/* Add a row; returns its index or (size_t)-1 on ENOMEM. name copied (may be NULL). */
size_t cu_lp_add_row(cu_lp *lp, const char *name, int type, double rhs);
/* Add a column with its nonzeros (rows must exist). Returns index or (size_t)-1. */
size_t cu_lp_add_col(cu_lp *lp, const char *name, double cost, double lb, double ub,
                     size_t n, const size_t *rows, const double *vals);
/* Mark column j integer (a MIP: the writers add a Generals section / MPS
 * markers); 0 or -1 for lack of memory. */
int cu_lp_set_int(cu_lp *lp, size_t j);
static inline int cu_lp_is_int(const cu_lp *lp, size_t j)
{
    return lp->cint && j < lp->capint && lp->cint[j];
}
/* Can an engine take lp as it is: sizes within int, every number finite
 * (a column's upper bound may be +inf), lb <= ub, row indices and types
 * valid? Engines check this before any call into the solver library. */
int cu_lp_is_sane(const cu_lp *lp);
/* Write CPLEX LP / free MPS. */
int cu_lp_write(const cu_lp *lp, int format, cu_buf *out);
/* Before an LP is written for another solver (export.c): every cost,
 * coefficient and right-hand side finite, bounds finite or infinite on their
 * own side. Otherwise CURTAIL_ESOLVER naming the row or column: a non-finite
 * number is never written as 0. */
int cu_lp_check_finite(const cu_lp *lp, curtail_error *err);

#endif
