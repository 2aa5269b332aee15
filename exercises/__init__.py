"""Municipal Partnership Lab: the Python package behind every lab notebook.

Each lab has a sub-package split the same way (see DESIGN.md):
``model`` (plain Python and pandas, no widgets), ``widget`` (ipywidgets UI that calls the model)
and ``tasks`` (the exercises: check / hint / solution). ``core`` holds what every lab shares.

Importing the package first checks that the kernel has the packages the labs need, so a trainee
on a half-installed kernel reads one line saying what to run, not a traceback.
"""

from importlib.util import find_spec

__version__ = "0.1.0"

_REQUIRED = ("ipywidgets", "pandas", "numpy", "matplotlib")


class MissingPackageError(ImportError):
    """A package the course needs is not installed in this kernel."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [str(self)]


def _check_requirements() -> None:
    missing = [name for name in _REQUIRED if find_spec(name) is None]
    if missing:
        from exercises.core.i18n import t  # the standard library only: safe to import here

        raise MissingPackageError(t("core.missing_packages", packages=", ".join(missing)), name=missing[0])


_check_requirements()
