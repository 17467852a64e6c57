"""Faster builds and previews: version-gated paths through MkDocs and Material."""
