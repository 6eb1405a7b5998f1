"""The guideline site and the citizen pages, as bytes: generated Markdown, CSS, HTML."""
