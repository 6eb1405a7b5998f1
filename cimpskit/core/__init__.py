"""The base every layer stands on: errors, reports, the typeface, contrast math, QR codes and scene types."""
