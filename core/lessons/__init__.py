"""Each lesson's math, one module per page (sigmoid, loss, descent, race, surface, graph, broadcasting,
rank_one, vectorization, explain for the cat page) plus shape_text for typed shapes."""
