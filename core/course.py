"""The course's facts in one typed place: the photos' shape, the data set's counts, the reference
training run and its scores, and the decision threshold. Every other module imports them from here.

The numbers are the course's (Deep Learning Specialization, course 1, week 2: logistic regression
as a neural network on the cat/non-cat set); tests/core/test_course_numbers.py checks them against
the data set and the shipped model.
"""

from typing import Final

IMAGE_SIZE: Final = 64  # the course's photos are 64×64 RGB
CHANNELS: Final = 3  # red, green, blue
IMAGE_SHAPE: Final = (IMAGE_SIZE, IMAGE_SIZE, CHANNELS)  # one photo as the course stores it
N_X: Final = IMAGE_SIZE * IMAGE_SIZE * CHANNELS  # 12288 inputs: one photo flattened to a column
PIXEL_MAX: Final = 255.0  # uint8 pixels are divided by this to land in [0, 1]
CLASSES: Final = ("non-cat", "cat")  # index = the label, as the course's list_classes

M_TRAIN: Final = 209  # photos in the course's training set
M_TEST: Final = 50  # photos in the course's test set
MAJORITY: Final = {"train": (137, M_TRAIN), "test": (33, M_TEST)}  # (majority count, m): 137 non-cats; 33 cats

THRESHOLD: Final = 0.5  # the course's rule: cat when p(cat) = σ(z) > 0.5, i.e. z > 0

LEARNING_RATE: Final = 0.005  # the course's α for the shipped model
ITERATIONS: Final = 2000  # the course's number of gradient-descent steps
COST_EVERY: Final = 100  # the course records (and prints) the cost every this many steps
TRAIN_ACCURACY: Final = 99.04306220095694  # percent: 207 of 209, the course's "train accuracy: 99.04…"
TEST_ACCURACY: Final = 70.0  # percent: 35 of 50
