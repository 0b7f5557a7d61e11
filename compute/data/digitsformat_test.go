package data

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"testing"
)

// tinyDigits returns an asset of nTrain + nTest side×side images whose pixel
// k of image i is (7i + k) mod 256 and whose label is i mod 10.
func tinyDigits(side, nTrain, nTest int) DigitsAsset {
	make1 := func(n int) DigitImages {
		d := DigitImages{Rows: side, Cols: side, Labels: make([]uint8, n), Pixels: make([]uint8, n*side*side)}
		for i := range d.Labels {
			d.Labels[i] = uint8(i % 10)
			for k, img := 0, d.Image(i); k < len(img); k++ {
				img[k] = uint8(7*i + k)
			}
		}
		return d
	}
	return DigitsAsset{Train: make1(nTrain), Test: make1(nTest)}
}

// gzipBytes compresses b with default settings.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// encodeTiny returns the payload and gzip asset of a small valid asset.
func encodeTiny(t testing.TB) (payload, gz []byte) {
	a := tinyDigits(4, 3, 2)
	payload, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := EncodeDigits(&buf, &a); err != nil {
		t.Fatal(err)
	}
	return payload, buf.Bytes()
}

func TestDigitsFormatRoundTripsAndMatchesTheDocumentedLayout(t *testing.T) {
	payload, gz := encodeTiny(t)
	// Truth: the layout in digits.go, written out by hand.
	want := []byte("OPDIGIT1")
	want = append(want, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 4)
	a := tinyDigits(4, 3, 2)
	want = append(want, 0, 1, 2)
	want = append(want, a.Train.Pixels...)
	want = append(want, 0, 1)
	want = append(want, a.Test.Pixels...)
	if !bytes.Equal(payload, want) {
		t.Fatalf("payload\n%v\nwant\n%v", payload, want)
	}
	train, test, err := ParseDigits(gz)
	if err != nil {
		t.Fatal(err)
	}
	checkValid(t, "train", &train, 3, 16)
	checkValid(t, "test", &test, 2, 16)
	// Image 1, pixel 5 is (7 + 5)/255; test image 1 has label 1.
	if train.X[16+5] != 12.0/255 || test.Labels[1] != 1 || train.Classes != 10 {
		t.Errorf("pixel %v, label %d, classes %d; want 12/255, 1, 10", train.X[16+5], test.Labels[1], train.Classes)
	}
	var b DigitsAsset
	if err := b.UnmarshalBinary(payload); err != nil {
		t.Fatal(err)
	}
	again, _ := b.MarshalBinary()
	if !bytes.Equal(again, payload) {
		t.Errorf("UnmarshalBinary then MarshalBinary changed the payload")
	}
}

func TestParseDigitsRejectsMalformedAssets(t *testing.T) {
	payload, gz := encodeTiny(t)
	header := func(nTrain, nTest, rows, cols uint32) []byte {
		b := []byte(DigitsMagic)
		for _, v := range []uint32{nTrain, nTest, rows, cols} {
			b = binary.BigEndian.AppendUint32(b, v)
		}
		return b
	}
	withByte := func(i int, v byte) []byte {
		b := bytes.Clone(payload)
		b[i] = v
		return b
	}
	badChecksum := bytes.Clone(gz)
	badChecksum[len(badChecksum)-5] ^= 0xff // CRC-32 sits in the last 8 bytes
	cases := []struct {
		name string
		gz   []byte
		word string
	}{
		{"empty input", nil, "gzip"},
		{"a non-gzip file", []byte("OPDIGIT1 but not compressed"), "gzip"},
		{"a truncated gzip stream", gz[:len(gz)-12], "decompressing"},
		{"a bad gzip checksum", badChecksum, "checksum"},
		{"gzip garbage after the stream", append(bytes.Clone(gz), 1, 2, 3), "decompressing"},
		{"an empty payload", gzipBytes(nil), "truncated"},
		{"a truncated header", gzipBytes(payload[:20]), "truncated"},
		{"a wrong magic", gzipBytes(withByte(7, '2')), "magic"},
		{"a truncated body", gzipBytes(payload[:len(payload)-1]), "want"},
		{"a trailing byte", gzipBytes(append(bytes.Clone(payload), 0)), "more than"},
		{"two gzip members", append(bytes.Clone(gz), gz...), "more than"},
		{"a label of 10", gzipBytes(withByte(24+1, 10)), "label 10"},
		{"a test label of 255", gzipBytes(withByte(24+3+3*16, 255)), "label 255"},
		{"an absurd training count", gzipBytes(header(1<<31, 0, 28, 28)), "nTrain"},
		{"an absurd test count", gzipBytes(header(0, 100_001, 28, 28)), "nTest"},
		{"zero rows", gzipBytes(header(1, 1, 0, 28)), "rows"},
		{"65 columns", gzipBytes(header(1, 1, 28, 65)), "cols"},
		{"a payload over the budget", gzipBytes(header(100_000, 100_000, 64, 64)), "allowed"},
		{"sizes promising data that is absent", gzipBytes(header(60_000, 10_000, 28, 28)), "want"},
	}
	for _, c := range cases {
		train, test, err := ParseDigits(c.gz)
		checkErrorNames(t, c.name, err, c.word)
		if train.N != 0 || test.N != 0 {
			t.Errorf("%s: returned %d+%d digits with the error", c.name, train.N, test.N)
		}
	}
	var a DigitsAsset
	checkErrorNames(t, "UnmarshalBinary of a short body", a.UnmarshalBinary(payload[:40]), "want")
	checkErrorNames(t, "UnmarshalBinary of a bad magic", a.UnmarshalBinary(withByte(0, 'X')), "magic")
	bad := tinyDigits(4, 2, 1)
	bad.Test.Rows = 5
	_, err := bad.MarshalBinary()
	checkErrorNames(t, "MarshalBinary of mixed sizes", err, "4×4")
	bad = tinyDigits(4, 2, 1)
	bad.Train.Labels[1] = 12
	_, err = bad.MarshalBinary()
	checkErrorNames(t, "MarshalBinary of label 12", err, "label 12")
}

// FuzzParseDigits checks that ParseDigits and UnmarshalBinary never panic
// and that whatever they accept is a valid pair of 10-class sets.
func FuzzParseDigits(f *testing.F) {
	payload, gz := encodeTiny(f)
	f.Add(gz)
	f.Add(payload)
	f.Add(gzipBytes(payload[:30]))
	f.Add(gz[:len(gz)/2])
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		train, test, err := ParseDigits(b)
		if err == nil {
			for _, s := range []*Set{&train, &test} {
				if err := s.Validate(); err != nil || s.Classes != 10 {
					t.Fatalf("accepted an asset giving an invalid set: %v", err)
				}
			}
		}
		var a DigitsAsset
		if a.UnmarshalBinary(b) == nil {
			if _, err := a.MarshalBinary(); err != nil {
				t.Fatalf("accepted a payload that does not marshal: %v", err)
			}
		}
	})
}

// Truth: the IDX layout of LeCun et al. (1998), written out by hand.
func TestReadIDXParsesHandWrittenFiles(t *testing.T) {
	labels := []byte{0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1}
	images := []byte{0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 10, 11, 20, 21, 30, 31}
	d, err := ReadIDXDigits(bytes.NewReader(images), bytes.NewReader(labels), 2)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 1 || d.Cols != 2 || !bytes.Equal(d.Labels, []byte{7, 2}) || !bytes.Equal(d.Pixels, []byte{10, 11, 20, 21}) {
		t.Errorf("read %+v, want the first two of three 1×2 images", d)
	}
	for _, c := range []struct {
		name           string
		images, labels []byte
		n              int
		word           string
	}{
		{"a float IDX file", append([]byte{0, 0, 0xd, 3}, images[4:]...), labels, 0, "magic"},
		{"swapped files", labels, images, 0, "dimensions"},
		{"truncated pixels", images[:len(images)-1], labels, 0, "truncated"},
		{"too few digits", images, labels, 4, "asked for 4"},
		{"a label of 10", images, []byte{0, 0, 8, 1, 0, 0, 0, 3, 7, 10, 1}, 0, "label 10"},
		{"mismatched counts", images, []byte{0, 0, 8, 1, 0, 0, 0, 2, 7, 2}, 0, "3 IDX images but 2 labels"},
	} {
		_, err := ReadIDXDigits(bytes.NewReader(c.images), bytes.NewReader(c.labels), c.n)
		checkErrorNames(t, c.name, err, c.word)
	}
	if _, err := ReadMNIST(t.TempDir(), 1, 1); err == nil {
		t.Errorf("ReadMNIST of an empty folder: no error")
	}
}
