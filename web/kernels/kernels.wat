;; Overparam's WebAssembly SIMD kernels: dense matrix products in f64x2.
;;
;; The module has no memory of its own: it imports the Go program's linear
;; memory as env.mem, and the Go side (wasm/simd) passes the byte addresses of
;; its float64 slices. It allocates nothing and keeps no state.
;;
;; Matrices are row-major float64 with no padding, as in compute/kernel.
;;
;; The summation-order contract of compute/kernel holds: every element of
;; C += A·B is the sequential sum, starting from the old C[i,j], of the
;; rounded products A[i,p]·B[p,j] for p = 0, 1, …, k−1 in ascending order.
;; Each f64x2 lane carries one element of C (two adjacent columns of a row),
;; so the lanes never mix: the vector code performs, lane by lane, exactly
;; the scalar multiplies and adds of the pure-Go kernel, with no fused
;; multiply-add (WebAssembly's f64x2.mul and f64x2.add round each result to
;; nearest, like f64.mul and f64.add).
;;
;; Memory safety: muladd touches only C[0 … m·n), A[0 … m·k) and B[0 … k·n)
;; (byte ranges [c, c+8mn), [a, a+8mk), [b, b+8kn)); it reads A and B and
;; reads and writes C. It does nothing if m, k or n is 0. The caller checks
;; that the three ranges lie inside memory and that C overlaps neither A nor B.
;;
;; Build: wat2wasm kernels.wat -o kernels.wasm (wabt; `make kernels`).
(module
  (import "env" "mem" (memory 1))

  ;; muladd sets C += A·B for A (m×k), B (k×n) and C (m×n) at byte addresses
  ;; c, a and b. Rows go in panels of four (then one by one); within a panel,
  ;; columns go in tiles of four (then two, then one).
  (func (export "muladd") (param $c i32) (param $a i32) (param $b i32)
                          (param $m i32) (param $k i32) (param $n i32)
    (local $k8 i32) (local $n8 i32) (local $i i32)
    (if (i32.or (i32.or (i32.eqz (local.get $m)) (i32.eqz (local.get $k))) (i32.eqz (local.get $n)))
      (then (return)))
    (local.set $k8 (i32.shl (local.get $k) (i32.const 3)))
    (local.set $n8 (i32.shl (local.get $n) (i32.const 3)))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (call $panel4
          (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $n8)))
          (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $k8)))
          (local.get $b) (local.get $k8) (local.get $n8))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $panels)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (call $panel1
          (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $n8)))
          (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $k8)))
          (local.get $b) (local.get $k8) (local.get $n8))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; panel4 sets rows 0–3 of C += A·B, for C at pc (row stride n8 bytes), the
  ;; four rows of A at pa (row stride k8 bytes) and B at pb.
  (func $panel4 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $j8 i32) ;; byte offset of the tile's first column
    (block $tiles_done
      (loop $tiles
        (br_if $tiles_done (i32.gt_u (i32.add (local.get $j8) (i32.const 32)) (local.get $n8)))
        (call $tile4x4 (i32.add (local.get $pc) (local.get $j8)) (local.get $pa)
                       (i32.add (local.get $pb) (local.get $j8)) (local.get $k8) (local.get $n8))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 32)))
        (br $tiles)))
    (if (i32.le_u (i32.add (local.get $j8) (i32.const 16)) (local.get $n8))
      (then
        (call $tile4x2 (i32.add (local.get $pc) (local.get $j8)) (local.get $pa)
                       (i32.add (local.get $pb) (local.get $j8)) (local.get $k8) (local.get $n8))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 16)))))
    (if (i32.lt_u (local.get $j8) (local.get $n8))
      (then
        (call $tile4x1 (i32.add (local.get $pc) (local.get $j8)) (local.get $pa)
                       (i32.add (local.get $pb) (local.get $j8)) (local.get $k8) (local.get $n8)))))

  ;; panel1 is panel4 for a single row.
  (func $panel1 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $j8 i32)
    (block $tiles_done
      (loop $tiles
        (br_if $tiles_done (i32.gt_u (i32.add (local.get $j8) (i32.const 32)) (local.get $n8)))
        (call $tile1x4 (i32.add (local.get $pc) (local.get $j8)) (local.get $pa)
                       (i32.add (local.get $pb) (local.get $j8)) (local.get $k8) (local.get $n8))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 32)))
        (br $tiles)))
    (if (i32.le_u (i32.add (local.get $j8) (i32.const 16)) (local.get $n8))
      (then
        (call $tile1x2 (i32.add (local.get $pc) (local.get $j8)) (local.get $pa)
                       (i32.add (local.get $pb) (local.get $j8)) (local.get $k8) (local.get $n8))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 16)))))
    (if (i32.lt_u (local.get $j8) (local.get $n8))
      (then
        (call $tile1x1 (i32.add (local.get $pc) (local.get $j8)) (local.get $pa)
                       (i32.add (local.get $pb) (local.get $j8)) (local.get $k8) (local.get $n8)))))

  ;; The tiles: tileRxW adds A[0:R, :]·B[:, 0:W] to the R×W tile of C at pc,
  ;; holding the tile in registers (f64x2 pairs of columns) while p runs from
  ;; 0 to k−1. They require k ≥ 1 (muladd returns early for k = 0).
  ;;   pc: C[0,0] of the tile, row stride n8 bytes
  ;;   pa: A[0,0] of the panel, row stride k8 bytes; the loop ends when the
  ;;       row-0 pointer reaches pa + k8
  ;;   pb: B[0,0] of the tile's columns, row stride n8 bytes

  (func $tile4x4 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $end i32)
    (local $pc1 i32) (local $pc2 i32) (local $pc3 i32)
    (local $c00 v128) (local $c02 v128) (local $c10 v128) (local $c12 v128)
    (local $c20 v128) (local $c22 v128) (local $c30 v128) (local $c32 v128)
    (local $b0 v128) (local $b2 v128) (local $x v128)
    (local.set $pc1 (i32.add (local.get $pc) (local.get $n8)))
    (local.set $pc2 (i32.add (local.get $pc1) (local.get $n8)))
    (local.set $pc3 (i32.add (local.get $pc2) (local.get $n8)))
    (local.set $c00 (v128.load (local.get $pc)))
    (local.set $c02 (v128.load offset=16 (local.get $pc)))
    (local.set $c10 (v128.load (local.get $pc1)))
    (local.set $c12 (v128.load offset=16 (local.get $pc1)))
    (local.set $c20 (v128.load (local.get $pc2)))
    (local.set $c22 (v128.load offset=16 (local.get $pc2)))
    (local.set $c30 (v128.load (local.get $pc3)))
    (local.set $c32 (v128.load offset=16 (local.get $pc3)))
    (local.set $a1 (i32.add (local.get $pa) (local.get $k8)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $k8)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $k8)))
    (local.set $end (local.get $a1))
    (loop $p
      (local.set $b0 (v128.load (local.get $pb)))            ;; B[p, 0:2]
      (local.set $b2 (v128.load offset=16 (local.get $pb)))  ;; B[p, 2:4]
      (local.set $x (v128.load64_splat (local.get $pa)))     ;; A[0, p] twice
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $b2))))
      (local.set $x (v128.load64_splat (local.get $a1)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $b2))))
      (local.set $x (v128.load64_splat (local.get $a2)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $b2))))
      (local.set $x (v128.load64_splat (local.get $a3)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $b2))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (local.get $n8)))
      (br_if $p (i32.lt_u (local.get $pa) (local.get $end))))
    (v128.store (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c02))
    (v128.store (local.get $pc1) (local.get $c10))
    (v128.store offset=16 (local.get $pc1) (local.get $c12))
    (v128.store (local.get $pc2) (local.get $c20))
    (v128.store offset=16 (local.get $pc2) (local.get $c22))
    (v128.store (local.get $pc3) (local.get $c30))
    (v128.store offset=16 (local.get $pc3) (local.get $c32)))

  (func $tile4x2 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $end i32)
    (local $pc1 i32) (local $pc2 i32) (local $pc3 i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $b0 v128)
    (local.set $pc1 (i32.add (local.get $pc) (local.get $n8)))
    (local.set $pc2 (i32.add (local.get $pc1) (local.get $n8)))
    (local.set $pc3 (i32.add (local.get $pc2) (local.get $n8)))
    (local.set $c0 (v128.load (local.get $pc)))
    (local.set $c1 (v128.load (local.get $pc1)))
    (local.set $c2 (v128.load (local.get $pc2)))
    (local.set $c3 (v128.load (local.get $pc3)))
    (local.set $a1 (i32.add (local.get $pa) (local.get $k8)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $k8)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $k8)))
    (local.set $end (local.get $a1))
    (loop $p
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (v128.load64_splat (local.get $pa)) (local.get $b0))))
      (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (v128.load64_splat (local.get $a1)) (local.get $b0))))
      (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (v128.load64_splat (local.get $a2)) (local.get $b0))))
      (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (v128.load64_splat (local.get $a3)) (local.get $b0))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (local.get $n8)))
      (br_if $p (i32.lt_u (local.get $pa) (local.get $end))))
    (v128.store (local.get $pc) (local.get $c0))
    (v128.store (local.get $pc1) (local.get $c1))
    (v128.store (local.get $pc2) (local.get $c2))
    (v128.store (local.get $pc3) (local.get $c3)))

  (func $tile4x1 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $end i32)
    (local $pc1 i32) (local $pc2 i32) (local $pc3 i32)
    (local $c0 f64) (local $c1 f64) (local $c2 f64) (local $c3 f64) (local $b0 f64)
    (local.set $pc1 (i32.add (local.get $pc) (local.get $n8)))
    (local.set $pc2 (i32.add (local.get $pc1) (local.get $n8)))
    (local.set $pc3 (i32.add (local.get $pc2) (local.get $n8)))
    (local.set $c0 (f64.load (local.get $pc)))
    (local.set $c1 (f64.load (local.get $pc1)))
    (local.set $c2 (f64.load (local.get $pc2)))
    (local.set $c3 (f64.load (local.get $pc3)))
    (local.set $a1 (i32.add (local.get $pa) (local.get $k8)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $k8)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $k8)))
    (local.set $end (local.get $a1))
    (loop $p
      (local.set $b0 (f64.load (local.get $pb)))
      (local.set $c0 (f64.add (local.get $c0) (f64.mul (f64.load (local.get $pa)) (local.get $b0))))
      (local.set $c1 (f64.add (local.get $c1) (f64.mul (f64.load (local.get $a1)) (local.get $b0))))
      (local.set $c2 (f64.add (local.get $c2) (f64.mul (f64.load (local.get $a2)) (local.get $b0))))
      (local.set $c3 (f64.add (local.get $c3) (f64.mul (f64.load (local.get $a3)) (local.get $b0))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (local.get $n8)))
      (br_if $p (i32.lt_u (local.get $pa) (local.get $end))))
    (f64.store (local.get $pc) (local.get $c0))
    (f64.store (local.get $pc1) (local.get $c1))
    (f64.store (local.get $pc2) (local.get $c2))
    (f64.store (local.get $pc3) (local.get $c3)))

  (func $tile1x4 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $end i32) (local $c0 v128) (local $c2 v128) (local $x v128)
    (local.set $c0 (v128.load (local.get $pc)))
    (local.set $c2 (v128.load offset=16 (local.get $pc)))
    (local.set $end (i32.add (local.get $pa) (local.get $k8)))
    (loop $p
      (local.set $x (v128.load64_splat (local.get $pa)))
      (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $x) (v128.load (local.get $pb)))))
      (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pb)))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (local.get $n8)))
      (br_if $p (i32.lt_u (local.get $pa) (local.get $end))))
    (v128.store (local.get $pc) (local.get $c0))
    (v128.store offset=16 (local.get $pc) (local.get $c2)))

  (func $tile1x2 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $end i32) (local $c0 v128)
    (local.set $c0 (v128.load (local.get $pc)))
    (local.set $end (i32.add (local.get $pa) (local.get $k8)))
    (loop $p
      (local.set $c0 (f64x2.add (local.get $c0)
        (f64x2.mul (v128.load64_splat (local.get $pa)) (v128.load (local.get $pb)))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (local.get $n8)))
      (br_if $p (i32.lt_u (local.get $pa) (local.get $end))))
    (v128.store (local.get $pc) (local.get $c0)))

  (func $tile1x1 (param $pc i32) (param $pa i32) (param $pb i32) (param $k8 i32) (param $n8 i32)
    (local $end i32) (local $c0 f64)
    (local.set $c0 (f64.load (local.get $pc)))
    (local.set $end (i32.add (local.get $pa) (local.get $k8)))
    (loop $p
      (local.set $c0 (f64.add (local.get $c0) (f64.mul (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (local.get $n8)))
      (br_if $p (i32.lt_u (local.get $pa) (local.get $end))))
    (f64.store (local.get $pc) (local.get $c0)))
)
