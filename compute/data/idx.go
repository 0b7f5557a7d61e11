package data

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The IDX format of LeCun et al. (1998), in which MNIST is distributed: a
// big-endian magic 0x0000TTNN, where TT is the element type (0x08: unsigned
// byte, the only type MNIST uses) and NN the number of dimensions, then NN
// big-endian uint32 sizes, then the elements in row-major order. MNIST label
// files have magic 0x00000801 (N labels), image files 0x00000803 (N×rows×cols).
const (
	idxUbyte    = 0x08
	maxIDXBytes = 1 << 30 // bound on the data read from one IDX file
)

// The four gzip-compressed IDX files of the MNIST distribution.
const (
	MNISTTrainImages = "train-images-idx3-ubyte.gz"
	MNISTTrainLabels = "train-labels-idx1-ubyte.gz"
	MNISTTestImages  = "t10k-images-idx3-ubyte.gz"
	MNISTTestLabels  = "t10k-labels-idx1-ubyte.gz"
)

// ReadIDX reads an uncompressed IDX file of unsigned bytes from r and returns
// its sizes and elements. If limit > 0 and the first size exceeds it, only
// the first limit items are read (and dims[0] = limit); the rest of r is left
// unread. It fails on an element type other than unsigned byte, no
// dimensions, a zero size, more than 2³⁰ elements, or truncated data.
func ReadIDX(r io.Reader, limit int) (dims []int, elems []byte, err error) {
	var magic [4]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil {
		return nil, nil, fmt.Errorf("data: reading IDX magic: %w", err)
	}
	if magic[0] != 0 || magic[1] != 0 || magic[2] != idxUbyte || magic[3] == 0 {
		return nil, nil, fmt.Errorf("data: IDX magic %#08x, want 0x000008NN (unsigned bytes, NN ≥ 1 dimensions)",
			binary.BigEndian.Uint32(magic[:]))
	}
	raw := make([]byte, 4*int(magic[3]))
	if _, err := io.ReadFull(r, raw); err != nil {
		return nil, nil, fmt.Errorf("data: reading IDX sizes: %w", err)
	}
	dims = make([]int, magic[3])
	total := 1
	for i := range dims {
		dims[i] = int(binary.BigEndian.Uint32(raw[4*i:]))
		if i == 0 && limit > 0 && dims[0] > limit {
			dims[0] = limit
		}
		if dims[i] == 0 || total > maxIDXBytes/dims[i] {
			return nil, nil, fmt.Errorf("data: IDX sizes %v: zero, or more than %d elements", dims[:i+1], maxIDXBytes)
		}
		total *= dims[i]
	}
	elems, err = io.ReadAll(io.LimitReader(r, int64(total)))
	if err != nil {
		return nil, nil, fmt.Errorf("data: reading IDX data: %w", err)
	}
	if len(elems) != total {
		return nil, nil, fmt.Errorf("data: IDX data truncated: %d bytes, want %d for sizes %v", len(elems), total, dims)
	}
	return dims, elems, nil
}

// ReadIDXDigits reads the first n images and labels (all of them if n is 0)
// from uncompressed IDX image (magic 0x00000803) and label (0x00000801)
// files. It fails if either file is malformed, if they hold fewer than n or
// different numbers of items, or if a label is above 9.
func ReadIDXDigits(images, labels io.Reader, n int) (DigitImages, error) {
	idims, pixels, err := ReadIDX(images, n)
	if err != nil {
		return DigitImages{}, fmt.Errorf("%w, in the image file", err)
	}
	ldims, labs, err := ReadIDX(labels, n)
	if err != nil {
		return DigitImages{}, fmt.Errorf("%w, in the label file", err)
	}
	switch {
	case len(idims) != 3 || len(ldims) != 1:
		return DigitImages{}, fmt.Errorf("data: IDX images of sizes %v and labels of sizes %v, want 3 and 1 dimensions", idims, ldims)
	case idims[0] != ldims[0]:
		return DigitImages{}, fmt.Errorf("data: %d IDX images but %d labels", idims[0], ldims[0])
	case n > 0 && idims[0] < n:
		return DigitImages{}, fmt.Errorf("data: asked for %d IDX digits, the files hold %d", n, idims[0])
	}
	d := DigitImages{Rows: idims[1], Cols: idims[2], Labels: labs, Pixels: pixels}
	if err := d.check(); err != nil {
		return DigitImages{}, err
	}
	return d, nil
}

// ReadMNIST reads the first nTrain training and nTest test digits from the
// four gzip-compressed IDX files of the MNIST distribution (MNISTTrainImages
// and the other three) in dir. It fails if a file is missing or malformed or
// holds too few digits.
func ReadMNIST(dir string, nTrain, nTest int) (DigitsAsset, error) {
	train, err := readIDXDigitsFiles(filepath.Join(dir, MNISTTrainImages), filepath.Join(dir, MNISTTrainLabels), nTrain)
	if err != nil {
		return DigitsAsset{}, err
	}
	test, err := readIDXDigitsFiles(filepath.Join(dir, MNISTTestImages), filepath.Join(dir, MNISTTestLabels), nTest)
	if err != nil {
		return DigitsAsset{}, err
	}
	return DigitsAsset{Train: train, Test: test}, nil
}

// readIDXDigitsFiles opens and gunzips an image and a label file and reads
// n digits from them.
func readIDXDigitsFiles(images, labels string, n int) (d DigitImages, err error) {
	var r [2]io.Reader
	for i, name := range []string{images, labels} {
		f, err := os.Open(name)
		if err != nil {
			return DigitImages{}, fmt.Errorf("data: %w", err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return DigitImages{}, fmt.Errorf("data: %s: %w", name, err)
		}
		r[i] = zr
	}
	d, err = ReadIDXDigits(r[0], r[1], n)
	if err != nil {
		return DigitImages{}, fmt.Errorf("%w (reading %s and %s)", err, images, labels)
	}
	return d, nil
}
