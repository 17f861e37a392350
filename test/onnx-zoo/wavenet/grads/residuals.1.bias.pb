Bresiduals.1.biasJ K¸$N;îŸºº¯:
eEº/:İ<‘:Æ¨Òº