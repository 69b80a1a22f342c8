;; Dot-product kernels for k-means (pipeline/cluster/simd-dots.ts loads them; `npm run build:wasm`
;; compiles this file into dot-kernels-wasm.ts). WebAssembly SIMD: 4 float32 lanes per instruction,
;; register-blocked 4 rows × 2 columns, measured ~7–10 G multiply-adds/s per core here against
;; ~0.7–2 for the scalar JS loop. Rows are `d` float32 long with d a multiple of 4 (the caller pads).
;; Every dot product is summed the same way wherever it falls in a block: lanes t mod 4 in row
;; order, then (lane0 + lane1) + (lane2 + lane3). So a row's results never depend on which block,
;; chunk or thread computed them. Padded rows/columns of a short last block repeat the last real one.
(module
  (memory (export "memory") 1)

  ;; For each of the n rows at $x: the index (i32 at $labels) and dot product (f64 at $best) of
  ;; its nearest of the k rows at $c, i.e. the largest dot; ties go to the lowest index.
  (func (export "nearest")
    (param $x i32) (param $n i32) (param $c i32) (param $k i32) (param $d i32) (param $labels i32) (param $best i32)
    (local $bytes i32) (local $i i32) (local $j i32) (local $jj i32) (local $t i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $q0 i32) (local $q1 i32)
    (local $xv v128) (local $y0 v128) (local $y1 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local $sums v128) (local $better v128) (local $bestv v128) (local $labelv v128)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $p0 (call $row (local.get $x) (local.get $i) (local.get $n) (local.get $bytes)))
      (local.set $p1 (call $row (local.get $x) (i32.add (local.get $i) (i32.const 1)) (local.get $n) (local.get $bytes)))
      (local.set $p2 (call $row (local.get $x) (i32.add (local.get $i) (i32.const 2)) (local.get $n) (local.get $bytes)))
      (local.set $p3 (call $row (local.get $x) (i32.add (local.get $i) (i32.const 3)) (local.get $n) (local.get $bytes)))
      (local.set $bestv (f32x4.splat (f32.const -inf)))
      (local.set $labelv (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $jj (select (i32.add (local.get $j) (i32.const 1)) (local.get $j)
          (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $k))))
        (local.set $q0 (i32.add (local.get $c) (i32.mul (local.get $j) (local.get $bytes))))
        (local.set $q1 (i32.add (local.get $c) (i32.mul (local.get $jj) (local.get $bytes))))
        ;; --- the 4 × 2 block (same text in "dots" below: V8 does not inline wasm calls here) ---
        (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $e0 (v128.const i32x4 0 0 0 0)) (local.set $e1 (v128.const i32x4 0 0 0 0))
        (local.set $e2 (v128.const i32x4 0 0 0 0)) (local.set $e3 (v128.const i32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (loop $dims
          (local.set $y0 (v128.load (i32.add (local.get $q0) (local.get $t))))
          (local.set $y1 (v128.load (i32.add (local.get $q1) (local.get $t))))
          (local.set $xv (v128.load (i32.add (local.get $p0) (local.get $t))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (local.get $xv) (local.get $y1))))
          (local.set $xv (v128.load (i32.add (local.get $p1) (local.get $t))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e1 (f32x4.add (local.get $e1) (f32x4.mul (local.get $xv) (local.get $y1))))
          (local.set $xv (v128.load (i32.add (local.get $p2) (local.get $t))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e2 (f32x4.add (local.get $e2) (f32x4.mul (local.get $xv) (local.get $y1))))
          (local.set $xv (v128.load (i32.add (local.get $p3) (local.get $t))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e3 (f32x4.add (local.get $e3) (f32x4.mul (local.get $xv) (local.get $y1))))
          (br_if $dims (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 16))) (local.get $bytes))))
        ;; --- end of block: per row, keep column j's dot if larger, then column jj's (ties: lowest index) ---
        (local.set $sums (call $sum4 (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)))
        (local.set $better (f32x4.gt (local.get $sums) (local.get $bestv)))
        (local.set $bestv (v128.bitselect (local.get $sums) (local.get $bestv) (local.get $better)))
        (local.set $labelv (v128.bitselect (i32x4.splat (local.get $j)) (local.get $labelv) (local.get $better)))
        (local.set $sums (call $sum4 (local.get $e0) (local.get $e1) (local.get $e2) (local.get $e3)))
        (local.set $better (f32x4.gt (local.get $sums) (local.get $bestv)))
        (local.set $bestv (v128.bitselect (local.get $sums) (local.get $bestv) (local.get $better)))
        (local.set $labelv (v128.bitselect (i32x4.splat (local.get $jj)) (local.get $labelv) (local.get $better)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $cols)))
      (call $keep (local.get $labels) (local.get $best) (local.get $i) (local.get $n)
        (i32x4.extract_lane 0 (local.get $labelv)) (f32x4.extract_lane 0 (local.get $bestv)))
      (call $keep (local.get $labels) (local.get $best) (i32.add (local.get $i) (i32.const 1)) (local.get $n)
        (i32x4.extract_lane 1 (local.get $labelv)) (f32x4.extract_lane 1 (local.get $bestv)))
      (call $keep (local.get $labels) (local.get $best) (i32.add (local.get $i) (i32.const 2)) (local.get $n)
        (i32x4.extract_lane 2 (local.get $labelv)) (f32x4.extract_lane 2 (local.get $bestv)))
      (call $keep (local.get $labels) (local.get $best) (i32.add (local.get $i) (i32.const 3)) (local.get $n)
        (i32x4.extract_lane 3 (local.get $labelv)) (f32x4.extract_lane 3 (local.get $bestv)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows))))

  ;; out[j·stride + i] (f64 at $out) = row i of the nx rows at $x · row j of the ny rows at $y,
  ;; column by column with stride = nx rounded up to a multiple of 4: a block's four rows are then
  ;; two vector stores, and a short last block's padded rows land in the padding.
  (func (export "dots")
    (param $x i32) (param $nx i32) (param $y i32) (param $ny i32) (param $d i32) (param $out i32)
    (local $bytes i32) (local $i i32) (local $j i32) (local $jj i32) (local $t i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $q0 i32) (local $q1 i32)
    (local $xv v128) (local $y0 v128) (local $y1 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128) (local $stride i32)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $stride (i32.and (i32.add (local.get $nx) (i32.const 3)) (i32.const -4)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $nx)))
      (local.set $p0 (call $row (local.get $x) (local.get $i) (local.get $nx) (local.get $bytes)))
      (local.set $p1 (call $row (local.get $x) (i32.add (local.get $i) (i32.const 1)) (local.get $nx) (local.get $bytes)))
      (local.set $p2 (call $row (local.get $x) (i32.add (local.get $i) (i32.const 2)) (local.get $nx) (local.get $bytes)))
      (local.set $p3 (call $row (local.get $x) (i32.add (local.get $i) (i32.const 3)) (local.get $nx) (local.get $bytes)))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $ny)))
        (local.set $jj (select (i32.add (local.get $j) (i32.const 1)) (local.get $j)
          (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $ny))))
        (local.set $q0 (i32.add (local.get $y) (i32.mul (local.get $j) (local.get $bytes))))
        (local.set $q1 (i32.add (local.get $y) (i32.mul (local.get $jj) (local.get $bytes))))
        ;; --- the 4 × 2 block, as in "nearest" ---
        (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $e0 (v128.const i32x4 0 0 0 0)) (local.set $e1 (v128.const i32x4 0 0 0 0))
        (local.set $e2 (v128.const i32x4 0 0 0 0)) (local.set $e3 (v128.const i32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (loop $dims
          (local.set $y0 (v128.load (i32.add (local.get $q0) (local.get $t))))
          (local.set $y1 (v128.load (i32.add (local.get $q1) (local.get $t))))
          (local.set $xv (v128.load (i32.add (local.get $p0) (local.get $t))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (local.get $xv) (local.get $y1))))
          (local.set $xv (v128.load (i32.add (local.get $p1) (local.get $t))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e1 (f32x4.add (local.get $e1) (f32x4.mul (local.get $xv) (local.get $y1))))
          (local.set $xv (v128.load (i32.add (local.get $p2) (local.get $t))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e2 (f32x4.add (local.get $e2) (f32x4.mul (local.get $xv) (local.get $y1))))
          (local.set $xv (v128.load (i32.add (local.get $p3) (local.get $t))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $xv) (local.get $y0))))
          (local.set $e3 (f32x4.add (local.get $e3) (f32x4.mul (local.get $xv) (local.get $y1))))
          (br_if $dims (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 16))) (local.get $bytes))))
        ;; --- end of block; a padded column repeats the last one and writes identical values ---
        (call $put4 (local.get $out) (i32.add (i32.mul (local.get $j) (local.get $stride)) (local.get $i))
          (call $sum4 (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)))
        (call $put4 (local.get $out) (i32.add (i32.mul (local.get $jj) (local.get $stride)) (local.get $i))
          (call $sum4 (local.get $e0) (local.get $e1) (local.get $e2) (local.get $e3)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $cols)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows))))

  ;; min(i, n − 1): a short last block repeats the last row.
  (func $last (param $i i32) (param $n i32) (result i32)
    (select (local.get $i) (i32.sub (local.get $n) (i32.const 1)) (i32.lt_u (local.get $i) (local.get $n))))

  (func $row (param $base i32) (param $i i32) (param $n i32) (param $bytes i32) (result i32)
    (i32.add (local.get $base) (i32.mul (local.get $bytes) (call $last (local.get $i) (local.get $n)))))

  ;; The horizontal sums of four accumulators, lane r = (v.0 + v.1) + (v.2 + v.3) of the r-th.
  (func $sum4 (param $v0 v128) (param $v1 v128) (param $v2 v128) (param $v3 v128) (result v128)
    (local $u01 v128) (local $u23 v128)
    (local.set $u01 (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $v0) (local.get $v1))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $v0) (local.get $v1))))
    (local.set $u23 (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $v2) (local.get $v3))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $v2) (local.get $v3))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $u01) (local.get $u23))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $u01) (local.get $u23))))

  (func $keep (param $labels i32) (param $best i32) (param $i i32) (param $n i32) (param $label i32) (param $dot f32)
    (if (i32.lt_u (local.get $i) (local.get $n)) (then
      (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $label))
      (f64.store (i32.add (local.get $best) (i32.shl (local.get $i) (i32.const 3))) (f64.promote_f32 (local.get $dot))))))

  ;; The four lanes of v as float64 at out[at .. at + 3].
  (func $put4 (param $out i32) (param $at i32) (param $v v128)
    (local $p i32)
    (local.set $p (i32.add (local.get $out) (i32.shl (local.get $at) (i32.const 3))))
    (v128.store (local.get $p) (f64x2.promote_low_f32x4 (local.get $v)))
    (v128.store offset=16 (local.get $p)
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
)
