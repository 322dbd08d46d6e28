"""The one-neuron model and its training: sigmoid, the losses and gradients (model), gradient descent
(descent), the one fit path (trainer), and the saved model file (model_file)."""
