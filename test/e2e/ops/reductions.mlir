// reduce_sum, reduce_mean, reduce_max and logsumexp over one axis, several
// (unsorted, negative) axes and every axis (empty list), with and without
// keepdim, on a 3x4x5 `x`. logsumexp and reduce_max also run on `big`, whose
// values reach +-1e4 and which holds one all -inf row (logsumexp and amax of
// it are -inf). Golden data: make_golden.py (group "reductions").
func.func @forward(
    %x: tensor<3x4x5xf32> {nn.input = "x"},
    %big: tensor<3x4x5xf32> {nn.input = "big"})
    -> (tensor<3x5xf32> {nn.output = "sum_1"},
        tensor<1x4x1xf32> {nn.output = "sum_0_2_keep"},
        tensor<f32> {nn.output = "sum_all"},
        tensor<3x4xf32> {nn.output = "mean_neg1"},
        tensor<1x4x1xf32> {nn.output = "mean_neg1_0_keep"},
        tensor<1x1x1xf32> {nn.output = "mean_all_keep"},
        tensor<3x4x1xf32> {nn.output = "max_2_keep"},
        tensor<4xf32> {nn.output = "max_2_neg3"},
        tensor<f32> {nn.output = "max_all"},
        tensor<3x5xf32> {nn.output = "lse_1"},
        tensor<1x4x1xf32> {nn.output = "lse_neg1_0_keep"},
        tensor<f32> {nn.output = "lse_all"},
        tensor<3x4xf32> {nn.output = "lse_big_neg1"},
        tensor<3x1x5xf32> {nn.output = "lse_big_1_keep"},
        tensor<3x4xf32> {nn.output = "max_big_neg1"}) {
  %sum_1 = nn.reduce_sum %x [1] : tensor<3x4x5xf32>
  %sum_02 = nn.reduce_sum %x [0, 2] {keepdim = true} : tensor<3x4x5xf32>
  %sum_all = nn.reduce_sum %x [] : tensor<3x4x5xf32>
  %mean_n1 = nn.reduce_mean %x [-1] : tensor<3x4x5xf32>
  %mean_n10 = nn.reduce_mean %x [-1, 0] {keepdim = true} : tensor<3x4x5xf32>
  %mean_all = nn.reduce_mean %x [] {keepdim = true} : tensor<3x4x5xf32>
  %max_2 = nn.reduce_max %x [2] {keepdim = true} : tensor<3x4x5xf32>
  %max_2n3 = nn.reduce_max %x [2, -3] {keepdim = false} : tensor<3x4x5xf32>
  %max_all = nn.reduce_max %x [] : tensor<3x4x5xf32>
  %lse_1 = nn.logsumexp %x [1] : tensor<3x4x5xf32>
  %lse_n10 = nn.logsumexp %x [-1, 0] {keepdim = true} : tensor<3x4x5xf32>
  %lse_all = nn.logsumexp %x [] : tensor<3x4x5xf32>
  %lse_big = nn.logsumexp %big [-1] : tensor<3x4x5xf32>
  %lse_big_1 = nn.logsumexp %big [1] {keepdim = true} : tensor<3x4x5xf32>
  %max_big = nn.reduce_max %big [-1] : tensor<3x4x5xf32>
  return %sum_1, %sum_02, %sum_all, %mean_n1, %mean_n10, %mean_all, %max_2,
         %max_2n3, %max_all, %lse_1, %lse_n10, %lse_all, %lse_big,
         %lse_big_1, %max_big
      : tensor<3x5xf32>, tensor<1x4x1xf32>, tensor<f32>, tensor<3x4xf32>,
        tensor<1x4x1xf32>, tensor<1x1x1xf32>, tensor<3x4x1xf32>,
        tensor<4xf32>, tensor<f32>, tensor<3x5xf32>, tensor<1x4x1xf32>,
        tensor<f32>, tensor<3x4xf32>, tensor<3x1x5xf32>, tensor<3x4xf32>
}
