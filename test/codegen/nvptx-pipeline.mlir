// The default target is sm_90 with PTX ISA 8.0.
// RUN: nnc-opt %s --nnc-nvptx-pipeline \
// RUN:   | FileCheck %s --check-prefixes=CHECK,SM90 \
// RUN:       --implicit-check-not='{{(^|[^a-zA-Z0-9_.])(nn|linalg|tensor|bufferization|memref|scf|cf|arith|math|func)\.[a-z]}}' \
// RUN:       --implicit-check-not=gpu.module
// RUN: nnc-opt %s '--nnc-nvptx-pipeline=chip=sm_80 features=+ptx78 block-size=128' \
// RUN:   | FileCheck %s --check-prefixes=CHECK,SM80 \
// RUN:       --implicit-check-not='{{(^|[^a-zA-Z0-9_.])(nn|linalg|tensor|bufferization|memref|scf|cf|arith|math|func)\.[a-z]}}' \
// RUN:       --implicit-check-not=gpu.module

// A dense layer with bias and ReLU: the host function is LLVM dialect that
// launches kernels, all of them in one gpu.binary holding PTX for the chip.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: llvm.func @dense(
// SM90: %[[BLOCK:.*]] = llvm.mlir.constant(256 : index) : i64
// SM80: %[[BLOCK:.*]] = llvm.mlir.constant(128 : index) : i64
// CHECK: gpu.launch_func @[[MODULE:dense_kernel]]::@{{.*}} blocks in ({{.*}}) threads in (%[[BLOCK]], {{.*}})
// CHECK: gpu.launch_func @[[MODULE]]::@{{.*}} blocks in ({{.*}}) threads in (%[[BLOCK]], {{.*}})
// CHECK: llvm.return{{$}}
// CHECK: gpu.binary @[[MODULE]] [#gpu.object<#nvvm.target<O = 3,
// SM90-SAME: chip = "sm_90", features = "+ptx80"
// SM80-SAME: chip = "sm_80", features = "+ptx78"
// CHECK-SAME: assembly = "
// SM90-SAME: .version 8.0
// SM90-SAME: .target sm_90
// SM80-SAME: .version 7.8
// SM80-SAME: .target sm_80
// CHECK-SAME: .visible .entry [[MODULE]](
// CHECK-NOT: gpu.binary
func.func @dense(%x: tensor<8x4xf32> {nn.input = "x"},
                 %w: tensor<4x3xf32> {nn.param = "w"},
                 %b: tensor<3xf32> {nn.param = "b"})
    -> (tensor<8x3xf32> {nn.output = "y"}) {
  %0 = nn.matmul %x, %w : tensor<8x4xf32>, tensor<4x3xf32>
  %1 = nn.add %0, %b : tensor<8x3xf32>, tensor<3xf32>
  %2 = nn.relu %1 : tensor<8x3xf32>
  return %2 : tensor<8x3xf32>
}
