package data

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The digits asset is a gzip stream (RFC 1952, no file name, zero
// modification time) whose payload is
//
//	offset  size          content
//	0       8             magic "OPDIGIT1"
//	8       4             nTrain, big-endian uint32
//	12      4             nTest
//	16      4             rows
//	20      4             cols
//	24      nTrain        training labels, one byte each, 0…9
//	…       nTrain·r·c    training pixels, image by image, row-major, 0…255
//	…       nTest         test labels
//	…       nTest·r·c     test pixels
//
// with nothing after the test pixels. Pixel intensities are MNIST's: 0 is
// background, 255 full ink.
const (
	// DigitsMagic opens the payload of a digits asset.
	DigitsMagic = "OPDIGIT1"
	// MaxDigitImages bounds nTrain and nTest in an asset.
	MaxDigitImages = 100_000
	// MaxDigitSide bounds rows and cols in an asset.
	MaxDigitSide = 64
	// MaxDigitsPayload bounds the payload length of an asset, 64 MiB: room
	// for all 70,000 MNIST digits, little enough for a browser tab.
	MaxDigitsPayload = 1 << 26

	digitsHeaderLen = len(DigitsMagic) + 4*4
	digitClasses    = 10
)

// DigitImages is a set of labelled greyscale images as stored in the digits
// asset: N = len(Labels) images of Rows×Cols 8-bit intensities.
type DigitImages struct {
	Rows, Cols int
	// Labels holds one digit 0…9 per image.
	Labels []uint8
	// Pixels holds N·Rows·Cols intensities 0…255, image by image, row-major.
	Pixels []uint8
}

// Len returns the number of images.
func (d *DigitImages) Len() int { return len(d.Labels) }

// Image returns the pixels of image i, a view into Pixels.
func (d *DigitImages) Image(i int) []uint8 {
	n := d.Rows * d.Cols
	return d.Pixels[i*n : (i+1)*n]
}

// DigitsAsset is the content of a digits asset: a training and a test
// collection of images of one size.
type DigitsAsset struct {
	Train, Test DigitImages
}

// digitsHeader is the decoded fixed-size head of a payload.
type digitsHeader struct{ nTrain, nTest, rows, cols int }

// bodyLen returns the payload length after the header.
func (h digitsHeader) bodyLen() int {
	return (h.nTrain + h.nTest) * (1 + h.rows*h.cols)
}

// parseDigitsHeader decodes and range-checks the header of a payload.
func parseDigitsHeader(b []byte) (digitsHeader, error) {
	if len(b) < digitsHeaderLen {
		return digitsHeader{}, fmt.Errorf("data: digits payload truncated: %d bytes, the header alone needs %d", len(b), digitsHeaderLen)
	}
	if string(b[:len(DigitsMagic)]) != DigitsMagic {
		return digitsHeader{}, fmt.Errorf("data: not a digits asset: magic %q, want %q", b[:len(DigitsMagic)], DigitsMagic)
	}
	u := func(i int) uint32 { return binary.BigEndian.Uint32(b[len(DigitsMagic)+4*i:]) }
	for i, name := range []string{"nTrain", "nTest"} {
		if u(i) > MaxDigitImages {
			return digitsHeader{}, fmt.Errorf("data: digits asset has %s = %d, want ≤ %d", name, u(i), MaxDigitImages)
		}
	}
	for i, name := range []string{"rows", "cols"} {
		if v := u(2 + i); v < 1 || v > MaxDigitSide {
			return digitsHeader{}, fmt.Errorf("data: digits asset has %s = %d, want 1…%d", name, v, MaxDigitSide)
		}
	}
	h := digitsHeader{nTrain: int(u(0)), nTest: int(u(1)), rows: int(u(2)), cols: int(u(3))}
	if n := digitsHeaderLen + h.bodyLen(); n > MaxDigitsPayload {
		return digitsHeader{}, fmt.Errorf("data: digits asset of %d+%d images of %d×%d needs a %d-byte payload, more than the %d allowed",
			h.nTrain, h.nTest, h.rows, h.cols, n, MaxDigitsPayload)
	}
	return h, nil
}

// MarshalBinary returns the uncompressed payload of the asset. It fails if
// the two collections differ in image size, a size is outside 1…MaxDigitSide,
// a count exceeds MaxDigitImages, the payload would exceed MaxDigitsPayload,
// Pixels has the wrong length or a label is above 9.
func (a *DigitsAsset) MarshalBinary() ([]byte, error) {
	rows, cols := a.Train.Rows, a.Train.Cols
	if a.Test.Rows != rows || a.Test.Cols != cols {
		return nil, fmt.Errorf("data: digits asset with %d×%d training and %d×%d test images", rows, cols, a.Test.Rows, a.Test.Cols)
	}
	if rows < 1 || rows > MaxDigitSide || cols < 1 || cols > MaxDigitSide {
		return nil, fmt.Errorf("data: digits asset with %d×%d images, want sides 1…%d", rows, cols, MaxDigitSide)
	}
	h := digitsHeader{nTrain: a.Train.Len(), nTest: a.Test.Len(), rows: rows, cols: cols}
	if n := digitsHeaderLen + h.bodyLen(); n > MaxDigitsPayload {
		return nil, fmt.Errorf("data: digits payload of %d bytes, more than the %d allowed", n, MaxDigitsPayload)
	}
	b := make([]byte, 0, digitsHeaderLen+h.bodyLen())
	b = append(b, DigitsMagic...)
	for _, v := range []int{h.nTrain, h.nTest, rows, cols} {
		b = binary.BigEndian.AppendUint32(b, uint32(v))
	}
	for _, d := range []*DigitImages{&a.Train, &a.Test} {
		if err := d.check(); err != nil {
			return nil, err
		}
		b = append(b, d.Labels...)
		b = append(b, d.Pixels...)
	}
	return b, nil
}

// check reports a count above MaxDigitImages, a Pixels length other than
// N·Rows·Cols or a label above 9.
func (d *DigitImages) check() error {
	if d.Len() > MaxDigitImages {
		return fmt.Errorf("data: %d digit images, want ≤ %d", d.Len(), MaxDigitImages)
	}
	if len(d.Pixels) != d.Len()*d.Rows*d.Cols {
		return fmt.Errorf("data: %d pixels for %d images of %d×%d", len(d.Pixels), d.Len(), d.Rows, d.Cols)
	}
	for i, l := range d.Labels {
		if l >= digitClasses {
			return fmt.Errorf("data: digit image %d has label %d, want 0…9", i, l)
		}
	}
	return nil
}

// UnmarshalBinary decodes an uncompressed payload into a, copying the
// pixels. It returns an error, leaving a unchanged, if the magic is wrong,
// the header is out of range, the payload is truncated or too long, or a
// label is above 9.
func (a *DigitsAsset) UnmarshalBinary(b []byte) error {
	h, err := parseDigitsHeader(b)
	if err != nil {
		return err
	}
	body := b[digitsHeaderLen:]
	if len(body) != h.bodyLen() {
		return fmt.Errorf("data: digits payload has %d bytes after the header, want %d for %d+%d images of %d×%d",
			len(body), h.bodyLen(), h.nTrain, h.nTest, h.rows, h.cols)
	}
	return a.fromBody(h, bytes.Clone(body))
}

// fromBody splits a body of the right length into the two collections,
// which alias body, and checks the labels.
func (a *DigitsAsset) fromBody(h digitsHeader, body []byte) error {
	px := h.rows * h.cols
	take := func(n int) []byte { s := body[:n:n]; body = body[n:]; return s }
	var out DigitsAsset
	for _, p := range []struct {
		d *DigitImages
		n int
	}{{&out.Train, h.nTrain}, {&out.Test, h.nTest}} {
		p.d.Rows, p.d.Cols = h.rows, h.cols
		p.d.Labels = take(p.n)
		p.d.Pixels = take(p.n * px)
		if err := p.d.check(); err != nil {
			return err
		}
	}
	*a = out
	return nil
}

// EncodeDigits writes a as a digits asset: its payload, gzip-compressed at
// the best compression level with an empty header (no name, zero time), so
// the output depends only on a. It fails if a is invalid (see
// [DigitsAsset.MarshalBinary]) or w fails.
func EncodeDigits(w io.Writer, a *DigitsAsset) error {
	payload, err := a.MarshalBinary()
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(payload); err != nil {
		return fmt.Errorf("data: writing digits asset: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("data: writing digits asset: %w", err)
	}
	return nil
}

// DecodeDigits decodes a gzip-compressed digits asset. It reads the header
// first and never allocates more than the header's sizes (at most
// MaxDigitsPayload bytes) or than the data actually present. It
// returns an error, never panics, for any malformed input: a gzip error or
// checksum mismatch, a wrong magic, counts or sizes out of range, truncated
// or trailing data, or a label above 9. It suits untrusted uploads.
func DecodeDigits(gz []byte) (DigitsAsset, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return DigitsAsset{}, fmt.Errorf("data: digits asset is not gzip: %w", err)
	}
	head := make([]byte, digitsHeaderLen)
	if n, err := io.ReadFull(zr, head); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return DigitsAsset{}, fmt.Errorf("data: digits payload truncated: %d bytes, the header alone needs %d", n, digitsHeaderLen)
		}
		return DigitsAsset{}, fmt.Errorf("data: decompressing digits asset: %w", err)
	}
	h, err := parseDigitsHeader(head)
	if err != nil {
		return DigitsAsset{}, err
	}
	// Read one byte more than expected, to detect trailing data. Reaching
	// the end of the stream, as ReadAll must for a payload of the right
	// length, verifies the gzip checksum.
	body, err := io.ReadAll(io.LimitReader(zr, int64(h.bodyLen())+1))
	if err != nil {
		return DigitsAsset{}, fmt.Errorf("data: decompressing digits asset: %w", err)
	}
	if len(body) != h.bodyLen() {
		return DigitsAsset{}, fmt.Errorf("data: digits payload has %s bytes after the header, want %d for %d+%d images of %d×%d",
			lenDesc(len(body), h.bodyLen()), h.bodyLen(), h.nTrain, h.nTest, h.rows, h.cols)
	}
	var a DigitsAsset
	if err := a.fromBody(h, body); err != nil {
		return DigitsAsset{}, err
	}
	return a, nil
}

// lenDesc describes a body length read with a one-byte look-ahead.
func lenDesc(got, want int) string {
	if got > want {
		return fmt.Sprintf("more than %d", want)
	}
	return fmt.Sprint(got)
}
