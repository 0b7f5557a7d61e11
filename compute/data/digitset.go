package data

import (
	"errors"
	"fmt"

	"github.com/overparam/overparam/compute/rng"
)

// DigitsSettings selects a random subset of the digits asset. Zero fields
// mean the defaults given below.
type DigitsSettings struct {
	// Train is the number of training digits, 1…10,000 (default 1,000),
	// drawn without replacement from the asset's training digits.
	Train int
	// Test is the number of test digits, 1…2,000 (default 500), drawn without
	// replacement from the asset's test digits.
	Test int
	// Size is the side of the images the sets hold: 28, MNIST's own
	// resolution (the default), or 14, each pixel the mean of a 2×2 block.
	Size int
	// Seed selects the random streams; every value, including 0, is a seed.
	Seed uint64
}

// Defaults and bounds of DigitsSettings.
const (
	defaultDigitsTrain = 1000
	defaultDigitsTest  = 500
	defaultDigitsSize  = 28
)

// MaxDigitsTrain and MaxDigitsTest are the training and test digits the
// bundled asset holds (the first 10,000 and 2,000 of MNIST's): the most a
// DigitsSettings may ask for.
const (
	MaxDigitsTrain = 10_000
	MaxDigitsTest  = 2_000
)

// WithDefaults returns s with every zero field replaced by its default.
func (s DigitsSettings) WithDefaults() DigitsSettings {
	s.Train = orDefault(s.Train, defaultDigitsTrain)
	s.Test = orDefault(s.Test, defaultDigitsTest)
	s.Size = orDefault(s.Size, defaultDigitsSize)
	return s
}

// Validate returns an error naming every field of s that is out of range,
// or nil. Zero fields are valid: they mean the default.
func (s DigitsSettings) Validate() error {
	const typ = "DigitsSettings"
	var size error
	if s.Size != 0 && s.Size != 14 && s.Size != 28 {
		size = fmt.Errorf("data: DigitsSettings.Size = %d, want 28 or 14 (0 means 28)", s.Size)
	}
	return errors.Join(
		intField(typ, "Train", s.Train, 1, MaxDigitsTrain, defaultDigitsTrain),
		intField(typ, "Test", s.Test, 1, MaxDigitsTest, defaultDigitsTest),
		size,
	)
}

// Digits decodes a digits asset (see [DecodeDigits]) and draws a subset from
// it with [DigitsAsset.Sample]. It returns an error if the asset is malformed
// or the settings are invalid or ask for more digits than the asset holds.
func Digits(asset []byte, s DigitsSettings) (Split, error) {
	if err := s.Validate(); err != nil {
		return Split{}, err
	}
	a, err := DecodeDigits(asset)
	if err != nil {
		return Split{}, err
	}
	return a.Sample(s)
}

// Sample draws s.Train training digits and s.Test test digits, uniformly
// without replacement, from the asset's training and test collections, and
// returns them as 10-class sets with Dim = Size² inputs: intensities scaled
// to [0, 1] (pixel/255), or for Size 14 the mean of each 2×2 block,
// (p₀ + p₁ + p₂ + p₃)/1020. Samples come in the random order in which they
// were drawn.
//
// The draws come from stream rng.Data of s.Seed: first the training indices
// by a partial Fisher–Yates shuffle of the training collection, then the
// test indices in the same way.
//
// Sample returns an error if s is invalid, if the images are not square with
// side Size or 2·Size, or if a collection holds fewer digits than requested.
func (a *DigitsAsset) Sample(s DigitsSettings) (Split, error) {
	if err := s.Validate(); err != nil {
		return Split{}, err
	}
	s = s.WithDefaults()
	rows, cols := a.Train.Rows, a.Train.Cols
	if rows != cols || (rows != s.Size && rows != 2*s.Size) {
		return Split{}, fmt.Errorf("data: DigitsSettings.Size = %d cannot be made from %d×%d images", s.Size, rows, cols)
	}
	if a.Train.Len() < s.Train || a.Test.Len() < s.Test {
		return Split{}, fmt.Errorf("data: asked for %d training and %d test digits, the asset holds %d and %d",
			s.Train, s.Test, a.Train.Len(), a.Test.Len())
	}
	r := rng.New(s.Seed, rng.Data)
	train := a.Train.set(choose(r, a.Train.Len(), s.Train), s.Size)
	test := a.Test.set(choose(r, a.Test.Len(), s.Test), s.Size)
	return Split{Train: train, Test: test}, nil
}

// ParseDigits decodes a digits asset (see [DecodeDigits]) and returns all of
// its digits at full resolution as 10-class sets, intensities scaled to
// [0, 1]. It returns an error, never panics, for any malformed input.
func ParseDigits(gz []byte) (train, test Set, err error) {
	a, err := DecodeDigits(gz)
	if err != nil {
		return Set{}, Set{}, err
	}
	return a.Train.set(nil, a.Train.Rows), a.Test.set(nil, a.Test.Rows), nil
}

// set converts the images idx (all images if idx is nil) to a 10-class set
// of side×side inputs. side is Rows, or Rows/2 for 2×2 average pooling; any
// other value panics.
func (d *DigitImages) set(idx []int, side int) Set {
	if idx == nil {
		idx = make([]int, d.Len())
		for i := range idx {
			idx[i] = i
		}
	}
	var dim int
	switch {
	case side == d.Rows:
		dim = d.Rows * d.Cols
	case 2*side == d.Rows && d.Rows == d.Cols:
		dim = side * side
	default:
		panic("data: digit side must be Rows or Rows/2")
	}
	s := newClassSet(len(idx), dim, digitClasses, make([]int, len(idx)))
	for k, i := range idx {
		s.Labels[k] = int(d.Labels[i])
		if dim == d.Rows*d.Cols {
			scaleTo(s.Row(k), d.Image(i))
		} else {
			PoolTo(s.Row(k), d.Image(i), d.Rows)
		}
	}
	return s
}

// scaleTo sets dst[i] = src[i]/255.
func scaleTo(dst []float64, src []uint8) {
	for i, p := range src {
		dst[i] = float64(p) / 255
	}
}

// PoolTo writes into dst the 2×2 average pooling of the side×side image img,
// scaled to [0, 1]: dst[i·h + j] = (img[2i][2j] + img[2i][2j+1] +
// img[2i+1][2j] + img[2i+1][2j+1]) / (4·255), h = side/2. It panics if side
// is odd or the lengths are not side² and (side/2)².
func PoolTo(dst []float64, img []uint8, side int) {
	h := side / 2
	if side%2 != 0 || len(img) != side*side || len(dst) != h*h {
		panic("data: PoolTo shape mismatch")
	}
	for i := 0; i < h; i++ {
		top, bot := img[2*i*side:], img[(2*i+1)*side:]
		for j := 0; j < h; j++ {
			sum := int(top[2*j]) + int(top[2*j+1]) + int(bot[2*j]) + int(bot[2*j+1])
			dst[i*h+j] = float64(sum) / (4 * 255)
		}
	}
}
