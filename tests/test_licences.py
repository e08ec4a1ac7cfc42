"""briefer is MIT: everything it installs must be under a permissive licence.

Walks the installed dependency closure of the `briefer` distribution (requirements whose
markers hold here, without extras) and names each package whose licence, as its metadata
declares it (License-Expression, License, or the classifiers), is not a permissive one.
"""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement

PERMISSIVE = {
    "MIT",
    "BSD-2-CLAUSE",
    "BSD-3-CLAUSE",
    "APACHE-2.0",
    "PSF-2.0",
    "ISC",
    "CNRI-PYTHON",
    "0BSD",
    "UNLICENSE",
    "PUBLIC DOMAIN",
}
# The common spellings of those licences in License fields and classifiers.
SPELLINGS = {
    "MIT LICENSE": "MIT",
    "THE MIT LICENSE": "MIT",
    "MIT LICENCE": "MIT",
    "EXPAT": "MIT",
    "BSD": "BSD-3-CLAUSE",
    "BSD LICENSE": "BSD-3-CLAUSE",
    "NEW BSD": "BSD-3-CLAUSE",
    "NEW BSD LICENSE": "BSD-3-CLAUSE",
    "MODIFIED BSD": "BSD-3-CLAUSE",
    "BSD-3": "BSD-3-CLAUSE",
    "3-CLAUSE BSD": "BSD-3-CLAUSE",
    "BSD 3-CLAUSE": "BSD-3-CLAUSE",
    "BSD 3-CLAUSE LICENSE": "BSD-3-CLAUSE",
    "BSD-2": "BSD-2-CLAUSE",
    "BSD 2-CLAUSE": "BSD-2-CLAUSE",
    "2-CLAUSE BSD": "BSD-2-CLAUSE",
    "SIMPLIFIED BSD": "BSD-2-CLAUSE",
    "THE BSD 2-CLAUSE LICENSE": "BSD-2-CLAUSE",
    "APACHE": "APACHE-2.0",
    "APACHE 2": "APACHE-2.0",
    "APACHE 2.0": "APACHE-2.0",
    "APACHE-2": "APACHE-2.0",
    "APACHE LICENSE 2.0": "APACHE-2.0",
    "APACHE LICENSE, VERSION 2.0": "APACHE-2.0",
    "APACHE SOFTWARE LICENSE": "APACHE-2.0",
    "PSF": "PSF-2.0",
    "PSFL": "PSF-2.0",
    "PYTHON SOFTWARE FOUNDATION LICENSE": "PSF-2.0",
    "ISC LICENSE": "ISC",
    "ISC LICENSE (ISCL)": "ISC",
    "THE UNLICENSE": "UNLICENSE",
    "THE UNLICENSE (UNLICENSE)": "UNLICENSE",
    "PUBLIC DOMAIN": "PUBLIC DOMAIN",
    "CC0-1.0": "PUBLIC DOMAIN",
}
_CLASSIFIER = "License :: OSI Approved :: "
_OPERATORS = re.compile(r"\s+(?:AND|OR|WITH)\s+|[()]")


def closure(name: str) -> dict[str, metadata.Distribution]:
    """`name` and every distribution it requires, installed, without extras."""
    found: dict[str, metadata.Distribution] = {}
    pending = [name]
    while pending:
        key = canonical(pending.pop())
        if key in found:
            continue
        found[key] = metadata.distribution(key)
        for line in found[key].requires or ():
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licences(distribution: metadata.Distribution) -> set[str]:
    """The licences a distribution declares, normalised: every part of an SPDX expression
    (all of them must be permissive, whatever the operator), else the License field, else
    the classifiers."""
    meta = distribution.metadata
    expression = meta.get("License-Expression")
    if expression:
        return {normalised(part) for part in _OPERATORS.split(expression) if part.strip()}
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) < 80:  # a name, not the licence's whole text
        return {normalised(field)}
    classifiers = {
        normalised(line.removeprefix(_CLASSIFIER))
        for line in meta.get_all("Classifier") or ()
        if line.startswith("License ::")
    }
    return classifiers or ({normalised(field.splitlines()[0])} if field else {"UNKNOWN"})


def normalised(name: str) -> str:
    name = name.strip().rstrip(".").removeprefix("License :: ").upper()
    return SPELLINGS.get(name, name)


def test_every_installed_dependency_has_a_permissive_licence():
    installed = closure("briefer")
    assert "textual" in installed and "justext" in installed  # the walk reached the dependencies
    refused = {
        name: sorted(found - PERMISSIVE)
        for name, distribution in installed.items()
        if name != "briefer" and (found := licences(distribution)) - PERMISSIVE
    }
    assert refused == {}


def test_a_copyleft_licence_is_refused_whatever_its_spelling():
    assert normalised("MPL-2.0") not in PERMISSIVE
    assert normalised("GNU General Public License v3 (GPLv3)") not in PERMISSIVE
    assert normalised("Mozilla Public License 2.0 (MPL 2.0)") not in PERMISSIVE
    assert {normalised("BSD License"), normalised("MIT License"), normalised("Apache-2.0")} <= PERMISSIVE
