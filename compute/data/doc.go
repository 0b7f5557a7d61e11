// Package data generates and loads the datasets that Overparam's experiments
// train on: Gaussian mixtures (Sagun's blobs), two moons and two circles,
// teacher–student regression with a small ReLU teacher, label noise, and a
// reproducible subset of the MNIST handwritten digits.
//
// # Conventions
//
// Every dataset is a [Set]: N samples of dimension Dim, row-major in X. A
// classification set has Classes ≥ 2 and Labels in [0, Classes); a regression
// set has Classes = 0, Out ≥ 1 and Targets. Generators return a [Split], a
// training and a test set drawn independently from the same distribution.
//
// Each generator takes a Settings struct whose zero fields mean the
// documented default, with a WithDefaults method that fills them in and a
// Validate method whose errors name the field and its allowed range. A
// generator returns an error (never panics) when its settings are invalid;
// methods that only a programmer can misuse (an index out of range, a shape
// mismatch) panic with a message prefixed "data:".
//
// Randomness comes only from [rng] streams: sample inputs, labels and noise
// from [rng.Data], teacher weights from [rng.Teacher], and corrupted labels
// from [rng.LabelNoise]. The draws use only arithmetic that is correctly
// rounded or pure Go on every platform (math.Sqrt, math.Sin, math.Cos,
// math.Acos and the [fmath]-based [rng.Normal]), so the same settings give the
// same bits natively and in js/wasm. The order of the draws is documented on
// each generator and is part of the reproducibility contract of shared links.
//
// Inputs are in natural units: the mixture and teacher inputs are standard
// normal per coordinate, the 2-D shapes have unit radius, and digit pixels are
// intensities scaled to [0, 1].
//
// # References
//
//   - Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning
//     applied to document recognition", Proc. IEEE 86(11), 1998: the MNIST
//     digits and their IDX file format. The asset holds the first 10,000
//     training and first 2,000 test digits of the original distribution.
//   - scikit-learn, sklearn.datasets.make_moons and make_circles (factor 0.5):
//     the shapes of the two-moons and two-circles sets.
//   - L. Sagun, L. Bottou and Y. LeCun, "Eigenvalues of the Hessian in Deep
//     Learning: Singularity and Beyond", 2016: Gaussian blobs whose number of
//     classes and separation shape the outliers of the Hessian spectrum.
//   - A. Shevchenko and M. Mondelli, "Landscape Connectivity and Dropout
//     Stability of SGD Solutions for Over-parameterized Neural Networks",
//     ICML 2020: the mean-field two-layer teacher–student setup; the default
//     teacher has 4 ReLUs in d = 10.
//   - Y. Cho and L. K. Saul, "Kernel methods for deep learning", NIPS 2009:
//     the degree-1 arc-cosine kernel, which gives the teacher's output
//     variance in closed form.
//   - X. Gu, X. Zheng and T. Aste, "Unraveling the Enigma of Double Descent:
//     An In-depth Analysis through the Lens of Learned Feature Space", 2023:
//     symmetric label noise (each corrupted label uniform over the other
//     classes) on MNIST.
package data
