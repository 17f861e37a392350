B
ln1.weightJ@ €
=m¿*º a∏<©=<¸e√;∑á∏jºiÁx<:+ßºóeX∫yÀ®;UbÅ<bﬂwº”uK:'Ω ~≈<