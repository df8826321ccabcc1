"""Scripts that regenerate ``gazetteer/data`` from open data."""
