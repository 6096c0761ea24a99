"""The register area's screens."""
