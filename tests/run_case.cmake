# SPDX-License-Identifier: GPL-3.0-or-later
# One data-driven case. DIR holds input.yaml and:
#   valid:   expected.json (the output of `curtail plan input.yaml`), and
#            optionally `args` (extra CLI arguments, one per line) and
#            `expected.exit` (default 0);
#   invalid: expected.err  (the exact first line on stderr; exit code 2).
# The CLI runs inside DIR so that messages name "input.yaml".
if(KIND STREQUAL "valid")
  set(cmd plan)
  set(extra "")
  if(EXISTS "${DIR}/args")
    file(STRINGS "${DIR}/args" extra)
  endif()
  if(EXISTS "${DIR}/command")
    file(STRINGS "${DIR}/command" cmd)
  endif()
  set(want_exit 0)
  if(EXISTS "${DIR}/expected.exit")
    file(STRINGS "${DIR}/expected.exit" want_exit)
  endif()
  execute_process(COMMAND ${CLI} ${cmd} input.yaml ${extra}
    WORKING_DIRECTORY ${DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE errout)
  if(NOT rc STREQUAL want_exit)
    message(FATAL_ERROR "exit ${rc}, expected ${want_exit}\n${errout}")
  endif()
  file(READ "${DIR}/expected.json" want)
  if(NOT out STREQUAL want)
    file(WRITE "${DIR}/actual.json.tmp" "${out}")
    message(FATAL_ERROR "output differs from expected.json (see ${DIR}/actual.json.tmp)")
  endif()
elseif(KIND STREQUAL "invalid")
  execute_process(COMMAND ${CLI} validate input.yaml
    WORKING_DIRECTORY ${DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE errout)
  if(NOT rc STREQUAL "2")
    message(FATAL_ERROR "exit ${rc}, expected 2\n${errout}")
  endif()
  # file(READ), not file(STRINGS): a ';' in a message must stay a ';'
  file(READ "${DIR}/expected.err" want)
  string(REGEX MATCH "^[^\n]*" want "${want}")
  string(REGEX MATCH "^[^\n]*" first "${errout}")
  if(NOT first STREQUAL want)
    message(FATAL_ERROR "stderr first line:\n  ${first}\nexpected:\n  ${want}")
  endif()
else()
  message(FATAL_ERROR "KIND must be valid or invalid")
endif()
