"""Every Kubernetes manifest in the book, found and validated against pinned schemas.

* :mod:`.extract` finds the YAML blocks of a MyST page (also inside directives) with their
  lines, names and the page's front matter;
* :mod:`.schemas` reads the vendored CRD schemas (``tests/manifest-schemas/``) and their
  sources, and writes new ones (``python -m book_tools.manifests vendor``);
* :mod:`.check` validates each document: built-in kinds with ``kubernetes-validate`` at the
  Kubernetes version the page states, custom kinds against the CRD schema of the project version
  the page states; a problem names the file, line, document and field.
"""
