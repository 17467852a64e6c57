"""What authors run: post checks, new posts, view-count snapshots, link checks."""
