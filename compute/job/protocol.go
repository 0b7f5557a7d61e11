package job

import "github.com/overparam/overparam/compute/job/protocol"

// The messages and request kinds live in package protocol, which the page
// links without the runs; these names keep this package's API whole.

type (
	Failure = protocol.Failure
	Partial = protocol.Partial
	Request = protocol.Request
	Status  = protocol.Status
)

const (
	KindDoubleDescentAssemble = protocol.KindDoubleDescentAssemble
	KindDoubleDescentPoint    = protocol.KindDoubleDescentPoint
	KindDoubleDescentRun      = protocol.KindDoubleDescentRun
	KindPathsAssemble         = protocol.KindPathsAssemble
	KindPathsPoint            = protocol.KindPathsPoint
	KindPathsRun              = protocol.KindPathsRun
	KindSpectrumAssemble      = protocol.KindSpectrumAssemble
	KindSpectrumProbe         = protocol.KindSpectrumProbe
	KindSpectrumRun           = protocol.KindSpectrumRun
	KindSpectrumShard         = protocol.KindSpectrumShard
	KindSpectrumTrain         = protocol.KindSpectrumTrain
	SuffixAssemble            = protocol.SuffixAssemble
	SuffixPoint               = protocol.SuffixPoint
	SuffixRun                 = protocol.SuffixRun
	TypeError                 = protocol.TypeError
	TypePartial               = protocol.TypePartial
	TypeProgress              = protocol.TypeProgress
	TypeResult                = protocol.TypeResult
)
