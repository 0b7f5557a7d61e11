package runner

import "github.com/overparam/overparam/compute/experiment"

// The specs, presets and result types live in package spec, which computes
// nothing, so that the browser's page links them without the numerics; this
// package runs them. These names keep this package's API whole for the CLI,
// the workers and the tests.

type (
	Assets         = experiment.Assets
	Cost           = experiment.Cost
	DDAxis         = experiment.DDAxis
	DDCurve        = experiment.DDCurve
	DDPeak         = experiment.DDPeak
	DDPoint        = experiment.DDPoint
	DDResult       = experiment.DDResult
	DDStat         = experiment.DDStat
	DensityCurve   = experiment.DensityCurve
	DoubleDescent  = experiment.DoubleDescent
	DropoutCurve   = experiment.DropoutCurve
	Extremes       = experiment.Extremes
	Model          = experiment.Model
	Param          = experiment.Param
	Path           = experiment.Path
	Paths          = experiment.Paths
	PathsPoint     = experiment.PathsPoint
	PathsResult    = experiment.PathsResult
	Peer           = experiment.Peer
	Preset         = experiment.Preset
	ProbeResult    = experiment.ProbeResult
	Progress       = experiment.Progress
	ShardResult    = experiment.ShardResult
	Sharp          = experiment.Sharp
	Spectrum       = experiment.Spectrum
	SpectrumResult = experiment.SpectrumResult
	SpectrumStats  = experiment.SpectrumStats
	Trained        = experiment.Trained
	WidthStat      = experiment.WidthStat
)

const (
	AutoRunSeconds = experiment.AutoRunSeconds
	BezierName     = experiment.BezierName
	MaxQueryLen    = experiment.MaxQueryLen
	MaxSeed        = experiment.MaxSeed
	MaxShards      = experiment.MaxShards
	MemoryLimit    = experiment.MemoryLimit
	OpsLimit       = experiment.OpsLimit
	OpsPerSecond   = experiment.OpsPerSecond
	PeakFactor     = experiment.PeakFactor
	SchemaVersion  = experiment.SchemaVersion
	SecondsLimit   = experiment.SecondsLimit
)

// OutlierRule is experiment.OutlierRule.
var OutlierRule = experiment.OutlierRule

// The functions are wrappers, not variables, so a binary links only those
// it calls (a worker, its own experiment's).

// CheckAll is experiment.CheckAll.
func CheckAll(spec any) error { return experiment.CheckAll(spec) }

// DefaultDoubleDescent is experiment.DefaultDoubleDescent.
func DefaultDoubleDescent() DoubleDescent { return experiment.DefaultDoubleDescent() }

// DefaultDoubleDescentFor is experiment.DefaultDoubleDescentFor.
func DefaultDoubleDescentFor(model string) DoubleDescent {
	return experiment.DefaultDoubleDescentFor(model)
}

// DefaultDoubleDescentForQuery is experiment.DefaultDoubleDescentForQuery.
func DefaultDoubleDescentForQuery(query string) DoubleDescent {
	return experiment.DefaultDoubleDescentForQuery(query)
}

// DefaultPaths is experiment.DefaultPaths.
func DefaultPaths() Paths { return experiment.DefaultPaths() }

// DefaultSpectrum is experiment.DefaultSpectrum.
func DefaultSpectrum() Spectrum { return experiment.DefaultSpectrum() }

// Duration is experiment.Duration.
func Duration(seconds float64) string { return experiment.Duration(seconds) }

// FindPeak is experiment.FindPeak.
func FindPeak(points []DDStat) *DDPeak { return experiment.FindPeak(points) }

// Params is experiment.Params.
func Params(spec any) []Param { return experiment.Params(spec) }

// ParseQuery is experiment.ParseQuery.
func ParseQuery(query string, specs ...any) (notices []string) {
	return experiment.ParseQuery(query, specs...)
}

// Query is experiment.Query.
func Query(specs ...any) string { return experiment.Query(specs...) }

// SampleBlocks is experiment.SampleBlocks.
func SampleBlocks(n int) int { return experiment.SampleBlocks(n) }

// SetParam is experiment.SetParam.
func SetParam(spec any, key, text string) (notice string, ok bool) {
	return experiment.SetParam(spec, key, text)
}

// ShardRange is experiment.ShardRange.
func ShardRange(n, shards, s int) (lo, hi int) { return experiment.ShardRange(n, shards, s) }

// Names of package spec that the runs here share with the estimates there.
const (
	ddCurvePoints    = experiment.DDCurvePoints
	pathsCurvePoints = experiment.PathsCurvePoints
	dropoutDraws     = experiment.DropoutDraws
)

func dropoutMs(n int) []int     { return experiment.DropoutMs(n) }
func totalSteps(s Spectrum) int { return experiment.TotalSteps(s) }
