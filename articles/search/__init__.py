"""Search: the only package that imports whoosh. query.py and schema.py are plain Python; the rest reads Django."""
