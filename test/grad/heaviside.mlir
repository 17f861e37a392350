// Gradient of nn.heaviside: the surrogate's derivative times the
// cotangent, for fast_sigmoid (the default, slope 25), sigmoid (slope 5)
// and straight_through, and a spike times its own input (fast_sigmoid,
// slope 2), where the product rule adds the spike itself.
// Golden data: make_golden.py (test "heaviside").
func.func @loss(
    %v1: tensor<4x5xf32> {nn.param = "v1"},
    %v2: tensor<4x5xf32> {nn.param = "v2"},
    %v3: tensor<4x5xf32> {nn.param = "v3"},
    %v4: tensor<4x5xf32> {nn.param = "v4"},
    %cot_fast: tensor<4x5xf32> {nn.input = "cot_fast"},
    %cot_sigmoid: tensor<4x5xf32> {nn.input = "cot_sigmoid"},
    %cot_straight: tensor<4x5xf32> {nn.input = "cot_straight"},
    %cot_prod: tensor<4x5xf32> {nn.input = "cot_prod"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %s1 = nn.heaviside %v1 : tensor<4x5xf32>
  %s2 = nn.heaviside %v2 {surrogate = "sigmoid", slope = 5.0} : tensor<4x5xf32>
  %s3 = nn.heaviside %v3 {surrogate = "straight_through"} : tensor<4x5xf32>
  %s4 = nn.heaviside %v4 {slope = 2.0} : tensor<4x5xf32>
  %p4 = nn.mul %s4, %v4 : tensor<4x5xf32>, tensor<4x5xf32>
  %prod0 = nn.mul %s1, %cot_fast : tensor<4x5xf32>, tensor<4x5xf32>
  %term0 = nn.reduce_sum %prod0 [] : tensor<4x5xf32>
  %prod1 = nn.mul %s2, %cot_sigmoid : tensor<4x5xf32>, tensor<4x5xf32>
  %term1 = nn.reduce_sum %prod1 [] : tensor<4x5xf32>
  %prod2 = nn.mul %s3, %cot_straight : tensor<4x5xf32>, tensor<4x5xf32>
  %term2 = nn.reduce_sum %prod2 [] : tensor<4x5xf32>
  %prod3 = nn.mul %p4, %cot_prod : tensor<4x5xf32>, tensor<4x5xf32>
  %term3 = nn.reduce_sum %prod3 [] : tensor<4x5xf32>
  %sum0 = nn.add %term0, %term1 : tensor<f32>, tensor<f32>
  %sum1 = nn.add %sum0, %term2 : tensor<f32>, tensor<f32>
  %sum2 = nn.add %sum1, %term3 : tensor<f32>, tensor<f32>
  return %sum2 : tensor<f32>
}
