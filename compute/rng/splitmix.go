package rng

// golden is 2⁶⁴/φ rounded to odd, SplitMix64's increment.
const golden = 0x9E3779B97F4A7C15

// SplitMix64 returns the i-th output (i ≥ 1) of the SplitMix64 generator
// started at state seed (Steele, Lea & Flood 2014): the state advances by
// 0x9E3779B97F4A7C15 per output, and each output is the state after i
// advances run through the generator's mixing function (xor-shift-multiply
// by 0xBF58476D1CE4E5B9 and 0x94D049BB133111EB). Any i can be computed
// directly, so it turns one seed into the seeds of many independent streams
// (probes, repeats, sizes) without drawing the ones before.
//
// Reference: G. L. Steele, D. Lea & C. H. Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014; S. Vigna's splitmix64.c.
func SplitMix64(seed, i uint64) uint64 {
	z := seed + i*golden
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}
