project = "Landscape test"
extensions = ["landscape_directive", "myst_parser"]
landscape_data = "_data/landscape.yaml"
nitpicky = True
exclude_patterns = ["_build"]
