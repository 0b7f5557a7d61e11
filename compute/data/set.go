package data

// Set is a dataset held in memory: N samples of dimension Dim, stored row-major
// in X (sample i is X[i*Dim : (i+1)*Dim]).
//
// A classification set has Classes ≥ 2 and one label per sample in Labels,
// each in [0, Classes). A regression set has Classes = 0 and Out target values
// per sample in Targets, row-major like X. Label noise, when applied, is
// recorded in Noisy (which samples were relabelled) and Original (their labels
// before relabelling), so a page can show which points are mislabelled.
//
// The zero Set is an empty dataset.
type Set struct {
	X   []float64
	N   int
	Dim int

	Classes int
	Labels  []int

	Out     int
	Targets []float64

	Noisy    []bool
	Original []int
}

// Split is a training set and a test set drawn from the same distribution.
type Split struct {
	Train, Test Set
}

// Row returns sample i's input, a view into X.
func (s *Set) Row(i int) []float64 { return s.X[i*s.Dim : (i+1)*s.Dim] }

// OutDim returns the width of the network output the set calls for: the
// number of classes for classification, Out for regression.
func (s *Set) OutDim() int {
	if s.Classes > 0 {
		return s.Classes
	}
	return s.Out
}

// OneHot returns the N×Classes one-hot encoding of Labels, the regression
// targets of a classification set under squared loss.
func (s *Set) OneHot() []float64 {
	y := make([]float64, s.N*s.Classes)
	for i, c := range s.Labels {
		y[i*s.Classes+c] = 1
	}
	return y
}
