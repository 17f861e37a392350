// [jepa] A joint-embedding predictive architecture on video clips of 2
// frames x 4 spatial patches (6-d each), batch 2, in latent space:
//  - V-JEPA tube masking: spatial patches 2 and 3 are hidden in every frame
//    (with one frame this is I-JEPA's block masking of image patches);
//  - a context encoder (linear + GELU, plus learned spacetime position
//    embeddings) sees only the visible patches;
//  - a predictor (MLP) predicts each hidden patch's representation from the
//    mean of the context representations plus a mask token at that
//    patch's position;
//  - a target encoder, the exponential moving average of the context
//    encoder, encodes the whole clip; its representations of the hidden
//    patches are the targets, behind nn.stop_gradient;
//  - @loss: the mean squared error between predictions and targets in
//    representation space; @forward also returns the EMA update of the
//    target encoder's weights (m = 0.99).
// Weights: jepa.safetensors (test/arch/jepa/make_golden.py).
func.func @forward(%video: tensor<2x2x4x6xf32> {nn.input = "video"},
    %we: tensor<6x8xf32> {nn.param = "encoder.weight"},
    %be: tensor<8xf32> {nn.param = "encoder.bias"},
    %wt: tensor<6x8xf32> {nn.param = "target_encoder.weight"},
    %bt: tensor<8xf32> {nn.param = "target_encoder.bias"},
    %pos: tensor<2x4x8xf32> {nn.param = "pos_embedding"},
    %mask_token: tensor<8xf32> {nn.param = "mask_token"},
    %wp1: tensor<8x16xf32> {nn.param = "predictor.fc1.weight"},
    %bp1: tensor<16xf32> {nn.param = "predictor.fc1.bias"},
    %wp2: tensor<16x8xf32> {nn.param = "predictor.fc2.weight"},
    %bp2: tensor<8xf32> {nn.param = "predictor.fc2.bias"})
    -> (tensor<2x4x8xf32> {nn.output = "predictions"}, tensor<2x4x8xf32> {nn.output = "targets"},
        tensor<6x8xf32> {nn.output = "target_encoder.weight"}, tensor<8xf32> {nn.output = "target_encoder.bias"}) {
  // Tube masking: spatial positions 2 and 3 are hidden in every frame.
  %ctx4 = nn.slice %video [0, 0, 0, 0] to [2, 2, 2, 6] : tensor<2x2x4x6xf32>
  %tgt4 = nn.slice %video [0, 0, 2, 0] to [2, 2, 4, 6] : tensor<2x2x4x6xf32>
  %ctxpos = nn.slice %pos [0, 0, 0] to [2, 2, 8] : tensor<2x4x8xf32>
  %tgtpos = nn.slice %pos [0, 2, 0] to [2, 4, 8] : tensor<2x4x8xf32>
  // Context encoder on the visible tokens only.
  %cm = nn.matmul %ctx4, %we : tensor<2x2x2x6xf32>, tensor<6x8xf32>
  %cz = nn.add %cm, %be : tensor<2x2x2x8xf32>, tensor<8xf32>
  %ch = nn.gelu %cz : tensor<2x2x2x8xf32>
  %cp = nn.add %ch, %ctxpos : tensor<2x2x2x8xf32>, tensor<2x2x8xf32>
  %cflat = nn.reshape %cp [2, 4, 8] : tensor<2x2x2x8xf32>
  %summary = nn.reduce_mean %cflat [1] {keepdim = true} : tensor<2x4x8xf32>
  // Predictor: the context summary plus a mask token at each hidden
  // position's embedding, through an MLP.
  %qpos = nn.add %tgtpos, %mask_token : tensor<2x2x8xf32>, tensor<8xf32>
  %qflat = nn.reshape %qpos [4, 8] : tensor<2x2x8xf32>
  %query = nn.add %summary, %qflat : tensor<2x1x8xf32>, tensor<4x8xf32>
  %p1m = nn.matmul %query, %wp1 : tensor<2x4x8xf32>, tensor<8x16xf32>
  %p1z = nn.add %p1m, %bp1 : tensor<2x4x16xf32>, tensor<16xf32>
  %p1 = nn.gelu %p1z : tensor<2x4x16xf32>
  %p2m = nn.matmul %p1, %wp2 : tensor<2x4x16xf32>, tensor<16x8xf32>
  %pred = nn.add %p2m, %bp2 : tensor<2x4x8xf32>, tensor<8xf32>
  // Target encoder (the EMA copy) on the whole clip, read at the hidden
  // positions; no gradient reaches it.
  %tm = nn.matmul %video, %wt : tensor<2x2x4x6xf32>, tensor<6x8xf32>
  %tz = nn.add %tm, %bt : tensor<2x2x4x8xf32>, tensor<8xf32>
  %th = nn.gelu %tz : tensor<2x2x4x8xf32>
  %tp = nn.add %th, %pos : tensor<2x2x4x8xf32>, tensor<2x4x8xf32>
  %tsel = nn.slice %tp [0, 0, 2, 0] to [2, 2, 4, 8] : tensor<2x2x4x8xf32>
  %tflat = nn.reshape %tsel [2, 4, 8] : tensor<2x2x2x8xf32>
  %target = nn.stop_gradient %tflat : tensor<2x4x8xf32>
  // EMA update of the target encoder: m theta_bar + (1 - m) theta.
  %m = arith.constant dense<0.99> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %rest = nn.sub %one, %m : tensor<f32>, tensor<f32>
  %wt_keep = nn.mul %wt, %m : tensor<6x8xf32>, tensor<f32>
  %we_new = nn.mul %we, %rest : tensor<6x8xf32>, tensor<f32>
  %wt_next = nn.add %wt_keep, %we_new : tensor<6x8xf32>, tensor<6x8xf32>
  %bt_keep = nn.mul %bt, %m : tensor<8xf32>, tensor<f32>
  %be_new = nn.mul %be, %rest : tensor<8xf32>, tensor<f32>
  %bt_next = nn.add %bt_keep, %be_new : tensor<8xf32>, tensor<8xf32>
  return %pred, %target, %wt_next, %bt_next : tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<6x8xf32>, tensor<8xf32>
}

func.func @loss(%video: tensor<2x2x4x6xf32> {nn.input = "video"},
    %we: tensor<6x8xf32> {nn.param = "encoder.weight"},
    %be: tensor<8xf32> {nn.param = "encoder.bias"},
    %wt: tensor<6x8xf32> {nn.param = "target_encoder.weight"},
    %bt: tensor<8xf32> {nn.param = "target_encoder.bias"},
    %pos: tensor<2x4x8xf32> {nn.param = "pos_embedding"},
    %mask_token: tensor<8xf32> {nn.param = "mask_token"},
    %wp1: tensor<8x16xf32> {nn.param = "predictor.fc1.weight"},
    %bp1: tensor<16xf32> {nn.param = "predictor.fc1.bias"},
    %wp2: tensor<16x8xf32> {nn.param = "predictor.fc2.weight"},
    %bp2: tensor<8xf32> {nn.param = "predictor.fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  // Tube masking: spatial positions 2 and 3 are hidden in every frame.
  %ctx4 = nn.slice %video [0, 0, 0, 0] to [2, 2, 2, 6] : tensor<2x2x4x6xf32>
  %tgt4 = nn.slice %video [0, 0, 2, 0] to [2, 2, 4, 6] : tensor<2x2x4x6xf32>
  %ctxpos = nn.slice %pos [0, 0, 0] to [2, 2, 8] : tensor<2x4x8xf32>
  %tgtpos = nn.slice %pos [0, 2, 0] to [2, 4, 8] : tensor<2x4x8xf32>
  // Context encoder on the visible tokens only.
  %cm = nn.matmul %ctx4, %we : tensor<2x2x2x6xf32>, tensor<6x8xf32>
  %cz = nn.add %cm, %be : tensor<2x2x2x8xf32>, tensor<8xf32>
  %ch = nn.gelu %cz : tensor<2x2x2x8xf32>
  %cp = nn.add %ch, %ctxpos : tensor<2x2x2x8xf32>, tensor<2x2x8xf32>
  %cflat = nn.reshape %cp [2, 4, 8] : tensor<2x2x2x8xf32>
  %summary = nn.reduce_mean %cflat [1] {keepdim = true} : tensor<2x4x8xf32>
  // Predictor: the context summary plus a mask token at each hidden
  // position's embedding, through an MLP.
  %qpos = nn.add %tgtpos, %mask_token : tensor<2x2x8xf32>, tensor<8xf32>
  %qflat = nn.reshape %qpos [4, 8] : tensor<2x2x8xf32>
  %query = nn.add %summary, %qflat : tensor<2x1x8xf32>, tensor<4x8xf32>
  %p1m = nn.matmul %query, %wp1 : tensor<2x4x8xf32>, tensor<8x16xf32>
  %p1z = nn.add %p1m, %bp1 : tensor<2x4x16xf32>, tensor<16xf32>
  %p1 = nn.gelu %p1z : tensor<2x4x16xf32>
  %p2m = nn.matmul %p1, %wp2 : tensor<2x4x16xf32>, tensor<16x8xf32>
  %pred = nn.add %p2m, %bp2 : tensor<2x4x8xf32>, tensor<8xf32>
  // Target encoder (the EMA copy) on the whole clip, read at the hidden
  // positions; no gradient reaches it.
  %tm = nn.matmul %video, %wt : tensor<2x2x4x6xf32>, tensor<6x8xf32>
  %tz = nn.add %tm, %bt : tensor<2x2x4x8xf32>, tensor<8xf32>
  %th = nn.gelu %tz : tensor<2x2x4x8xf32>
  %tp = nn.add %th, %pos : tensor<2x2x4x8xf32>, tensor<2x4x8xf32>
  %tsel = nn.slice %tp [0, 0, 2, 0] to [2, 2, 4, 8] : tensor<2x2x4x8xf32>
  %tflat = nn.reshape %tsel [2, 4, 8] : tensor<2x2x2x8xf32>
  %target = nn.stop_gradient %tflat : tensor<2x4x8xf32>
  %l = nn.mse_loss %pred, %target : tensor<2x4x8xf32>, tensor<2x4x8xf32>
  return %l : tensor<f32>
}
