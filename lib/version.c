/* version.c — curtail_version_info: the versions of the library and of the
 * libraries it runs with (GLPK through solve_glpk.c, which alone sees GLPK). */
#include "solve.h"
#include "names.h"

#include <stdio.h>
#include <xlsxwriter.h>
#include <yaml.h>

int curtail_version_info(char *buf, size_t size)
{
    char clp[64] = "";
#ifdef CURTAIL_WITH_CLP
    /* Clp is loaded on the first --solver clp solve, not for this line */
    snprintf(clp, sizeof clp, ", Clp %s loaded on use", cu_clp_library());
#endif
    return snprintf(buf, size, "curtail %s (GLPK %s, libyaml %s, libxlsxwriter %s%s)",
                    curtail_version(), cu_glpk_version(), yaml_get_version_string(),
                    lxw_version(), clp);
}
