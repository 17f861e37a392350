// RUN: nnc-opt %s -split-input-file --nnc-math-approximation | FileCheck %s

// f32 tanh becomes a clamped rational polynomial: fma chains and a division.
// CHECK-LABEL: func.func @tanh_f32
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NOT: math.tanh
// CHECK: math.absf %[[X]] : f32
// CHECK: math.fma
// CHECK: arith.divf
// CHECK: %[[R:.*]] = arith.select
// CHECK-NOT: math.tanh
// CHECK: return %[[R]] : f32
func.func @tanh_f32(%x: f32) -> f32 {
  %0 = math.tanh %x : f32
  return %0 : f32
}

// -----

// f32 erf becomes piecewise polynomials selected by the magnitude of x.
// CHECK-LABEL: func.func @erf_f32
// CHECK-NOT: math.erf
// CHECK: arith.cmpf
// CHECK: arith.select
// CHECK: math.fma
// CHECK: arith.divf
// CHECK-NOT: math.erf
// CHECK: return
func.func @erf_f32(%x: f32) -> f32 {
  %0 = math.erf %x : f32
  return %0 : f32
}

// -----

// f32 exp: range reduction by round(x / ln 2), a polynomial, and a scale by
// 2^n built from the exponent bits.
// CHECK-LABEL: func.func @exp_f32
// CHECK-NOT: math.exp
// CHECK: math.floor
// CHECK: math.fma
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.shli
// CHECK: arith.bitcast %{{.*}} : i32 to f32
// CHECK: arith.mulf
// CHECK-NOT: math.exp
// CHECK: return
func.func @exp_f32(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}

// -----

// Vectors of f32 are approximated elementwise.
// CHECK-LABEL: func.func @log1p_vector
// CHECK-NOT: math.log1p
// CHECK: arith.bitcast %{{.*}} : vector<4xf32> to vector<4xi32>
// CHECK: math.fma %{{.*}} : vector<4xf32>
// CHECK-NOT: math.log1p
// CHECK: return %{{.*}} : vector<4xf32>
func.func @log1p_vector(%x: vector<4xf32>) -> vector<4xf32> {
  %0 = math.log1p %x : vector<4xf32>
  return %0 : vector<4xf32>
}

// -----

// f64 has no approximation: the ops stay.
// CHECK-LABEL: func.func @f64_untouched
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[X]] : f64
// CHECK-NEXT: %[[E:.*]] = math.erf %[[X]] : f64
// CHECK-NEXT: %[[X2:.*]] = math.exp %[[X]] : f64
// CHECK-NEXT: return %[[T]], %[[E]], %[[X2]] : f64, f64, f64
func.func @f64_untouched(%x: f64) -> (f64, f64, f64) {
  %0 = math.tanh %x : f64
  %1 = math.erf %x : f64
  %2 = math.exp %x : f64
  return %0, %1, %2 : f64, f64, f64
}

// -----

// f16 is approximated in f32: extended, computed, truncated back.
// CHECK-LABEL: func.func @tanh_f16
// CHECK-SAME: (%[[X:.*]]: f16)
// CHECK-NOT: math.tanh
// CHECK: %[[WIDE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: math.fma
// CHECK: %[[R:.*]] = arith.truncf %{{.*}} : f32 to f16
// CHECK: return %[[R]] : f16
func.func @tanh_f16(%x: f16) -> f16 {
  %0 = math.tanh %x : f16
  return %0 : f16
}

// -----

// sin and cos stay as they are (library calls later): MLIR's approximation
// loses accuracy for large arguments.
// CHECK-LABEL: func.func @sin_cos_f32
// CHECK: math.sin
// CHECK: math.cos
func.func @sin_cos_f32(%x: f32) -> (f32, f32) {
  %0 = math.sin %x : f32
  %1 = math.cos %x : f32
  return %0, %1 : f32, f32
}
