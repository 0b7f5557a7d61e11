package runner

import (
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// The specs, presets and result types live in package spec, which computes
// nothing, so that the browser's page links them without the numerics; this
// package runs them. These names keep this package's API whole for the CLI,
// the workers and the tests.

type (
	Assets         = experiment.Assets
	Cost           = experiment.Cost
	DDAxis         = doubledescent.Axis
	DDCurve        = doubledescent.Curve
	DDPeak         = doubledescent.Peak
	DDPoint        = doubledescent.Point
	DDResult       = doubledescent.Result
	DDStat         = doubledescent.Stat
	DensityCurve   = spectrum.DensityCurve
	DoubleDescent  = doubledescent.Spec
	DropoutCurve   = paths.DropoutCurve
	Extremes       = spectrum.Extremes
	Model          = experiment.Model
	Param          = experiment.Param
	Path           = paths.Path
	Paths          = paths.Spec
	PathsPoint     = paths.Point
	PathsResult    = paths.Result
	Peer           = experiment.Peer
	Preset         = experiment.Preset
	ProbeResult    = spectrum.ProbeResult
	Progress       = experiment.Progress
	ShardResult    = experiment.ShardResult
	Sharp          = paths.Sharp
	Spectrum       = spectrum.Spec
	SpectrumResult = spectrum.Result
	SpectrumStats  = spectrum.Stats
	Trained        = spectrum.Trained
	WidthStat      = paths.WidthStat
)

const (
	AutoRunSeconds = experiment.AutoRunSeconds
	BezierName     = paths.BezierName
	MaxQueryLen    = experiment.MaxQueryLen
	MaxSeed        = experiment.MaxSeed
	MaxShards      = experiment.MaxShards
	MemoryLimit    = experiment.MemoryLimit
	OpsLimit       = experiment.OpsLimit
	OpsPerSecond   = experiment.OpsPerSecond
	PeakFactor     = doubledescent.PeakFactor
	SchemaVersion  = experiment.SchemaVersion
	SecondsLimit   = experiment.SecondsLimit
)

// OutlierRule is experiment.OutlierRule.
var OutlierRule = spectrum.OutlierRule

// The functions are wrappers, not variables, so a binary links only those
// it calls (a worker, its own experiment's).

// CheckAll is experiment.CheckAll.
func CheckAll(spec any) error { return experiment.CheckAll(spec) }

// DefaultDoubleDescent is experiment.DefaultDoubleDescent.
func DefaultDoubleDescent() DoubleDescent { return doubledescent.Default() }

// DefaultDoubleDescentFor is experiment.DefaultDoubleDescentFor.
func DefaultDoubleDescentFor(model string) DoubleDescent {
	return doubledescent.DefaultFor(model)
}

// DefaultDoubleDescentForQuery is experiment.DefaultDoubleDescentForQuery.
func DefaultDoubleDescentForQuery(query string) DoubleDescent {
	return doubledescent.DefaultForQuery(query)
}

// DefaultPaths is experiment.DefaultPaths.
func DefaultPaths() Paths { return paths.Default() }

// DefaultSpectrum is experiment.DefaultSpectrum.
func DefaultSpectrum() Spectrum { return spectrum.Default() }

// Duration is experiment.Duration.
func Duration(seconds float64) string { return experiment.Duration(seconds) }

// FindPeak is experiment.FindPeak.
func FindPeak(points []DDStat) *DDPeak { return doubledescent.FindPeak(points) }

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
	ddCurvePoints    = doubledescent.CurvePoints
	pathsCurvePoints = paths.CurvePoints
	dropoutDraws     = paths.DropoutDraws
)

func dropoutMs(n int) []int     { return paths.DropoutMs(n) }
func totalSteps(s Spectrum) int { return spectrum.TotalSteps(s) }
