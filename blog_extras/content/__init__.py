"""Pure: what a post shows and what the site publishes about it (no MkDocs, no Material)."""
