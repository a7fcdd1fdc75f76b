"""The installed distribution's metadata, as `pip show` and a licence scanner read it: the workspace's version,
licence and repository (Cargo.toml), and the licence texts, which MIT and Apache-2.0 both require with every
copy of the software."""

import importlib.metadata
import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

DIST = importlib.metadata.distribution("bc-invoice")


def workspace_package():
    # The flat `key = "value"` lines of Cargo.toml's [workspace.package] (tomllib would need Python 3.11).
    section = (ROOT / "Cargo.toml").read_text().split("\n[workspace.package]\n", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r'^([\w-]+) = "([^"]*)"$', section, re.M))


def test_the_version_is_the_crates():
    assert DIST.version == workspace_package()["version"]


def test_the_module_has_its_version():
    import bc_invoice

    assert bc_invoice.__version__ == DIST.version == workspace_package()["version"]
    assert bc_invoice._native.__version__ == bc_invoice.__version__


def test_the_licence_is_the_workspaces_as_an_spdx_expression():
    assert DIST.metadata["License-Expression"] == workspace_package()["license"] == "MIT OR Apache-2.0"


def test_the_licence_texts_are_in_the_wheel_and_are_the_repositorys():
    names = DIST.metadata.get_all("License-File") or []
    assert sorted(names) == ["LICENSE-APACHE", "LICENSE-MIT"]
    for name in names:
        shipped = DIST.read_text(f"licenses/{name}")
        assert shipped is not None, name
        assert shipped == (ROOT / name).read_text(), name
        # The package's copy, which the wheel is built from, is the root's too.
        assert (ROOT / "crates/bc-invoice-py" / name).read_text() == (ROOT / name).read_text(), name


def test_the_repository_is_named():
    urls = DIST.metadata.get_all("Project-URL") or []
    assert f"Repository, {workspace_package()['repository']}" in urls


def test_python_and_dependencies():
    assert DIST.metadata["Requires-Python"] == ">=3.9"
    # typing_extensions, for the TypedDicts pydantic takes, on the Pythons before 3.12 only.
    (requirement,) = map(Requirement, DIST.requires or [])
    assert (canonicalize_name(requirement.name), str(requirement.specifier)) == ("typing-extensions", ">=4.7")
    assert requirement.marker is not None
    assert requirement.marker.evaluate({"python_full_version": "3.11.7", "python_version": "3.11"})
    assert not requirement.marker.evaluate({"python_full_version": "3.12.0", "python_version": "3.12"})
