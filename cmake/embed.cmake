# SPDX-License-Identifier: GPL-3.0-or-later
# Turn the file IN into a C source OUT defining cu_policy_default_yaml[].
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "(char)0x\\1," body "${hex}")
file(WRITE "${OUT}" "/* generated from policy_default.yaml; do not edit */\nconst char cu_policy_default_yaml[] = {${body}0x00};\n")
