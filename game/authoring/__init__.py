"""Tools for writers: lint, explore, graph, stats, playtests. All read the one loader's Story."""
