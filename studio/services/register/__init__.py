"""The register area's public face (being built)."""
