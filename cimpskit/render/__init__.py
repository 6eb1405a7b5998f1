"""Backends that draw a Scene: raster (Pillow) and vector PDF (reportlab)."""
