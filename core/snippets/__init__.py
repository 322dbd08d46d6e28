"""Each page's "Reproduce" script: plain NumPy text a student can copy and run, one module per page."""
