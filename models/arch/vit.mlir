// [vit] A Vision Transformer on 3x8x8 images, batch 2: 4x4 patches
// flattened (channel, row, column) and embedded linearly (a stride-4
// convolution's arithmetic), a learned CLS token prepended, learned
// position embeddings added, one pre-norm encoder block (layer norm,
// 2-head self-attention with a fused qkv projection, residual; layer
// norm, GELU MLP 16 -> 32 -> 16, residual), a final layer norm, and a
// linear classification head on the CLS token (3 classes). @loss is the
// cross-entropy of the logits.
// Weights: vit.safetensors (test/arch/vit/make_golden.py).
func.func @forward(%img: tensor<2x3x8x8xf32> {nn.input = "images"},
    %wp: tensor<48x16xf32> {nn.param = "patch.weight"},
    %bp: tensor<16xf32> {nn.param = "patch.bias"},
    %cls: tensor<1x1x16xf32> {nn.param = "cls_token"},
    %pos: tensor<5x16xf32> {nn.param = "pos_embedding"},
    %g1: tensor<16xf32> {nn.param = "block.norm1.weight"},
    %be1: tensor<16xf32> {nn.param = "block.norm1.bias"},
    %wqkv: tensor<16x48xf32> {nn.param = "block.attn.qkv.weight"},
    %bqkv: tensor<48xf32> {nn.param = "block.attn.qkv.bias"},
    %wo: tensor<16x16xf32> {nn.param = "block.attn.proj.weight"},
    %bo: tensor<16xf32> {nn.param = "block.attn.proj.bias"},
    %g2: tensor<16xf32> {nn.param = "block.norm2.weight"},
    %be2: tensor<16xf32> {nn.param = "block.norm2.bias"},
    %w1: tensor<16x32xf32> {nn.param = "block.mlp.fc1.weight"},
    %b1: tensor<32xf32> {nn.param = "block.mlp.fc1.bias"},
    %w2: tensor<32x16xf32> {nn.param = "block.mlp.fc2.weight"},
    %b2: tensor<16xf32> {nn.param = "block.mlp.fc2.bias"},
    %gf: tensor<16xf32> {nn.param = "norm.weight"},
    %bf: tensor<16xf32> {nn.param = "norm.bias"},
    %wh: tensor<16x3xf32> {nn.param = "head.weight"},
    %bh: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<2x3xf32> {nn.output = "logits"}) {
  %r6 = nn.reshape %img [2, 3, 2, 4, 2, 4] : tensor<2x3x8x8xf32>
  %tr = nn.transpose %r6 [0, 2, 4, 1, 3, 5] : tensor<2x3x2x4x2x4xf32>
  %patches = nn.reshape %tr [2, 4, 48] : tensor<2x2x2x3x4x4xf32>
  %pe = nn.matmul %patches, %wp : tensor<2x4x48xf32>, tensor<48x16xf32>
  %pb = nn.add %pe, %bp : tensor<2x4x16xf32>, tensor<16xf32>
  %clsb = nn.broadcast_to %cls [2, 1, 16] : tensor<1x1x16xf32>
  %tok = nn.concat %clsb, %pb axis 1 : tensor<2x1x16xf32>, tensor<2x4x16xf32>
  %x0 = nn.add %tok, %pos : tensor<2x5x16xf32>, tensor<5x16xf32>
  %n1 = nn.layer_norm %x0, %g1, %be1 : tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>
  %qkv0 = nn.matmul %n1, %wqkv : tensor<2x5x16xf32>, tensor<16x48xf32>
  %qkv = nn.add %qkv0, %bqkv : tensor<2x5x48xf32>, tensor<48xf32>
  %q3 = nn.slice %qkv [0, 0, 0] to [2, 5, 16] : tensor<2x5x48xf32>
  %k3 = nn.slice %qkv [0, 0, 16] to [2, 5, 32] : tensor<2x5x48xf32>
  %v3 = nn.slice %qkv [0, 0, 32] to [2, 5, 48] : tensor<2x5x48xf32>
  %q4 = nn.reshape %q3 [2, 5, 2, 8] : tensor<2x5x16xf32>
  %k4 = nn.reshape %k3 [2, 5, 2, 8] : tensor<2x5x16xf32>
  %v4 = nn.reshape %v3 [2, 5, 2, 8] : tensor<2x5x16xf32>
  %q = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x5x2x8xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x5x2x8xf32>
  %v = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x5x2x8xf32>
  %s0 = nn.matmul %q, %kt : tensor<2x2x5x8xf32>, tensor<2x2x8x5xf32>
  %scale = arith.constant dense<3.535533906e-01> : tensor<f32>
  %s = nn.mul %s0, %scale : tensor<2x2x5x5xf32>, tensor<f32>
  %a = nn.softmax %s axis -1 : tensor<2x2x5x5xf32>
  %o4 = nn.matmul %a, %v : tensor<2x2x5x5xf32>, tensor<2x2x5x8xf32>
  %o4t = nn.transpose %o4 [0, 2, 1, 3] : tensor<2x2x5x8xf32>
  %o3 = nn.reshape %o4t [2, 5, 16] : tensor<2x5x2x8xf32>
  %proj0 = nn.matmul %o3, %wo : tensor<2x5x16xf32>, tensor<16x16xf32>
  %proj = nn.add %proj0, %bo : tensor<2x5x16xf32>, tensor<16xf32>
  %x1 = nn.add %x0, %proj : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %n2 = nn.layer_norm %x1, %g2, %be2 : tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>
  %h0 = nn.matmul %n2, %w1 : tensor<2x5x16xf32>, tensor<16x32xf32>
  %h1 = nn.add %h0, %b1 : tensor<2x5x32xf32>, tensor<32xf32>
  %h = nn.gelu %h1 : tensor<2x5x32xf32>
  %m0 = nn.matmul %h, %w2 : tensor<2x5x32xf32>, tensor<32x16xf32>
  %m = nn.add %m0, %b2 : tensor<2x5x16xf32>, tensor<16xf32>
  %x2 = nn.add %x1, %m : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %nf = nn.layer_norm %x2, %gf, %bf : tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>
  %cls3 = nn.slice %nf [0, 0, 0] to [2, 1, 16] : tensor<2x5x16xf32>
  %clsv = nn.reshape %cls3 [2, 16] : tensor<2x1x16xf32>
  %lg0 = nn.matmul %clsv, %wh : tensor<2x16xf32>, tensor<16x3xf32>
  %logits = nn.add %lg0, %bh : tensor<2x3xf32>, tensor<3xf32>
  return %logits : tensor<2x3xf32>
}

func.func @loss(%img: tensor<2x3x8x8xf32> {nn.input = "images"},
    %y: tensor<2xi64> {nn.input = "labels"},
    %wp: tensor<48x16xf32> {nn.param = "patch.weight"},
    %bp: tensor<16xf32> {nn.param = "patch.bias"},
    %cls: tensor<1x1x16xf32> {nn.param = "cls_token"},
    %pos: tensor<5x16xf32> {nn.param = "pos_embedding"},
    %g1: tensor<16xf32> {nn.param = "block.norm1.weight"},
    %be1: tensor<16xf32> {nn.param = "block.norm1.bias"},
    %wqkv: tensor<16x48xf32> {nn.param = "block.attn.qkv.weight"},
    %bqkv: tensor<48xf32> {nn.param = "block.attn.qkv.bias"},
    %wo: tensor<16x16xf32> {nn.param = "block.attn.proj.weight"},
    %bo: tensor<16xf32> {nn.param = "block.attn.proj.bias"},
    %g2: tensor<16xf32> {nn.param = "block.norm2.weight"},
    %be2: tensor<16xf32> {nn.param = "block.norm2.bias"},
    %w1: tensor<16x32xf32> {nn.param = "block.mlp.fc1.weight"},
    %b1: tensor<32xf32> {nn.param = "block.mlp.fc1.bias"},
    %w2: tensor<32x16xf32> {nn.param = "block.mlp.fc2.weight"},
    %b2: tensor<16xf32> {nn.param = "block.mlp.fc2.bias"},
    %gf: tensor<16xf32> {nn.param = "norm.weight"},
    %bf: tensor<16xf32> {nn.param = "norm.bias"},
    %wh: tensor<16x3xf32> {nn.param = "head.weight"},
    %bh: tensor<3xf32> {nn.param = "head.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %r6 = nn.reshape %img [2, 3, 2, 4, 2, 4] : tensor<2x3x8x8xf32>
  %tr = nn.transpose %r6 [0, 2, 4, 1, 3, 5] : tensor<2x3x2x4x2x4xf32>
  %patches = nn.reshape %tr [2, 4, 48] : tensor<2x2x2x3x4x4xf32>
  %pe = nn.matmul %patches, %wp : tensor<2x4x48xf32>, tensor<48x16xf32>
  %pb = nn.add %pe, %bp : tensor<2x4x16xf32>, tensor<16xf32>
  %clsb = nn.broadcast_to %cls [2, 1, 16] : tensor<1x1x16xf32>
  %tok = nn.concat %clsb, %pb axis 1 : tensor<2x1x16xf32>, tensor<2x4x16xf32>
  %x0 = nn.add %tok, %pos : tensor<2x5x16xf32>, tensor<5x16xf32>
  %n1 = nn.layer_norm %x0, %g1, %be1 : tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>
  %qkv0 = nn.matmul %n1, %wqkv : tensor<2x5x16xf32>, tensor<16x48xf32>
  %qkv = nn.add %qkv0, %bqkv : tensor<2x5x48xf32>, tensor<48xf32>
  %q3 = nn.slice %qkv [0, 0, 0] to [2, 5, 16] : tensor<2x5x48xf32>
  %k3 = nn.slice %qkv [0, 0, 16] to [2, 5, 32] : tensor<2x5x48xf32>
  %v3 = nn.slice %qkv [0, 0, 32] to [2, 5, 48] : tensor<2x5x48xf32>
  %q4 = nn.reshape %q3 [2, 5, 2, 8] : tensor<2x5x16xf32>
  %k4 = nn.reshape %k3 [2, 5, 2, 8] : tensor<2x5x16xf32>
  %v4 = nn.reshape %v3 [2, 5, 2, 8] : tensor<2x5x16xf32>
  %q = nn.transpose %q4 [0, 2, 1, 3] : tensor<2x5x2x8xf32>
  %kt = nn.transpose %k4 [0, 2, 3, 1] : tensor<2x5x2x8xf32>
  %v = nn.transpose %v4 [0, 2, 1, 3] : tensor<2x5x2x8xf32>
  %s0 = nn.matmul %q, %kt : tensor<2x2x5x8xf32>, tensor<2x2x8x5xf32>
  %scale = arith.constant dense<3.535533906e-01> : tensor<f32>
  %s = nn.mul %s0, %scale : tensor<2x2x5x5xf32>, tensor<f32>
  %a = nn.softmax %s axis -1 : tensor<2x2x5x5xf32>
  %o4 = nn.matmul %a, %v : tensor<2x2x5x5xf32>, tensor<2x2x5x8xf32>
  %o4t = nn.transpose %o4 [0, 2, 1, 3] : tensor<2x2x5x8xf32>
  %o3 = nn.reshape %o4t [2, 5, 16] : tensor<2x5x2x8xf32>
  %proj0 = nn.matmul %o3, %wo : tensor<2x5x16xf32>, tensor<16x16xf32>
  %proj = nn.add %proj0, %bo : tensor<2x5x16xf32>, tensor<16xf32>
  %x1 = nn.add %x0, %proj : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %n2 = nn.layer_norm %x1, %g2, %be2 : tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>
  %h0 = nn.matmul %n2, %w1 : tensor<2x5x16xf32>, tensor<16x32xf32>
  %h1 = nn.add %h0, %b1 : tensor<2x5x32xf32>, tensor<32xf32>
  %h = nn.gelu %h1 : tensor<2x5x32xf32>
  %m0 = nn.matmul %h, %w2 : tensor<2x5x32xf32>, tensor<32x16xf32>
  %m = nn.add %m0, %b2 : tensor<2x5x16xf32>, tensor<16xf32>
  %x2 = nn.add %x1, %m : tensor<2x5x16xf32>, tensor<2x5x16xf32>
  %nf = nn.layer_norm %x2, %gf, %bf : tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>
  %cls3 = nn.slice %nf [0, 0, 0] to [2, 1, 16] : tensor<2x5x16xf32>
  %clsv = nn.reshape %cls3 [2, 16] : tensor<2x1x16xf32>
  %lg0 = nn.matmul %clsv, %wh : tensor<2x16xf32>, tensor<16x3xf32>
  %logits = nn.add %lg0, %bh : tensor<2x3xf32>, tensor<3xf32>
  %l = nn.cross_entropy %logits, %y : tensor<2x3xf32>, tensor<2xi64>
  return %l : tensor<f32>
}
