"""The Wix importer: captures, saved pages and feeds into posts."""
