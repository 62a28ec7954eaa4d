project = "Landscape explorer test"
extensions = ["landscape_directive"]
landscape_data = "_data/landscape.yaml"
locale_dirs = ["locales"]
gettext_compact = False
nitpicky = True
exclude_patterns = ["_build"]
