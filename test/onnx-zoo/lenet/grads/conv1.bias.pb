B
conv1.biasJ“zπ½Άςª½ώδ=cc>