"""Everything that speaks HTTP: request parameters in, pages and JSON out. The search itself is ``articles.search``,
the database reads ``articles.selectors``; the modules here convert between them and the web."""
