"""Validate reporters: one module per format, each with `report(result, out)`."""
