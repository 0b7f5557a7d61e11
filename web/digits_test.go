package web

import "testing"

func TestDigitsAssetIsTheSizeTheREADMEStates(t *testing.T) {
	// Holds README.md, "The digits asset": "gzip-compressed, 1.9 MB". Truth:
	// that sentence, read as 1.9 MB rounded to a tenth, [1.85, 1.95) · 10⁶
	// bytes. Its contents (10,000 + 2,000 images of 28×28) are held by
	// compute/data's TestDigitsAssetIsTheDocumentedMNISTSubset.
	if n := len(DigitsGz); n < 1_850_000 || n >= 1_950_000 {
		t.Errorf("data/digits.bin.gz has %d bytes; README.md says 1.9 MB", n)
	}
}
