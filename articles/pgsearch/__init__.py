"""The PostgreSQL search engine (``ARSIP_SEARCH_BACKEND=postgres``): the contract of ``articles.search.backends`` over
tsvector columns in the database (``models.SearchDocument``), so that any number of web nodes and a streaming replica
serve one archive with no index to keep in step.

The analysis is the Whoosh index's (``search.schema``: our Sastrawi stems, exact words), written into tsvectors with no
PostgreSQL dictionary at all, so that ``penangkapan`` finds ``ditangkap`` exactly as there; the query is the same
parsed tree (``search.query``), translated to SQL (``sql.py``).
"""
