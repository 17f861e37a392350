// reduce_prod (torch.prod, over several axes at once) over one axis, several
// (unsorted, negative) axes and every axis, with and without keepdim, on a
// 3x4x5 `x` of values near +-1 (products stay near 1 in magnitude) with
// negatives and one exact zero, whose slices' products are (-)0.
// Golden data: make_golden.py (group "products").
func.func @forward(%x: tensor<3x4x5xf32> {nn.input = "x"})
    -> (tensor<3x5xf32> {nn.output = "prod_1"},
        tensor<1x4x1xf32> {nn.output = "prod_neg1_0_keep"},
        tensor<f32> {nn.output = "prod_all"},
        tensor<3x4x1xf32> {nn.output = "prod_2_keep"}) {
  %p1 = nn.reduce_prod %x [1] : tensor<3x4x5xf32>
  %p10 = nn.reduce_prod %x [-1, 0] {keepdim = true} : tensor<3x4x5xf32>
  %pall = nn.reduce_prod %x [] : tensor<3x4x5xf32>
  %p2 = nn.reduce_prod %x [2] {keepdim = true} : tensor<3x4x5xf32>
  return %p1, %p10, %pall, %p2
      : tensor<3x5xf32>, tensor<1x4x1xf32>, tensor<f32>, tensor<3x4x1xf32>
}
