"""Exercise checks, one module per notebook."""
