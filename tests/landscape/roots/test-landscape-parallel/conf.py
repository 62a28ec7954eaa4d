project = "Landscape parallel build with bad data"
extensions = ["landscape_directive"]
landscape_data = "_data/landscape.yaml"
exclude_patterns = ["_build"]


def _note_merge(app, env, docnames, other):
    """Record each chunk merged from a parallel reader (the test checks there were several)."""
    app.__dict__.setdefault("merged_chunks", []).append(sorted(docnames))


def setup(app):
    app.connect("env-merge-info", _note_merge)
