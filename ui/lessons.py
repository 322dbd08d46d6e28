"""The app's pages as plain data (no Streamlit here): app.py routes with it; tests and benchmarks
iterate over it."""

HOME = "pages/home.py"  # the default page, served at the root URL

# (script, url path, emoji icon): the seed's nine sections in teaching order.
LESSONS = [
    ("pages/sigmoid.py", "sigmoid", "〰️"),
    ("pages/loss.py", "loss", "📉"),
    ("pages/surface.py", "surface", "🥣"),
    ("pages/descent.py", "descent", "⛷️"),
    ("pages/graph.py", "graph", "🕸️"),
    ("pages/vectorization.py", "vectorization", "⚡"),
    ("pages/broadcasting.py", "broadcasting", "📡"),
    ("pages/rank_one.py", "rank_one", "📏"),
    ("pages/cat_classifier.py", "cat_classifier", "🐱"),
]
