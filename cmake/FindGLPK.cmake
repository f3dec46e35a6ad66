# SPDX-License-Identifier: GPL-3.0-or-later
# Find GLPK: sets GLPK_FOUND, GLPK_INCLUDE_DIRS, GLPK_LIBRARIES.
find_path(GLPK_INCLUDE_DIR glpk.h)
find_library(GLPK_LIBRARY NAMES glpk)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(GLPK DEFAULT_MSG GLPK_LIBRARY GLPK_INCLUDE_DIR)
if(GLPK_FOUND)
  set(GLPK_INCLUDE_DIRS ${GLPK_INCLUDE_DIR})
  set(GLPK_LIBRARIES ${GLPK_LIBRARY})
endif()
mark_as_advanced(GLPK_INCLUDE_DIR GLPK_LIBRARY)
# The imported target GLPK::GLPK: what the exported static library names, so
# the installed package carries no absolute path (curtailConfig.cmake finds
# GLPK again on the consumer's machine).
if(GLPK_FOUND AND NOT TARGET GLPK::GLPK)
  add_library(GLPK::GLPK UNKNOWN IMPORTED)
  set_target_properties(GLPK::GLPK PROPERTIES
    IMPORTED_LOCATION "${GLPK_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${GLPK_INCLUDE_DIR}")
endif()
