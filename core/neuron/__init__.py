"""The one-neuron model and its training: sigmoid, loss and gradients (model), gradient descent
(descent), and the saved model file (model_file)."""
