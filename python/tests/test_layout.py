# SPDX-License-Identifier: GPL-3.0-or-later
"""The ctypes mirrors of python/curtail/_lib.py against include/curtail.h:
a C program compiled from the header prints every mirrored structure's
sizeof, each field's offsetof and size, its *_VERSION macro and the bytes of
its *_INIT initialiser; the binding must agree with all of them. Needs a C
compiler ($CC, else cc) and the header ($CURTAIL_INCLUDE, default
../../include)."""
import ctypes
import os
import shutil
import subprocess
import tempfile
import unittest

from curtail import _lib

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.environ.get("CURTAIL_INCLUDE", os.path.join(HERE, "..", "..", "include"))
CC = os.environ.get("CC") or "cc"

MIRRORS = [c for c in vars(_lib).values()
           if isinstance(c, type) and issubclass(c, ctypes.Structure) and "_c_name_" in vars(c)]


def c_program():
    out = ["#include <stddef.h>", "#include <stdio.h>", "#include <curtail.h>",
           "static void hex(const char *what, const void *p, size_t n) {",
           "    const unsigned char *b = p; size_t i;",
           "    printf(\"init %s \", what);",
           "    for (i = 0; i < n; i++) printf(\"%02x\", b[i]);",
           "    printf(\"\\n\");", "}", "int main(void) {"]
    for cls in MIRRORS:
        t = cls._c_name_
        out.append('    printf("sizeof %s %%zu\\n", sizeof(%s));' % (t, t))
        for f in cls._fields_:
            out.append('    printf("offsetof %s.%s %%zu %%zu\\n", offsetof(%s, %s), '
                       'sizeof(((%s *)0)->%s));' % (t, f[0], t, f[0], t, f[0]))
        if "_c_version_" in vars(cls):
            out.append('    printf("version %s %%u\\n", (unsigned)%s);' % (t, cls._c_version_))
        if "_c_init_" in vars(cls):
            out.append('    { static const %s x = %s; hex("%s", &x, sizeof x); }'
                       % (t, cls._c_init_, t))
    out += ["    return 0;", "}"]
    return "\n".join(out) + "\n"


def c_facts():
    with tempfile.TemporaryDirectory() as d:
        src, exe = os.path.join(d, "layout.c"), os.path.join(d, "layout")
        with open(src, "w") as f:
            f.write(c_program())
        subprocess.run([CC, "-std=c11", "-I", INCLUDE, src, "-o", exe], check=True)
        return subprocess.run([exe], check=True, stdout=subprocess.PIPE).stdout.decode().splitlines()


def py_facts():
    out = []
    for cls in MIRRORS:
        t = cls._c_name_
        out.append("sizeof %s %d" % (t, ctypes.sizeof(cls)))
        for f in cls._fields_:
            d = getattr(cls, f[0])
            out.append("offsetof %s.%s %d %d" % (t, f[0], d.offset, d.size))
        if "_c_version_" in vars(cls):
            out.append("version %s %d" % (t, cls.VERSION))
        if "_c_init_" in vars(cls):
            out.append("init %s %s" % (t, bytes(cls.init()).hex()))
    return out


@unittest.skipUnless(shutil.which(CC) and os.path.exists(os.path.join(INCLUDE, "curtail.h")),
                     "no C compiler or no include/curtail.h")
class TestLayout(unittest.TestCase):
    def test_mirrors_agree_with_the_header(self):
        c, py = c_facts(), py_facts()
        self.assertEqual(py, c)
        # the structures that grew with issues 9 and 10 are among those checked
        names = {cls._c_name_ for cls in MIRRORS}
        for t in ("curtail_enterprise_spec", "curtail_unit_spec", "curtail_rule",
                  "curtail_rule_scope", "curtail_write_options", "curtail_explain_options",
                  "curtail_combined_result"):
            self.assertIn(t, names)
        self.assertIn("version curtail_enterprise_spec 2", c)
        self.assertIn("version curtail_rule 2", c)
        self.assertIn("version curtail_write_options 3", c)


if __name__ == "__main__":
    unittest.main()
