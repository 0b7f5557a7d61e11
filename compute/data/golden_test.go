package data

import (
	"slices"
	"testing"
)

// goldenCases are small generator calls whose every bit is pinned below.
var goldenCases = []struct {
	name string
	run  func(t *testing.T) string
	want string
}{
	{"mixture", func(t *testing.T) string {
		sp, _ := Mixture(MixtureSettings{Classes: 4, Dim: 3, Train: 50, Test: 20, Seed: 1})
		return splitFingerprint(sp)
	},
		"e275abc4eb6e527a2eaf0121baafe9d2bb2909077b0cbb46d910ea338aa91826/945e384b29ea280a644bcc170d74f4e114cf3f110a56805a98924cac6b65291a"},
	{"moons", func(t *testing.T) string {
		sp, _ := Moons(ShapeSettings{Noise: 0.1, Train: 50, Test: 20, Seed: 1})
		return splitFingerprint(sp)
	},
		"818398acc9cb4069f8fdfb14fbf0c2f6054842db57e3ff34e7ea998dd2bed1d8/12ada48de9e82115b5308437c18a23f17dee3d7c78e63cf52764bfe9aac68d83"},
	{"circles", func(t *testing.T) string {
		sp, _ := Circles(ShapeSettings{Noise: 0.1, Train: 50, Test: 20, Seed: 1})
		return splitFingerprint(sp)
	},
		"c20563ec6adb6beb0f4bc35fe943268cc438a7065a5cdb1c108bddbeb4e3ab00/ce238ab28b25123fce710376d13e653e715c0b450c93006db72e08a0c825b3ab"},
	{"teacher–student", func(t *testing.T) string {
		sp, teacher, _ := TeacherStudent(TeacherSettings{Noise: 0.1, Train: 50, Test: 20, Seed: 1})
		w := Set{X: slices.Concat(teacher.W, teacher.A), N: 1, Dim: len(teacher.W) + len(teacher.A)}
		return splitFingerprint(sp) + "/" + fingerprint(&w)
	},
		"694650f26920ac7d0173eb777362cda52a937fc5c6f333b8e0ca6c824f091b47/ea0a065011d4b7542d58895337c150adb34e01d70004f5f42865a89bb34ecee4/bc4c169096c399eb4d799dfa7a9d1018c620a18510bc666bdbe2ef813026dbee"},
	{"label noise", func(t *testing.T) string {
		sp, _ := Mixture(MixtureSettings{Classes: 10, Dim: 1, Train: 100, Test: 1, Seed: 1})
		_ = AddLabelNoise(&sp.Train, 0.3, 1)
		return fingerprint(&sp.Train)
	},
		"4ec9e89fa7a30621748b777cc05efd2a7a745e6afb29c5b1270a3d979089e97d"},
	{"digits", func(t *testing.T) string {
		_, a := loadDigits(t)
		sp, _ := a.Sample(DigitsSettings{Train: 20, Test: 10, Size: 14, Seed: 1})
		return splitFingerprint(sp)
	},
		"6ffe0e9fa4f9669f127ab9725f672cb63ebe9ba0dbb9c2e3c02fd41a3667156d/a668d90014e296cdc2513429b03971a24b1dd75d0ec1dc300ca669ff57e7b510"},
}

// Truth: the fingerprints of a native linux/amd64 run when the generators
// were written. The same test runs under js/wasm, where it checks that the
// browser draws the same bits; a change here breaks every shared link.
func TestGeneratorsGiveTheSameBitsOnEveryPlatform(t *testing.T) {
	for _, c := range goldenCases {
		if got := c.run(t); got != c.want {
			t.Errorf("%s: fingerprint\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}
