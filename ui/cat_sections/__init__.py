"""The cat classifier page's sections: photo in, prediction explained, inside the model, dataset
explorer, training and bringing your own data. The page script calls them top to bottom."""
