#include "textflag.h"

// func Fused(x, y, z float64) float64
TEXT ·Fused(SB), NOSPLIT, $0-32
	MOVSD x+0(FP), X0
	MOVSD y+8(FP), X1
	MOVSD z+16(FP), X2
	/* a block comment, then */
	VFMADD231SD X1, X0, X2
	MOVSD X2, ret+24(FP)
	RET

// func pad()
TEXT ·pad(SB), NOSPLIT, $0-0
	// NOP as a raw byte: the scan cannot tell what such bytes encode.
	BYTE $0x90
	RET
