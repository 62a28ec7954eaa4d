project = "Landscape misuse test"
extensions = ["landscape_directive"]
landscape_data = "_data/landscape.yaml"
landscape_export = "yes"  # not a boolean: a warning, then the default (True)
exclude_patterns = ["_build"]
