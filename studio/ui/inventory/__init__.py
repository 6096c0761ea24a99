"""The inventory area's screens."""
