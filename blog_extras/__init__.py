"""What this blog adds to Material for MkDocs' blog plugin.

The modules hold plain functions on plain data, testable without building a
site; ``plugin`` is the thin MkDocs adapter that feeds them the posts Material
already knows and hands the results to the templates in ``overrides/``.
"""
