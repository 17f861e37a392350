// [mlp] A multilayer perceptron, 12 -> 24 -> 24 -> 5, whose hidden
// activation is selectable: @forward computes the same network (shared
// weights) once per activation of the dialect's table, as outputs
// logits_<activation> (relu, leaky_relu with slope 0.1, elu, gelu, gelu with
// the tanh approximation, silu, mish, softplus, sigmoid, tanh); a model that
// needs one keeps that output and the rest is dead code. @loss trains all of
// them: the sum of each variant's mean cross-entropy against labels y.
// Weights: mlp.safetensors (test/arch/mlp/make_golden.py).
func.func @forward(%x: tensor<16x12xf32> {nn.input = "x"},
    %p0: tensor<12x24xf32> {nn.param = "fc1.weight"},
    %p1: tensor<24xf32> {nn.param = "fc1.bias"},
    %p2: tensor<24x24xf32> {nn.param = "fc2.weight"},
    %p3: tensor<24xf32> {nn.param = "fc2.bias"},
    %p4: tensor<24x5xf32> {nn.param = "fc3.weight"},
    %p5: tensor<5xf32> {nn.param = "fc3.bias"})
    -> (tensor<16x5xf32> {nn.output = "logits_relu"},
        tensor<16x5xf32> {nn.output = "logits_leaky_relu"},
        tensor<16x5xf32> {nn.output = "logits_elu"},
        tensor<16x5xf32> {nn.output = "logits_gelu"},
        tensor<16x5xf32> {nn.output = "logits_gelu_tanh"},
        tensor<16x5xf32> {nn.output = "logits_silu"},
        tensor<16x5xf32> {nn.output = "logits_mish"},
        tensor<16x5xf32> {nn.output = "logits_softplus"},
        tensor<16x5xf32> {nn.output = "logits_sigmoid"},
        tensor<16x5xf32> {nn.output = "logits_tanh"}) {
  %relu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %relu_z1 = nn.add %relu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %relu_h1 = nn.relu %relu_z1 : tensor<16x24xf32>
  %relu_m2 = nn.matmul %relu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %relu_z2 = nn.add %relu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %relu_h2 = nn.relu %relu_z2 : tensor<16x24xf32>
  %relu_m3 = nn.matmul %relu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %relu = nn.add %relu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %leaky_relu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %leaky_relu_z1 = nn.add %leaky_relu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %leaky_relu_h1 = nn.leaky_relu %leaky_relu_z1 {negative_slope = 0.1 : f64} : tensor<16x24xf32>
  %leaky_relu_m2 = nn.matmul %leaky_relu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %leaky_relu_z2 = nn.add %leaky_relu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %leaky_relu_h2 = nn.leaky_relu %leaky_relu_z2 {negative_slope = 0.1 : f64} : tensor<16x24xf32>
  %leaky_relu_m3 = nn.matmul %leaky_relu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %leaky_relu = nn.add %leaky_relu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %elu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %elu_z1 = nn.add %elu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %elu_h1 = nn.elu %elu_z1 : tensor<16x24xf32>
  %elu_m2 = nn.matmul %elu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %elu_z2 = nn.add %elu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %elu_h2 = nn.elu %elu_z2 : tensor<16x24xf32>
  %elu_m3 = nn.matmul %elu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %elu = nn.add %elu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %gelu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %gelu_z1 = nn.add %gelu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_h1 = nn.gelu %gelu_z1 : tensor<16x24xf32>
  %gelu_m2 = nn.matmul %gelu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %gelu_z2 = nn.add %gelu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_h2 = nn.gelu %gelu_z2 : tensor<16x24xf32>
  %gelu_m3 = nn.matmul %gelu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %gelu = nn.add %gelu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %gelu_tanh_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %gelu_tanh_z1 = nn.add %gelu_tanh_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_tanh_h1 = nn.gelu %gelu_tanh_z1 {approximate = "tanh"} : tensor<16x24xf32>
  %gelu_tanh_m2 = nn.matmul %gelu_tanh_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %gelu_tanh_z2 = nn.add %gelu_tanh_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_tanh_h2 = nn.gelu %gelu_tanh_z2 {approximate = "tanh"} : tensor<16x24xf32>
  %gelu_tanh_m3 = nn.matmul %gelu_tanh_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %gelu_tanh = nn.add %gelu_tanh_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %silu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %silu_z1 = nn.add %silu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %silu_h1 = nn.silu %silu_z1 : tensor<16x24xf32>
  %silu_m2 = nn.matmul %silu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %silu_z2 = nn.add %silu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %silu_h2 = nn.silu %silu_z2 : tensor<16x24xf32>
  %silu_m3 = nn.matmul %silu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %silu = nn.add %silu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %mish_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %mish_z1 = nn.add %mish_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %mish_h1 = nn.mish %mish_z1 : tensor<16x24xf32>
  %mish_m2 = nn.matmul %mish_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %mish_z2 = nn.add %mish_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %mish_h2 = nn.mish %mish_z2 : tensor<16x24xf32>
  %mish_m3 = nn.matmul %mish_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %mish = nn.add %mish_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %softplus_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %softplus_z1 = nn.add %softplus_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %softplus_h1 = nn.softplus %softplus_z1 : tensor<16x24xf32>
  %softplus_m2 = nn.matmul %softplus_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %softplus_z2 = nn.add %softplus_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %softplus_h2 = nn.softplus %softplus_z2 : tensor<16x24xf32>
  %softplus_m3 = nn.matmul %softplus_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %softplus = nn.add %softplus_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %sigmoid_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %sigmoid_z1 = nn.add %sigmoid_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %sigmoid_h1 = nn.sigmoid %sigmoid_z1 : tensor<16x24xf32>
  %sigmoid_m2 = nn.matmul %sigmoid_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %sigmoid_z2 = nn.add %sigmoid_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %sigmoid_h2 = nn.sigmoid %sigmoid_z2 : tensor<16x24xf32>
  %sigmoid_m3 = nn.matmul %sigmoid_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %sigmoid = nn.add %sigmoid_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %tanh_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %tanh_z1 = nn.add %tanh_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %tanh_h1 = nn.tanh %tanh_z1 : tensor<16x24xf32>
  %tanh_m2 = nn.matmul %tanh_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %tanh_z2 = nn.add %tanh_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %tanh_h2 = nn.tanh %tanh_z2 : tensor<16x24xf32>
  %tanh_m3 = nn.matmul %tanh_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %tanh = nn.add %tanh_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  return %relu, %leaky_relu, %elu, %gelu, %gelu_tanh, %silu, %mish, %softplus, %sigmoid, %tanh : tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>, tensor<16x5xf32>
}

func.func @loss(%x: tensor<16x12xf32> {nn.input = "x"}, %y: tensor<16xi64> {nn.input = "y"},
    %p0: tensor<12x24xf32> {nn.param = "fc1.weight"},
    %p1: tensor<24xf32> {nn.param = "fc1.bias"},
    %p2: tensor<24x24xf32> {nn.param = "fc2.weight"},
    %p3: tensor<24xf32> {nn.param = "fc2.bias"},
    %p4: tensor<24x5xf32> {nn.param = "fc3.weight"},
    %p5: tensor<5xf32> {nn.param = "fc3.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %relu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %relu_z1 = nn.add %relu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %relu_h1 = nn.relu %relu_z1 : tensor<16x24xf32>
  %relu_m2 = nn.matmul %relu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %relu_z2 = nn.add %relu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %relu_h2 = nn.relu %relu_z2 : tensor<16x24xf32>
  %relu_m3 = nn.matmul %relu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %relu = nn.add %relu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %leaky_relu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %leaky_relu_z1 = nn.add %leaky_relu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %leaky_relu_h1 = nn.leaky_relu %leaky_relu_z1 {negative_slope = 0.1 : f64} : tensor<16x24xf32>
  %leaky_relu_m2 = nn.matmul %leaky_relu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %leaky_relu_z2 = nn.add %leaky_relu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %leaky_relu_h2 = nn.leaky_relu %leaky_relu_z2 {negative_slope = 0.1 : f64} : tensor<16x24xf32>
  %leaky_relu_m3 = nn.matmul %leaky_relu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %leaky_relu = nn.add %leaky_relu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %elu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %elu_z1 = nn.add %elu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %elu_h1 = nn.elu %elu_z1 : tensor<16x24xf32>
  %elu_m2 = nn.matmul %elu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %elu_z2 = nn.add %elu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %elu_h2 = nn.elu %elu_z2 : tensor<16x24xf32>
  %elu_m3 = nn.matmul %elu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %elu = nn.add %elu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %gelu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %gelu_z1 = nn.add %gelu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_h1 = nn.gelu %gelu_z1 : tensor<16x24xf32>
  %gelu_m2 = nn.matmul %gelu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %gelu_z2 = nn.add %gelu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_h2 = nn.gelu %gelu_z2 : tensor<16x24xf32>
  %gelu_m3 = nn.matmul %gelu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %gelu = nn.add %gelu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %gelu_tanh_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %gelu_tanh_z1 = nn.add %gelu_tanh_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_tanh_h1 = nn.gelu %gelu_tanh_z1 {approximate = "tanh"} : tensor<16x24xf32>
  %gelu_tanh_m2 = nn.matmul %gelu_tanh_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %gelu_tanh_z2 = nn.add %gelu_tanh_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %gelu_tanh_h2 = nn.gelu %gelu_tanh_z2 {approximate = "tanh"} : tensor<16x24xf32>
  %gelu_tanh_m3 = nn.matmul %gelu_tanh_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %gelu_tanh = nn.add %gelu_tanh_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %silu_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %silu_z1 = nn.add %silu_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %silu_h1 = nn.silu %silu_z1 : tensor<16x24xf32>
  %silu_m2 = nn.matmul %silu_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %silu_z2 = nn.add %silu_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %silu_h2 = nn.silu %silu_z2 : tensor<16x24xf32>
  %silu_m3 = nn.matmul %silu_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %silu = nn.add %silu_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %mish_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %mish_z1 = nn.add %mish_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %mish_h1 = nn.mish %mish_z1 : tensor<16x24xf32>
  %mish_m2 = nn.matmul %mish_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %mish_z2 = nn.add %mish_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %mish_h2 = nn.mish %mish_z2 : tensor<16x24xf32>
  %mish_m3 = nn.matmul %mish_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %mish = nn.add %mish_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %softplus_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %softplus_z1 = nn.add %softplus_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %softplus_h1 = nn.softplus %softplus_z1 : tensor<16x24xf32>
  %softplus_m2 = nn.matmul %softplus_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %softplus_z2 = nn.add %softplus_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %softplus_h2 = nn.softplus %softplus_z2 : tensor<16x24xf32>
  %softplus_m3 = nn.matmul %softplus_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %softplus = nn.add %softplus_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %sigmoid_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %sigmoid_z1 = nn.add %sigmoid_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %sigmoid_h1 = nn.sigmoid %sigmoid_z1 : tensor<16x24xf32>
  %sigmoid_m2 = nn.matmul %sigmoid_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %sigmoid_z2 = nn.add %sigmoid_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %sigmoid_h2 = nn.sigmoid %sigmoid_z2 : tensor<16x24xf32>
  %sigmoid_m3 = nn.matmul %sigmoid_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %sigmoid = nn.add %sigmoid_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %tanh_m1 = nn.matmul %x, %p0 : tensor<16x12xf32>, tensor<12x24xf32>
  %tanh_z1 = nn.add %tanh_m1, %p1 : tensor<16x24xf32>, tensor<24xf32>
  %tanh_h1 = nn.tanh %tanh_z1 : tensor<16x24xf32>
  %tanh_m2 = nn.matmul %tanh_h1, %p2 : tensor<16x24xf32>, tensor<24x24xf32>
  %tanh_z2 = nn.add %tanh_m2, %p3 : tensor<16x24xf32>, tensor<24xf32>
  %tanh_h2 = nn.tanh %tanh_z2 : tensor<16x24xf32>
  %tanh_m3 = nn.matmul %tanh_h2, %p4 : tensor<16x24xf32>, tensor<24x5xf32>
  %tanh = nn.add %tanh_m3, %p5 : tensor<16x5xf32>, tensor<5xf32>
  %ce_relu = nn.cross_entropy %relu, %y : tensor<16x5xf32>, tensor<16xi64>
  %ce_leaky_relu = nn.cross_entropy %leaky_relu, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum1 = nn.add %ce_relu, %ce_leaky_relu : tensor<f32>, tensor<f32>
  %ce_elu = nn.cross_entropy %elu, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum2 = nn.add %sum1, %ce_elu : tensor<f32>, tensor<f32>
  %ce_gelu = nn.cross_entropy %gelu, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum3 = nn.add %sum2, %ce_gelu : tensor<f32>, tensor<f32>
  %ce_gelu_tanh = nn.cross_entropy %gelu_tanh, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum4 = nn.add %sum3, %ce_gelu_tanh : tensor<f32>, tensor<f32>
  %ce_silu = nn.cross_entropy %silu, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum5 = nn.add %sum4, %ce_silu : tensor<f32>, tensor<f32>
  %ce_mish = nn.cross_entropy %mish, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum6 = nn.add %sum5, %ce_mish : tensor<f32>, tensor<f32>
  %ce_softplus = nn.cross_entropy %softplus, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum7 = nn.add %sum6, %ce_softplus : tensor<f32>, tensor<f32>
  %ce_sigmoid = nn.cross_entropy %sigmoid, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum8 = nn.add %sum7, %ce_sigmoid : tensor<f32>, tensor<f32>
  %ce_tanh = nn.cross_entropy %tanh, %y : tensor<16x5xf32>, tensor<16xi64>
  %sum9 = nn.add %sum8, %ce_tanh : tensor<f32>, tensor<f32>
  return %sum9 : tensor<f32>
}
