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

var (
	CheckAll                     = experiment.CheckAll
	DefaultDoubleDescent         = experiment.DefaultDoubleDescent
	DefaultDoubleDescentFor      = experiment.DefaultDoubleDescentFor
	DefaultDoubleDescentForQuery = experiment.DefaultDoubleDescentForQuery
	DefaultPaths                 = experiment.DefaultPaths
	DefaultSpectrum              = experiment.DefaultSpectrum
	DoubleDescentPresetSpec      = experiment.DoubleDescentPresetSpec
	DoubleDescentPresets         = experiment.DoubleDescentPresets
	Duration                     = experiment.Duration
	FindDoubleDescentPreset      = experiment.FindDoubleDescentPreset
	FindPeak                     = experiment.FindPeak
	GetParam                     = experiment.GetParam
	Params                       = experiment.Params
	ParseQuery                   = experiment.ParseQuery
	PathsPresets                 = experiment.PathsPresets
	Query                        = experiment.Query
	SampleBlocks                 = experiment.SampleBlocks
	SetParam                     = experiment.SetParam
	ShardRange                   = experiment.ShardRange
	SpectrumPresets              = experiment.SpectrumPresets
	OutlierRule                  = experiment.OutlierRule
)

// Names of package spec that the runs here share with the estimates there.
const (
	ddCurvePoints    = experiment.DDCurvePoints
	pathsCurvePoints = experiment.PathsCurvePoints
	dropoutDraws     = experiment.DropoutDraws
)

var (
	dropoutMs  = experiment.DropoutMs
	totalSteps = experiment.TotalSteps
)
