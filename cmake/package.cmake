# SPDX-License-Identifier: GPL-3.0-or-later
# Debian packages with CPack (`cpack -G DEB` in the build tree), split the
# Debian way by install component:
#   libcurtail<SOVERSION>  runtime: the shared library (libcurtail.so.0.1 → libcurtail0.1)
#   libcurtail-dev         dev: header, static library, the .so link, curtail.pc,
#                          the CMake package (needs libglpk-dev, libyaml-dev)
#   curtail                cli: the program (linked statically with libcurtail) and
#                          the JSON Schemas under share/curtail/
# Dependencies on the C library, GLPK and libyaml come from dpkg-shlibdeps.
# Release packages are built with -DCURTAIL_WITH_CLP=OFF (NOTICE: a build with
# Clp combines GPL and EPL code and must not be redistributed). Such a build
# does not link Clp (lib/solve_clp.c dlopen()s it on use): its packages
# recommend Clp's runtime library, and the -dev package needs no Clp.
set(CURTAIL_PACKAGE_MAINTAINER "curtail maintainers <curtail@localhost>"
  CACHE STRING "Maintainer field of the Debian packages")

set(CPACK_PACKAGE_NAME curtail)
set(CPACK_PACKAGE_VENDOR "curtail")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${CURTAIL_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "heavy-pollution emergency reduction lists by linear programming")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime dev cli)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/curtail")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(_curtail_clp_note "")
if(CURTAIL_WITH_CLP)
  set(_curtail_clp_note "\nThis build loads COIN-OR Clp (EPL) beside GLPK (GPL) for --solver clp: for own\nuse only, not for redistribution (see copyright).")
  message(STATUS "curtail: built with Clp; packages of this build are not redistributable (NOTICE)")
endif()

set(_lib_pkg "libcurtail${CURTAIL_SOVERSION}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "${_lib_pkg}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON) # the runtime package's shlibs file
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=") # the soname carries the ABI
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "Shared library. libcurtail turns a county's list of polluting enterprises into a\nthree-level emergency reduction plan and hour-by-hour episode schedules,\nchosen by a linear program (GLPK).${_curtail_clp_note}")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libcurtail-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(_dev_depends "libglpk-dev, libyaml-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${_dev_depends}")
if(CURTAIL_WITH_CLP)
  # dlopen()ed, so dpkg-shlibdeps does not see it: --solver clp needs it
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "coinor-libclp1")
  set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS "coinor-libclp1")
endif()
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "Development files: the header curtail.h, the static library, curtail.pc for pkg-config and\nthe CMake package (find_package(curtail): curtail::curtail,\ncurtail::curtail_static).${_curtail_clp_note}")
set(CPACK_DEBIAN_CLI_PACKAGE_NAME curtail)
set(CPACK_DEBIAN_CLI_DESCRIPTION
  "Command line: curtail validate|plan|schedule|export|policy, and the JSON Schemas of the\nscenario and of the outputs in /usr/share/curtail.${_curtail_clp_note}")

# /usr/share/doc/<package>/copyright in each package (GENERATE_SHLIBS above
# also gives the runtime package its ldconfig postinst)
set(_copyright "${CMAKE_CURRENT_BINARY_DIR}/debian-copyright")
file(READ "${CMAKE_CURRENT_SOURCE_DIR}/NOTICE" _notice)
file(WRITE "${_copyright}" "${_notice}\nOn Debian systems the complete text of the GNU General Public License\nversion 3 is in /usr/share/common-licenses/GPL-3.\n")
install(FILES "${_copyright}" DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${_lib_pkg}
  RENAME copyright COMPONENT runtime EXCLUDE_FROM_ALL)
install(FILES "${_copyright}" DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/libcurtail-dev
  RENAME copyright COMPONENT dev EXCLUDE_FROM_ALL)
install(FILES "${_copyright}" DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/curtail
  RENAME copyright COMPONENT cli EXCLUDE_FROM_ALL)

include(CPack)
