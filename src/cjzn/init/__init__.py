"""Starting out: the filing skeleton, the JSON Schema for editors, the guide to read, the repo scaffold."""
