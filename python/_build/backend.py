# SPDX-License-Identifier: GPL-3.0-or-later
"""A PEP 517 build backend in the standard library only, so that
`pip install ./python` needs no network: pip's isolated build environment
would otherwise have to download setuptools. The package is pure Python
(ctypes over libcurtail), so a wheel is a zip of curtail/ plus metadata."""
import base64
import hashlib
import io
import os
import tarfile
import zipfile

NAME = "curtail"
VERSION = "0.1.0"
TAG = "py3-none-any"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST_INFO = "%s-%s.dist-info" % (NAME, VERSION)


def _metadata():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n"
            "Summary: Heavy-pollution emergency reduction lists and episode schedules "
            "(ctypes binding of libcurtail)\n"
            "License: GPL-3.0-or-later\nRequires-Python: >=3.8\n"
            "Provides-Extra: pandas\nRequires-Dist: pandas; extra == \"pandas\"\n"
            "Description-Content-Type: text/markdown\n\n%s" % (NAME, VERSION, readme))


def _package_files():
    out = []
    for d, dirs, files in os.walk(os.path.join(ROOT, NAME)):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for f in sorted(files):
            if f.endswith(".py"):
                full = os.path.join(d, f)
                out.append((os.path.relpath(full, ROOT).replace(os.sep, "/"), full))
    return out


def _write_wheel(wheel_directory, entries):
    """entries: [(archive name, bytes)]; adds WHEEL, METADATA and RECORD."""
    entries = list(entries) + [
        (DIST_INFO + "/METADATA", _metadata().encode("utf-8")),
        (DIST_INFO + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: curtail-backend\n"
                                "Root-Is-Purelib: true\nTag: %s\n" % TAG).encode()),
    ]
    record = []
    name = "%s-%s-%s.whl" % (NAME, VERSION, TAG)
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in entries:
            z.writestr(zipfile.ZipInfo(arc, (1980, 1, 1, 0, 0, 0)), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append("%s,sha256=%s,%d" % (arc, digest.decode(), len(data)))
        record.append(DIST_INFO + "/RECORD,,")
        z.writestr(zipfile.ZipInfo(DIST_INFO + "/RECORD", (1980, 1, 1, 0, 0, 0)),
                   "\n".join(record) + "\n")
    return name


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = []
    for arc, full in _package_files():
        with open(full, "rb") as f:
            files.append((arc, f.read()))
    return _write_wheel(wheel_directory, files)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """pip install -e: a .pth file pointing at this directory."""
    return _write_wheel(wheel_directory, [(NAME + ".pth", (ROOT + "\n").encode())])


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (NAME, VERSION)
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as t:
        for rel in ["pyproject.toml", "README.md", "_build/backend.py"] + \
                [arc for arc, _ in _package_files()]:
            t.add(os.path.join(ROOT, rel), arcname=base + "/" + rel)
        pkg_info = _metadata().encode("utf-8")
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(pkg_info)
        t.addfile(info, io.BytesIO(pkg_info))
    return name
