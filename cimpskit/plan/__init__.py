"""Jobs: campaign × municipality × format resolved into frozen render jobs, and the words around them."""
