"""Read and check the kit tree: safe YAML, the typed model, the loaded project and its validation."""
