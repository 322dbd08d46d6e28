"""Figure builders: one module per topic; pages hand them arrays and get plotly figures back."""
