B
bn1.weightJqğ½FÅO¼ŒS=Ç¤=