"""Packaging: every Python package and data file ships in a non-editable install."""

import tomllib

from helpers import REPO


def _setuptools() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(_setuptools()["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "speechgen").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_templates_and_profiles_ship_as_package_data() -> None:
    config = _setuptools()
    assert config["package-dir"]["speechgen.builtin_templates"] == "templates"
    assert "profiles/*.yaml" in config["package-data"]["speechgen.layout"]
    assert (REPO / "templates" / "situation" / "manifest.yaml").is_file()
