"""The distribution has a name of its own, and the README installs from the checkout.

``provenance`` on the public package index is an unrelated caching library: a README line
``pip install 'provenance[scale]'`` installed that instead of this project.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_distribution_name_is_our_own_and_the_command_and_package_stay() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "provenance-tracer"
    assert project["scripts"] == {"provenance": "provenance.cli:main"}
    assert (REPO / "provenance" / "__init__.py").is_file()


def test_readme_installs_only_from_the_checkout() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    installs = re.findall(r"pip install ([^`\n]*)", readme)
    assert installs
    for args in installs:
        targets = [a.strip("'\"") for a in args.split("&&")[0].split() if not a.startswith("-")]
        assert all(t.startswith(".") for t in targets), args  # ".", ".[test]", ".[scale]"
