"""Everything a build makes from rendered pieces: cache, result, bundles, fichas, calendar, orders, the writer."""
