B
dec.0.biasJS{N¼ŸÄí<·õ½K^ú<