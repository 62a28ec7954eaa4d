project = "Landscape invalid data test"
extensions = ["landscape_directive"]
# each test points this at one of the files in _data/ (all of them have one error, marked
# with "# error" on the line the message must name)
landscape_data = "_data/unknown-category.yaml"
nitpicky = True
exclude_patterns = ["_build"]
