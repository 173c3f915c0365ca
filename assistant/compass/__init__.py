"""compass stage."""
