#include "textflag.h"

// func Separate(x, y, z float64) float64
//
// Not VFMADD231SD (which this comment names): a multiply, then an add.
TEXT ·Separate(SB), NOSPLIT, $0-32
	MOVSD x+0(FP), X0
	MOVSD y+8(FP), X1
	MOVSD z+16(FP), X2
	MULSD X1, X0
	ADDSD X0, X2
	MOVSD X2, ret+24(FP)
	RET
