"""Municipal Partnership Lab: the Python package behind every lab notebook.

Each lab has a sub-package split the same way (see DESIGN.md):
``model`` (plain Python and pandas, no widgets), ``widget`` (ipywidgets UI that calls the model)
and ``tasks`` (the exercises: check / hint / solution). ``core`` holds what every lab shares.
"""

__version__ = "0.1.0"
