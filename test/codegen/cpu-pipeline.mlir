// RUN: nnc-opt %s -split-input-file --nnc-cpu-pipeline="memory-plan=1" \
// RUN:   | FileCheck %s --implicit-check-not='{{(^|[^a-zA-Z0-9_.])(nn|linalg|tensor|bufferization|memref|scf|cf|arith|math|func)\.[a-z]}}' \
// RUN:       --implicit-check-not=unrealized_conversion_cast
// The default pipeline (no memory plan) lowers every function as fully,
// with one allocation per intermediate and no plan recorded.
// RUN: nnc-opt %s -split-input-file --nnc-cpu-pipeline \
// RUN:   | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{(^|[^a-zA-Z0-9_.])(nn|linalg|tensor|bufferization|memref|scf|cf|arith|math|func)\.[a-z]}}' \
// RUN:       --implicit-check-not=unrealized_conversion_cast --implicit-check-not=nnc.arena_bytes
// DEFAULT: llvm.func @dense(
// DEFAULT: llvm.func @softmax_gelu_sum(

// A dense layer with bias and ReLU ends as one LLVM function: its result
// became a caller-owned out-parameter (a fourth memref descriptor), and no
// op of a higher-level dialect is left (the implicit check-nots). The
// memory plan of its one intermediate (the 8x3 matmul) stays on it.
// CHECK-LABEL: llvm.func @dense
// CHECK-SAME: (%{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64,
// CHECK-SAME: %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64,
// CHECK-SAME: %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64,
// CHECK-SAME: %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64)
// CHECK-SAME: attributes {nnc.arena_bytes = 128 : i64, nnc.intermediate_bytes = 96 : i64} {
// CHECK: llvm.intr.maximum
// CHECK: llvm.return{{$}}
func.func @dense(%x: tensor<8x4xf32> {nn.input = "x"},
                 %w: tensor<4x3xf32> {nn.param = "w"},
                 %b: tensor<3xf32> {nn.param = "b"})
    -> (tensor<8x3xf32> {nn.output = "y"}) {
  %0 = nn.matmul %x, %w : tensor<8x4xf32>, tensor<4x3xf32>
  %1 = nn.add %0, %b : tensor<8x3xf32>, tensor<3xf32>
  %2 = nn.relu %1 : tensor<8x3xf32>
  return %2 : tensor<8x3xf32>
}

// -----

// Intermediate buffers share one heap-allocated arena, freed at the end
// (through the runtime's allocation functions, which reuse large buffers);
// the softmax, GELU and full reduction all lower; a scalar result is an
// out-parameter too.
// CHECK-LABEL: llvm.func @softmax_gelu_sum
// CHECK: llvm.call @_mlir_memref_to_llvm_alloc
// CHECK: llvm.fdiv
// CHECK: llvm.call @_mlir_memref_to_llvm_free
// CHECK: llvm.return{{$}}
func.func @softmax_gelu_sum(%x: tensor<8x10xf32> {nn.input = "x"})
    -> (tensor<8x10xf32> {nn.output = "p"}, tensor<f32> {nn.output = "s"}) {
  %c = arith.constant dense<2.0> : tensor<10xf32>
  %0 = nn.mul %x, %c : tensor<8x10xf32>, tensor<10xf32>
  %1 = nn.softmax %0 axis 1 : tensor<8x10xf32>
  %2 = nn.gelu %1 : tensor<8x10xf32>
  %3 = nn.reduce_sum %2 [] : tensor<8x10xf32>
  return %1, %3 : tensor<8x10xf32>, tensor<f32>
}

// -----

// Elementwise arith on whole tensors (here casts around an f16 softmax) is
// turned into linalg with the nn ops and lowered the same way.
// CHECK-LABEL: llvm.func @half_softmax
// CHECK: llvm.fptrunc %{{.*}} : f32 to f16
// CHECK: llvm.fpext %{{.*}} : f16 to f32
func.func @half_softmax(%x: tensor<4xf32>) -> tensor<4xf32> {
  %h = arith.truncf %x : tensor<4xf32> to tensor<4xf16>
  %s = nn.softmax %h axis 0 : tensor<4xf16>
  %y = arith.extf %s : tensor<4xf16> to tensor<4xf32>
  return %y : tensor<4xf32>
}
