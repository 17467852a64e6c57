"""Pure: the finished pages' HTML (policy, accessibility fixes) and images."""
