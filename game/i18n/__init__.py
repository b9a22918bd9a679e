"""Translation: catalogs (lookup with English fallback), extraction, checks."""
